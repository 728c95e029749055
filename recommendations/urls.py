from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="recommendation_detail"),
    path(
        "<int:pk>/police-status/",
        views.PoliceStatusView.as_view(),
        name="recommendation_police_status",
    ),
    path(
        "<int:pk>/independent-status/",
        views.IndependentStatusView.as_view(),
        name="recommendation_independent_status",
    ),
    path("actions/", views.ActionListView.as_view(), name="action_list"),
    path("actions/new/", views.ActionCreateView.as_view(), name="action_create"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action_update"),
    path(
        "actions/<int:pk>/updates/new/",
        views.ProgressUpdateCreateView.as_view(),
        name="progressupdate_create",
    ),
    path(
        "actions/<int:pk>/evidence/new/",
        views.EvidenceCreateView.as_view(),
        name="evidence_create",
    ),
    path(
        "actions/<int:pk>/due-date/", views.DueDateChangeView.as_view(), name="duedatechange_create"
    ),
    path(
        "evidence/<int:pk>/download/",
        views.EvidenceDownloadView.as_view(),
        name="evidence_download",
    ),
]
