from django.urls import path

from . import views

app_name = "funds"
urlpatterns = [
    path("<int:unit_pk>/", views.fund_list, name="list"),
    path("<int:unit_pk>/mo-so/", views.fund_open, name="open"),
    path("so/<int:pk>/", views.fund_detail, name="detail"),
    path("so/<int:pk>/thu/", views.receipt_add, name="receipt"),
    path("so/<int:pk>/chi/", views.disbursement_add, name="disbursement"),
    path("so/<int:pk>/chuyen/", views.transfer_add, name="transfer"),
    path("but-toan/<int:pk>/dao/", views.entry_reverse, name="reverse"),
]
