from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("my-work/", views.MyWorkView.as_view(), name="my_work"),
    path("accounts/preferences/", views.ProfileView.as_view(), name="profile"),
]
