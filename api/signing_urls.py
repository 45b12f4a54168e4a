from django.urls import path

from . import signing_views as views

app_name = "signing"
urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/<int:pk>/", views.sign_plan, name="sign_plan"),
    path("bao-cao/<int:pk>/", views.sign_report, name="sign_report"),
    path("lay-y-kien/<int:pk>/", views.sign_survey, name="sign_survey"),
    path("quy/<int:pk>/", views.sign_fund, name="sign_fund"),
    path("<int:pk>/tai.pdf", views.download, name="download"),
    path("kiem-tra/", views.check, name="check"),
]
