from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("cap-moi/", views.token_add, name="add"),
    path("<int:pk>/", views.token_detail, name="detail"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="revoke"),
]
