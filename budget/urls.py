from django.urls import path

from . import views

app_name = "budget"
urlpatterns = [
    path("<int:unit_pk>/", views.index, name="index"),
    path("<int:unit_pk>/lap/", views.budget_open, name="open"),
    path("nam/<int:pk>/", views.detail, name="detail"),
    path("nam/<int:pk>/sua/", views.budget_edit, name="edit"),
    path("nam/<int:pk>/them-dong/", views.line_add, name="line_add"),
    path("nam/<int:pk>/nhap/", views.line_import, name="import"),
    path("nam/<int:pk>/xuat/<str:stage>.xlsx", views.line_export, name="export"),
    path("nam/<int:pk>/du-toan.docx", views.estimate_docx, name="estimate_docx"),
    path("nam/<int:pk>/quyet-toan.docx", views.settlement_docx, name="settlement_docx"),
    path("dong/<int:pk>/", views.line_edit, name="line_edit"),
    path("dong/<int:pk>/xoa/", views.line_delete, name="line_delete"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("danh-muc/noi-dung-chi/them/", views.item_form, name="item_add"),
    path("danh-muc/noi-dung-chi/<int:pk>/", views.item_form, name="item_edit"),
    path("danh-muc/nguon/them/", views.source_form, name="source_add"),
    path("danh-muc/nguon/<int:pk>/", views.source_form, name="source_edit"),
]
