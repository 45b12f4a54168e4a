"""The public dashboards (opt-in per unit): readable without logging in."""

from django.urls import path

from . import views

app_name = "dashboards_public"
urlpatterns = [
    path("<int:pk>/", views.public, name="unit"),
]
