from django.urls import path

from . import public

app_name = "surveys_public"
urlpatterns = [
    path("", public.start, name="start"),
    path("ket-qua/", public.published, name="published"),
    path("ket-qua/<int:pk>/", public.published_results, name="results"),
    path("<str:code>/", public.answer, name="answer"),
]
