from django.urls import path

from . import views

app_name = "committees"
urlpatterns = [
    path("<int:unit_pk>/", views.index, name="index"),
    path("<int:unit_pk>/thanh-lap/", views.establish, name="establish"),
    path("ban/<int:pk>/", views.detail, name="detail"),
    path("ban/<int:pk>/kien-toan/", views.renew, name="renew"),
    path("ban/<int:pk>/thanh-vien.<str:fmt>", views.members_export, name="members_export"),
    path("mau-thanh-vien.<str:fmt>", views.members_template, name="members_template"),
    path("lan/<int:pk>/", views.term_edit, name="term_edit"),
    path("lan/<int:pk>/quyet-dinh.docx", views.term_decision, name="decision"),
    path("lan/<int:pk>/them-thanh-vien/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/", views.member_edit, name="member_edit"),
    path("loai-ban/", views.kinds, name="kinds"),
    path("loai-ban/them/", views.kind_form, name="kind_add"),
    path("loai-ban/<int:pk>/", views.kind_form, name="kind_edit"),
]
