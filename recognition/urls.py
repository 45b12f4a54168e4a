from django.urls import path

from . import views

app_name = "recognition"
urlpatterns = [
    path("<int:pk>/", views.index, name="index"),
    path("<int:pk>/danh-hieu/<int:year>/", views.titles, name="titles"),
    path("<int:pk>/danh-hieu/<int:year>/nhap/", views.titles_import, name="titles_import"),
    path("<int:pk>/danh-hieu/<int:year>/mau.xlsx", views.titles_template, name="titles_template"),
    path("<int:pk>/khen-thuong/", views.nominations, name="nominations"),
    path("<int:pk>/khen-thuong/them/", views.nomination_edit, name="nomination_add"),
    path("khen-thuong/<int:nid>/", views.nomination_detail, name="nomination"),
    path("khen-thuong/<int:nid>/sua/", views.nomination_edit, name="nomination_edit"),
    path("<int:pk>/guong-dien-hinh/", views.exemplary, name="exemplary"),
    path("<int:pk>/guong-dien-hinh/them/", views.exemplary_edit, name="exemplary_add"),
    path("guong-dien-hinh/<int:eid>/sua/", views.exemplary_edit, name="exemplary_edit"),
    path("guong-dien-hinh/<int:eid>/anh/", views.exemplary_photo, name="exemplary_photo"),
]
