from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Kết nối hệ thống: API, đăng nhập một lần, ký số"
