from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from django.views.i18n import set_language

from accounts import views as accounts_views
from accounts.forms import OwnPasswordChangeForm
from core.converters import IsoDateConverter
from profiling_followup import views

register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("start/", views.landing, name="landing"),
    path("report/", views.CommitteeReportView.as_view(), name="committee_report"),
    path("report/pdf/", views.CommitteeReportPDFView.as_view(), name="committee_report_pdf"),
    path("report/changes/", views.ChangesView.as_view(), name="report_changes"),
    path("report/frozen/", views.FrozenReportListView.as_view(), name="frozen_report_list"),
    path("report/frozen/new/", views.FrozenReportCreateView.as_view(), name="frozen_report_create"),
    path(
        "report/frozen/<isodate:meeting_date>/",
        views.FrozenReportDownloadView.as_view(),
        name="frozen_report_download",
    ),
    path(
        "report/frozen/<isodate:meeting_date>/pdf/",
        views.FrozenReportPDFView.as_view(),
        name="frozen_report_pdf",
    ),
    path("open-data/figures.json", views.OpenDataJSONView.as_view(), name="open_data_json"),
    path("open-data/recommendations.csv", views.OpenDataCSVView.as_view(), name="open_data_csv"),
    # The password form (limited by DJANGO_LOCAL_LOGIN) and the organisation's sign-in.
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts_views.LogoutView.as_view(), name="logout"),
    path("accounts/organisation/", include("accounts.urls")),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=OwnPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The language switch is on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("recommendations/", include("recommendations.urls")),
    path("training/", include("training.urls")),
    path("id-checks/", include("id_checks.urls")),
    path("", include("reminders.urls")),
]
