"""Routes of the project package (dashboard, reports, open data, accounts)."""

import datetime

from tests.permissions import ADMIN_ONLY, Route


def frozen_report():
    from profiling_followup.models import FrozenReport
    from tests.factories import UserFactory

    # Two routes use it, and some tests walk every route in one database.
    report = FrozenReport.objects.filter(meeting_date=datetime.date(2024, 2, 19)).first()
    report = report or FrozenReport.objects.create(
        meeting_date=datetime.date(2024, 2, 19),
        title="Commissie 19/02/2024",
        html="<p>rapport</p>",
        sha256="0" * 64,
        pdf=b"%PDF-1.7 rapport",
        pdf_sha256="1" * 64,
        frozen_by=UserFactory(),
    )
    return {"meeting_date": report.meeting_date}


ROUTES = [
    Route("home"),
    Route("committee_report"),
    Route("committee_report", query="?date=2024-02-19"),
    Route("committee_report_pdf", query="?date=2024-02-19"),
    Route("report_changes"),
    Route("report_changes", query="?start=2024-01-01&end=2024-02-19"),
    Route("frozen_report_list"),
    Route("frozen_report_create", allowed=ADMIN_ONLY, write=True),
    Route("frozen_report_download", kwargs=frozen_report),
    Route("frozen_report_pdf", kwargs=frozen_report),
    Route("open_data_json"),
    Route("open_data_csv"),
    Route("password_change", needs_role=False),
    Route("password_change_done", needs_role=False),
]
