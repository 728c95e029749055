from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path(
        "sessions/intervision/new/",
        views.IntervisionCreateView.as_view(),
        name="intervision_create",
    ),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session_update"),
    path(
        "sessions/<int:pk>/attendance/",
        views.AttendanceView.as_view(),
        name="session_attendance",
    ),
    path("completions/", views.CompletionListView.as_view(), name="completion_list"),
    path("completions/new/", views.CompletionCreateView.as_view(), name="completion_create"),
    path("completions/import/", views.ImportUploadView.as_view(), name="completion_import"),
    path(
        "completions/import/preview/",
        views.ImportPreviewView.as_view(),
        name="completion_import_preview",
    ),
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
]
