from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = "Hộ nghèo và hỗ trợ"
