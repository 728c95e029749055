"""The committee report, "what changed since", and frozen reports.

A report for a meeting date shows the state at the end of that day (Brussels time). The
recommendations, their statuses, actions and progress updates are read from the history
tables, so later edits do not change a past report. Training and ID-check figures count
records dated up to that day. A frozen report stores the rendered HTML and the PDF
(report_pdf.py), each with its SHA-256, so what the council was shown can be reproduced
byte for byte whatever happens to the data afterwards.
"""

import hashlib
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.dates import day_bounds, end_of_day, today
from core.disclosure import Figures, publication_reads
from core.figure_cache import cached_figures, data_fingerprint
from core.history import record_save
from id_checks import selectors as id_checks
from id_checks.disclosure import TOTAL, persons_over
from id_checks.models import Kind
from profiling_followup import council_charts
from profiling_followup.models import FrozenReport
from profiling_followup.report_pdf import render_pdf
from recommendations import history as recommendation_history
from training import disclosure as training_disclosure
from training import selectors as training
from training.models import Completion

# The circular CP 5 on systematic ID checks applies from 1 July 2023: the report counts
# authorisations from then on, as the police did in their own slides.
ID_CHECKS_SINCE = date(2023, 7, 1)
# The training chart: the two years up to the meeting.
TREND_MONTHS = 24


def committee_report(meeting_date: date, shown: Figures | None = None) -> dict:
    """The report's figures (its recommendations: `report_themes`); figures about people
    for the dates `shown` allows (the council's: whole months, staff at the end of the last
    calendar month)."""
    shown = shown or Figures(AnonymousUser())
    since = min(ID_CHECKS_SINCE, meeting_date)
    # Authorisations are records, counted to the day; persons checked over whole months.
    persons_since, persons_until = shown.period(since, meeting_date)
    state = shown.state_date(meeting_date)
    figures = id_checks.authorisation_figures(since, meeting_date)
    persons = (
        figures if shown.exact else id_checks.authorisation_figures(persons_since, persons_until)
    )
    return {
        "exact": shown.exact,
        "meeting_date": meeting_date,
        "generated_at": timezone.now(),
        "state_date": state,
        "headcount": training.total_headcount(state),
        "coverage": training_disclosure.shown_coverage(
            shown, state, training.coverage_by_module(state)
        ),
        "prerequisites": training_disclosure.shown_prerequisites(
            shown, state, training.prerequisite_coverage(state)
        ),
        "coverage_trend": (
            training.coverage_trend(state, TREND_MONTHS)
            if shown.exact
            else training_disclosure.council_trend(shown, state, TREND_MONTHS)
        ),
        "id_checks_since": since,
        "persons_since": persons_since,
        "persons_until": persons_until,
        "authorisation_rows": authorisation_rows(
            figures, persons, shown, persons_since, persons_until
        ),
        "authorisations_by_month": id_checks.authorisation_figures_by_month(since, meeting_date),
    }


def report_themes(meeting_date: date) -> list:
    """The recommendations with their actions and progress updates as of the end of the
    meeting day (recommendations.history)."""
    return recommendation_history.recommendations_as_of(end_of_day(meeting_date))


def recommendations_html(meeting_date: date) -> dict:
    """{contents, section}: the report's recommendations rendered, kept per state of their
    history up to the meeting and per language. They hold no figure about people, so a
    completion or an ID check leaves them as they are (most of the report's 2.3 MB at
    national scale)."""

    def render() -> dict:
        themes = report_themes(meeting_date)
        return {
            part: render_to_string(
                "reports/report_recommendations.html", {"themes": themes, "part": part}
            )
            for part in ("contents", "section")
        }

    return cached_figures(
        "report-recommendations-html",
        render,
        meeting_date.isoformat(),
        translation.get_language(),
        reads=recommendation_history.SNAPSHOT_READS,
        as_of=end_of_day(meeting_date),
    )


def report_context(meeting_date: date, viewer) -> dict:
    """What `reports/report_body.html` needs, in the language of this rendering."""
    report = committee_report(meeting_date, Figures(viewer))
    return {
        "report": report,
        "recommendations": recommendations_html(meeting_date),
        "title": report_title(meeting_date),
        "viewer": viewer,
        "charts": {
            "training": council_charts.training_chart(
                report["coverage_trend"], "report-chart-training"
            ),
            "authorisations": council_charts.authorisations_chart(
                report["authorisations_by_month"], "report-chart-authorisations"
            ),
        },
    }


def last_frozen_meeting() -> date | None:
    """The meeting date of the newest frozen report; one query on a unique index."""
    return (
        FrozenReport.objects.order_by("-meeting_date")
        .values_list("meeting_date", flat=True)
        .first()
    )


def authorisation_rows(figures: dict, persons: dict, shown: Figures, since, until) -> list:
    """(label, Figures, persons checked as shown) per kind, then the total, for tables;
    `persons` holds the figures of the period persons checked are counted over."""
    return [
        (
            label,
            figures[kind],
            persons_over(shown, since, until, kind, persons[kind].persons_checked),
        )
        for kind, label in [*Kind.choices, (TOTAL, _("Total"))]
    ]


def changes_between(start: date, end: date, viewer) -> dict:
    """What changed from the start of `start` to the end of `end`; new completions (counts
    of people) over the whole months of the period for those who read the council's figures."""
    shown = Figures(viewer)
    first, last = shown.period(start, end)
    return {
        "start": start,
        "end": end,
        "recommendations": recommendation_history.change_history(*day_bounds(start, end)),
        "completions_from": first,
        "completions_until": last,
        "completions": [
            {**row, "shown": training_disclosure.completions_over(shown, first, last, row)}
            for row in training.completions_between(first, last)
        ],
        "authorisations": id_checks.authorisations_between(start, end),
    }


def report_title(meeting_date: date) -> str:
    return _("Follow-up of professional profiling: committee of %(date)s") % {
        "date": date_format(meeting_date, "SHORT_DATE_FORMAT")
    }


def _stylesheets() -> str:
    """The screen and print styles, inlined: a frozen report must open offline, alone."""
    screen, printed = (
        Path(finders.find(path)).read_text(encoding="utf-8")
        for path in ("css/app.css", "css/print.css")
    )
    return f"{screen}\n@media print {{\n{printed}\n}}"


# The report reads the recommendations' history as it stood at the meeting, and the training
# and ID-check records as they are (a completion recorded today may be dated back), and
# for the council what the publication of figures about people reads.
CURRENT_READS = (*training.COVERAGE_READS, *id_checks.FIGURE_READS, get_user_model())


def report_state(meeting_date: date, exact: bool) -> tuple[str, dict]:
    """The cache key of a report (a key part, and cached_figures/cached_html keywords): a
    write today leaves the report of a past meeting as it is, unless it changes the training
    or ID-check figures, or records something as of before the meeting. With exact figures
    the report counts the completions dated up to the meeting, so one dated later leaves it
    too; the council's publication reads every completion."""
    moment = end_of_day(meeting_date)
    history = data_fingerprint(recommendation_history.SNAPSHOT_READS, as_of=moment)
    if exact:
        dated = {Completion: ("completed_on", meeting_date)}
        return history, {"reads": CURRENT_READS, "dated": dated}
    return history, {"reads": (*CURRENT_READS, *publication_reads())}


def committee_report_pdf(meeting_date: date) -> bytes:
    """The report as the council gets it on paper (figures about people suppressed), in
    the current language; drawn once per state of what it reads, date and language."""
    history, state = report_state(meeting_date, exact=False)
    return cached_figures(
        "report-pdf",
        lambda: render_pdf(report_context(meeting_date, AnonymousUser())),
        meeting_date.isoformat(),
        translation.get_language(),
        history,
        **state,
    )


@transaction.atomic
def report_freeze(*, meeting_date: date, actor) -> FrozenReport:
    """Store the report for `meeting_date` as rendered now; once per meeting, never changed."""
    if FrozenReport.objects.filter(meeting_date=meeting_date).exists():
        raise ValidationError(
            {"meeting_date": _("The report for this meeting has already been frozen.")}
        )
    if meeting_date > today():
        raise ValidationError({"meeting_date": _("A meeting in the future cannot be frozen.")})
    with translation.override(settings.LANGUAGE_CODE):
        # Frozen reports are for the council: figures about people suppressed.
        context = report_context(meeting_date, AnonymousUser())
        html = render_to_string(
            "reports/frozen_document.html", {**context, "stylesheet": _stylesheets()}
        )
        pdf = render_pdf(context)
    report = FrozenReport(
        meeting_date=meeting_date,
        title=context["title"],
        html=html,
        sha256=hashlib.sha256(html.encode()).hexdigest(),
        pdf=pdf,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        frozen_by=actor,
    )
    record_save(report, actor=actor, reason=_("Report frozen for the committee"))
    return report
