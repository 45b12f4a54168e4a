from django.urls import path, register_converter

from . import views


class DownloadFormat:
    regex = "xlsx|csv"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(DownloadFormat, "any_fmt")

app_name = "indicators"
urlpatterns = [
    path("", views.home, name="home"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("danh-muc/them/", views.measure_add, name="measure_add"),
    path("<int:pk>/", views.unit_default, name="unit_default"),
    path("<int:pk>/<slug:period>/", views.unit_values, name="unit"),
    path("<int:pk>/<slug:period>/nhap/", views.entry, name="entry"),
    path("<int:pk>/<slug:period>/chi-tieu/", views.target_check, name="target_check"),
    path("<int:pk>/<slug:period>/tai.<any_fmt:fmt>", views.unit_download, name="unit_download"),
    path("<int:pk>/<slug:period>/<slug:code>/", views.measure_values, name="measure"),
    path("<int:pk>/<slug:period>/<slug:code>/tai.<any_fmt:fmt>", views.measure_download, name="measure_download"),
]
