from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("", views.index, name="index"),
    path("them/<int:unit_pk>/", views.add, name="add"),
    path("tieu-bieu/", views.showcase, name="showcase"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
    path("<int:pk>/nhan-rong/", views.replicate, name="replicate"),
    path("<int:pk>/anh/", views.photo_add, name="photo_add"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("anh/<int:pk>/xoa/", views.photo_delete, name="photo_delete"),
    path("dang-ky/", views.drives, name="drives"),
    path("dang-ky/mo/<int:unit_pk>/", views.drive_open, name="drive_open"),
    path("dang-ky/<int:pk>/", views.drive, name="drive"),
    path("dang-ky/<int:pk>/nhac/", views.drive_remind, name="drive_remind"),
    path("dang-ky/<int:pk>/to-chuc/<int:org_pk>/", views.drive_list, name="drive_list"),
    path("dang-ky/<int:pk>/to-chuc/<int:org_pk>/them/", views.drive_add, name="drive_add"),
    path("dang-ky/<int:pk>/to-chuc/<int:org_pk>/gui/", views.drive_submit, name="drive_submit"),
    path("dang-ky/<int:pk>/to-chuc/<int:org_pk>/tai-len/", views.drive_upload, name="drive_upload"),
    path("dang-ky/<int:pk>/to-chuc/<int:org_pk>/danh-sach.<str:fmt>", views.drive_download, name="drive_download"),
]
