"""Public disclosure pages (công khai): readable without logging in."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("quy/", views.public_index, name="index"),
    path("quy/<int:unit_pk>/", views.public_unit, name="unit"),
    path("quy/so/<int:pk>/<str:period>/", views.public_statement, name="statement"),
    path("quy/so/<int:pk>/<str:period>/cong-khai.<str:fmt>", views.public_statement_file, name="statement_file"),
]
