from django.urls import path  # noqa: F401

app_name = "id_checks"

urlpatterns: list = []
