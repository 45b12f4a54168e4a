from django.urls import path

from . import views, views_import

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("tao/", views.plan_create, name="create"),
    path("nhap/", views_import.import_upload, name="import"),
    path("nhap/kiem-tra/", views_import.import_review, name="import_review"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/sua/", views.plan_edit, name="edit"),
    path("<int:pk>/muc/", views.edit_rows, {"part": "sections"}, name="edit_sections"),
    path("<int:pk>/can-cu/", views.edit_rows, {"part": "references"}, name="edit_references"),
    path("<int:pk>/noi-dung/", views.edit_rows, {"part": "contents"}, name="edit_contents"),
    path("<int:pk>/nhiem-vu/", views.edit_rows, {"part": "tasks"}, name="edit_tasks"),
    path("<int:pk>/che-do-bao-cao/", views.edit_rows, {"part": "reports"}, name="edit_reports"),
    path("<int:pk>/chi-tieu/", views.edit_rows, {"part": "targets"}, name="edit_targets"),
    path("<int:pk>/chi-tieu/<int:target_pk>/phan-bo/", views.target_allocate, name="allocate"),
    path("<int:pk>/chi-tieu/<int:target_pk>/phan-bo.xlsx", views.target_allocate_xlsx, name="allocate_xlsx"),
    path("<int:pk>/xay-dung-ke-hoach/", views.plan_cascade, name="cascade"),
    path("<int:pk>/cac-xa/", views.plan_coverage, name="coverage"),
    path("<int:pk>/ban-hanh/", views.plan_issue, name="issue"),
    path("<int:pk>/xoa/", views.plan_delete, name="delete"),
    path("<int:pk>/tai-ve.docx", views.export_docx, name="export_docx"),
    path("<int:pk>/tai-ve.pdf", views.export_pdf, name="export_pdf"),
]
