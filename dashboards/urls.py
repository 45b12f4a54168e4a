from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.board, name="unit"),
    path("<int:pk>/ban-do/", views.map_page, name="map"),
    path("<int:pk>/ban-do.svg", views.map_svg, name="map_svg"),
    path("<int:pk>/trinh-chieu/", views.present, name="present"),
    path("<int:pk>/bang-dieu-hanh.pdf", views.pdf, name="pdf"),
    path("<int:pk>/cong-khai/", views.publish, name="publish"),
]
