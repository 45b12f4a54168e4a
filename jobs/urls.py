from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tien-do/", views.status, name="status"),
    path("<int:pk>/tai/", views.download, name="download"),
    path("xuat-khu-dan-cu/", views.area_values_export, name="area_values_export"),
    path("tinh-lai-tong-hop/", views.rollup_rebuild, name="rollup_rebuild"),
    path("tinh-lai-so-theo-doi/", views.registers_derive, name="registers_derive"),
]
