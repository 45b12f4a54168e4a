from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.index, name="index"),
    path("xuat.xlsx", views.export, name="export"),
    path("danh-muc/", views.lists, name="lists"),
    path("khu-dan-cu/", views.area_home, name="area_home"),
    path("khu-dan-cu/<int:unit_pk>/", views.area_home, name="area_home_for"),
    path("them/<str:kind>/<int:unit_pk>/", views.add, name="add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
    path("<int:pk>/anh/", views.photo_add, name="photo_add"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("anh/<int:pk>/xoa/", views.photo_delete, name="photo_delete"),
    path("huong-uoc/", views.covenants, name="covenants"),
    path("huong-uoc/them/<int:unit_pk>/", views.covenant_edit, name="covenant_add"),
    path("huong-uoc/<int:pk>/", views.covenant_edit, name="covenant_edit"),
    path("huong-uoc/<int:pk>/xoa/", views.covenant_delete, name="covenant_delete"),
]
