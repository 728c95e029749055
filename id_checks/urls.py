from django.urls import path

from id_checks import views

app_name = "id_checks"

urlpatterns = [
    path("", views.AuthorisationListView.as_view(), name="authorisation_list"),
    path("new/", views.AuthorisationCreateView.as_view(), name="authorisation_create"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("<int:pk>/", views.AuthorisationDetailView.as_view(), name="authorisation_detail"),
    path("<int:pk>/edit/", views.AuthorisationUpdateView.as_view(), name="authorisation_update"),
    path("<int:pk>/decision/", views.DecisionView.as_view(), name="decision_edit"),
    path(
        "<int:pk>/decision/document/",
        views.DecisionDocumentView.as_view(),
        name="decision_document",
    ),
    path("<int:pk>/extensions/new/", views.ExtensionCreateView.as_view(), name="extension_create"),
    path("<int:pk>/execution/", views.ExecutionView.as_view(), name="execution_edit"),
    path("<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation_edit"),
]
