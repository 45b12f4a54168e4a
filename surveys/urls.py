from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("moi/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/thiet-lap/", views.survey_edit, name="edit"),
    path("<int:pk>/cau-hoi/", views.questions_edit, name="questions"),
    path("<int:pk>/trang-thai/", views.survey_status, name="status"),
    path("<int:pk>/ho/", views.roster, name="roster"),
    path("<int:pk>/ho/tao/", views.roster_generate, name="roster_generate"),
    path("<int:pk>/ho/nhap/", views.roster_import, name="roster_import"),
    path("<int:pk>/ho/mau.<str:fmt>", views.roster_template, name="roster_template"),
    path("<int:pk>/phieu-giay/<int:area_pk>/", views.paper_entry, name="paper"),
    path("<int:pk>/phieu-truc-tuyen/", views.cards, name="cards"),
    path("<int:pk>/ket-qua/", views.results, name="results"),
    path("<int:pk>/ket-qua.<str:fmt>", views.results_export, name="results_export"),
    path("<int:pk>/bao-cao.docx", views.report_docx, name="report"),
]
