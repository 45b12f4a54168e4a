from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("tim/", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/khu-dan-cu/them/", views.area_edit, name="area_add"),
    path("<int:pk>/khu-dan-cu/<int:area_pk>/", views.area_edit, name="area_edit"),
    path("<int:pk>/khu-dan-cu/nhap/", views.area_import, name="area_import"),
    path("<int:pk>/khu-dan-cu/mau.<str:fmt>", views.area_template, name="area_template"),
    path("<int:pk>/thuoc-tinh/", views.attributes_edit, name="attributes"),
    path("<int:pk>/lanh-dao/", views.leaders_edit, name="leaders"),
    path("<int:pk>/to-chuc/them/", views.organisation_add, name="organisation_add"),
]
