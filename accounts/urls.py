from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import reset, views

app_name = "accounts"
urlpatterns = [
    path("lich-su/", views.history, name="history"),
    path("lich-su/<str:object_type>/<str:object_id>/", views.object_history, name="object_history"),
    path("nguoi-dung/", views.users, name="users"),
    path("nguoi-dung/them/", views.user_edit, name="user_add"),
    path("nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
    path("quen-mat-khau/", reset.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("dat-lai/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        success_url=reverse_lazy("accounts:password_reset_complete")), name="password_reset_confirm"),
    path("dat-lai/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
