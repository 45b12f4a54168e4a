from django.urls import path

from . import views

app_name = "welfare"
urlpatterns = [
    path("quyen/", views.privacy_rights, name="rights"),
    path("hoan-canh/", views.circumstance_tags, name="tags"),
    path("<int:unit_pk>/", views.household_list, name="list"),
    path("<int:unit_pk>/tong-hop.<str:fmt>", views.summary_download, name="summary_download"),
    path("<int:unit_pk>/them/", views.household_edit, name="add"),
    path("<int:unit_pk>/nhap/", views.household_import, name="import"),
    path("<int:unit_pk>/mau.xlsx", views.import_template, name="template"),
    path("<int:unit_pk>/xuat/", views.household_export, name="export"),
    path("<int:unit_pk>/ho-tro/", views.support_list, name="support_list"),
    path("ho/<int:pk>/", views.household_detail, name="detail"),
    path("ho/<int:pk>/sua/", views.household_edit, name="edit"),
    path("ho/<int:pk>/so-dinh-danh/", views.reveal_identity, name="reveal_identity"),
    path("ho/<int:pk>/ho-tro/them/", views.support_add, name="support_add"),
    path("ho-tro/<int:pk>/xoa/", views.support_delete, name="support_delete"),
    path("<int:unit_pk>/nhan-giup-do/", views.adoption_list, name="adoptions"),
    path("<int:unit_pk>/nhan-giup-do/xuat.xlsx", views.adoption_export, name="adoption_export"),
    path("<int:unit_pk>/nhan-giup-do/danh-sach.docx", views.adoption_docx, name="adoption_docx"),
    path("<int:unit_pk>/nhan-giup-do/nhap/", views.adoption_import, name="adoption_import"),
    path("nhan-giup-do/mau.<str:fmt>", views.adoption_template, name="adoption_template"),
    path("ho/<int:pk>/nhan-giup-do/them/", views.adoption_add, name="adoption_add"),
    path("nhan-giup-do/<int:pk>/sua/", views.adoption_edit, name="adoption_edit"),
    path("nhan-giup-do/<int:pk>/xoa/", views.adoption_delete, name="adoption_delete"),
    path("<int:unit_pk>/do-dau/", views.sponsorship_list, name="children"),
    path("<int:unit_pk>/do-dau/xuat.xlsx", views.sponsorship_export, name="children_export"),
    path("<int:unit_pk>/do-dau/danh-sach.docx", views.children_docx, name="children_docx"),
    path("<int:unit_pk>/do-dau/nhap/", views.child_import, name="child_import"),
    path("do-dau/mau.<str:fmt>", views.children_template, name="children_template"),
    path("<int:unit_pk>/do-dau/them/", views.sponsorship_edit, name="child_add"),
    path("do-dau/<int:pk>/sua/", views.sponsorship_edit, name="child_edit"),
    path("do-dau/<int:pk>/xoa/", views.sponsorship_delete, name="child_delete"),
]
