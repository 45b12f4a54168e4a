from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("<int:pk>/", views.index, name="index"),
    path("<int:pk>/cuoc-giam-sat/", views.supervision_list, name="supervisions"),
    path("<int:pk>/cuoc-giam-sat/them/", views.supervision_edit, name="supervision_add"),
    path("cuoc-giam-sat/<int:sid>/", views.supervision_detail, name="supervision"),
    path("cuoc-giam-sat/<int:sid>/sua/", views.supervision_edit, name="supervision_edit"),
    path("cuoc-giam-sat/<int:sid>/bien-ban/", views.supervision_minutes, name="supervision_minutes"),
    path("<int:pk>/kien-nghi/", views.recommendation_list, name="recommendations"),
    path("<int:pk>/kien-nghi/them/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/kien-nghi/theo-co-quan/", views.followup, name="followup"),
    path("kien-nghi/<int:rid>/", views.recommendation_detail, name="recommendation"),
    path("<int:pk>/co-quan/", views.agencies, name="agencies"),
    path("<int:pk>/y-kien/", views.opinions, name="opinions"),
    path("<int:pk>/y-kien/<str:code>/", views.opinion_quarter, name="opinion_quarter"),
]
