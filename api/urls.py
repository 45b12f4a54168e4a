from django.urls import path

from . import views
from .calls import logged
from .v1 import api


def v1_urls():
    """The API's URL patterns (for path("api/v1/", …)), each call logged and exempt from the login redirect."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = logged(pattern.callback)
    return patterns, app_name, namespace


app_name = "api"
urlpatterns = [
    path("trao-doi/", views.exchange_home, name="exchange_home"),
    path("trao-doi/<int:pk>/<slug:period>/", views.exchange_page, name="exchange"),
    path("trao-doi/<int:pk>/<slug:period>/tai.<str:fmt>", views.exchange_download, name="exchange_download"),
]
