"""The council dashboard's figures, read from each app's selectors and cached per data state.

Everything here is computed in SQL by the selectors, in a fixed number of queries, and
cached under the data fingerprint (`figure_cache`), so a write anywhere shows up on the
next request in every worker. The cache is shared by all roles and languages: it holds
figures, codes and records, never a translated text; labels are added when rendering
(`labelled`). Figures about people are shown to each viewer as core.disclosure decides
(`people_figures`), after the cache.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from core.dates import first_of_month, last_month_end
from core.disclosure import Figures, council_period, publication_reads
from core.figure_cache import cached_figures
from id_checks import selectors as id_checks
from id_checks.disclosure import TOTAL, persons_over
from id_checks.models import Authorisation
from profiling_followup import council_charts, periods
from profiling_followup.models import FrozenReport
from profiling_followup.periods import Anchors, Period
from profiling_followup.reports import last_frozen_meeting
from recommendations import selectors as recommendations
from recommendations.models import (
    ActionStatus,
    ImplementationStatus,
    ProgressUpdate,
    SourceReport,
    Theme,
)
from training import disclosure as training_disclosure
from training import selectors as training
from training.models import Completion


@dataclass(frozen=True)
class DashboardFilters:
    start: date
    end: date
    # Overdue actions and theme progress are the state today, whatever the period.
    today: date
    theme: Theme | None = None
    # The preset the period comes from; "" for dates chosen by hand.
    preset: str = ""
    anchors: Anchors | None = field(default=None, compare=False)
    # Police staff and administrators: figures for the dates asked. Everyone else: whole
    # months, and states at the end of the last calendar month (core.disclosure).
    exact: bool = True

    @classmethod
    def from_cleaned_data(
        cls, cleaned: dict, anchors: Anchors, exact: bool = True
    ) -> "DashboardFilters":
        """Dates chosen by hand win; otherwise the preset asked for, or the default one."""
        start, end = cleaned.get("start"), cleaned.get("end")
        if start or end:
            end = end or anchors.today
            everything = periods.resolve(periods.Preset.EVERYTHING, anchors)
            period = Period(start or min(everything.start, first_of_month(end)), end)
        else:
            preset = cleaned.get("period") or periods.default_preset(anchors)
            period = periods.resolve(preset, anchors)
        start, end = period.start, period.end
        if not exact:
            start, end = council_period(start, end)
        return cls(
            start=start,
            end=end,
            exact=exact,
            today=anchors.today,
            theme=cleaned.get("theme"),
            preset=period.preset,
            anchors=anchors,
        )

    @property
    def state_date(self) -> date:
        """The day headcount and coverage are read on: the period's end, never after today
        (for the council: the end of the last calendar month by then)."""
        day = min(self.end, self.today)
        return day if self.exact else last_month_end(day)

    @property
    def trend_months(self) -> int:
        return periods.months_in(Period(self.start, max(self.state_date, self.start)))


def _anchor_dates() -> dict:
    """The dates the period presets start from. Six queries."""
    firsts = [
        recommendations.first_follow_up_date(),
        training.first_completion_date(),
        id_checks.first_authorisation_date(),
    ]
    return {
        "last_meeting": last_frozen_meeting(),
        "evaluation": recommendations.evaluation_date(),
        "first_record": min((day for day in firsts if day), default=None),
    }


ANCHOR_READS = (
    *recommendations.FIGURE_READS,
    ProgressUpdate,
    SourceReport,
    Completion,
    Authorisation,
    FrozenReport,
)


def content_reads() -> tuple:
    """What the dashboard's content reads besides the period anchors, which go into its
    key: a progress update moves no figure, only perhaps the first follow-up date, and so
    leaves the rendered dashboard as it is unless it moves that."""
    return (
        *recommendations.FIGURE_READS,
        *training.COVERAGE_READS,
        *id_checks.FIGURE_READS,
        *publication_reads(),
    )


def period_anchors(today: date) -> Anchors:
    """Read once per state of the records they come from (frozen reports included)."""
    return Anchors(
        today=today, **cached_figures("period-anchors", _anchor_dates, reads=ANCHOR_READS)
    )


def _recommendation_figures(filters: DashboardFilters) -> dict:
    """Language-neutral figures: statuses as codes, no label (see `labelled`)."""
    return {
        "police": recommendations.recommendation_counts_by_police_status(theme=filters.theme),
        "independent": recommendations.recommendation_counts_by_independent_status(
            theme=filters.theme
        ),
        "implemented_share": recommendations.implemented_share(theme=filters.theme),
        "overdue_actions": recommendations.overdue_action_count(filters.today, theme=filters.theme),
        "themes": recommendations.theme_progress(filters.today, filters.theme),
        "actions_completed": recommendations.actions_completed_per_month(
            filters.start, filters.end
        ),
    }


def _training_figures(filters: DashboardFilters) -> dict:
    at = filters.state_date
    return {
        "headcount": training.total_headcount(at),
        "coverage": training.coverage_by_module(at),
        "prerequisites": training.prerequisite_coverage(at),
        "coverage_trend": training.coverage_trend(at, filters.trend_months),
    }


def _id_check_figures(filters: DashboardFilters) -> dict:
    return {
        "authorisations": id_checks.authorisation_figures(filters.start, filters.end),
        "authorisations_by_month": id_checks.authorisation_figures_by_month(
            filters.start, filters.end
        ),
    }


def dashboard_figures(filters: DashboardFilters) -> dict:
    """The figures of each app, cached by the records they read: a write recomputes only
    the part that reads it (a progress update, none of them)."""
    period = (filters.start.isoformat(), filters.end.isoformat())
    theme = filters.theme.pk if filters.theme else ""
    return labelled(
        {
            **cached_figures(
                "dashboard-recommendations",
                lambda: _recommendation_figures(filters),
                *period,
                filters.today.isoformat(),
                theme,
                reads=recommendations.FIGURE_READS,
            ),
            **cached_figures(
                "dashboard-training",
                lambda: _training_figures(filters),
                filters.state_date.isoformat(),
                filters.trend_months,
                **training.state_reads(filters.state_date),
            ),
            **cached_figures(
                "dashboard-id-checks",
                lambda: _id_check_figures(filters),
                *period,
                reads=id_checks.FIGURE_READS,
            ),
        }
    )


def _status_rows(police: dict, independent: dict) -> list[dict]:
    """Both assessments side by side, one row per status, then "not yet assessed"."""
    rows = [
        {
            "status": status,
            "label": label,
            "police": police[status],
            "independent": independent[status],
        }
        for status, label in ImplementationStatus.choices
    ]
    rows.append(
        {
            "status": "",
            "label": _("Not yet assessed"),
            "police": None,
            "independent": independent[""],
        }
    )
    return rows


def labelled(figures: dict) -> dict:
    """The cached figures with their labels, in the language of this request."""
    action_labels = dict(ActionStatus.choices)
    themes = [
        {
            **item,
            "status_counts": [
                (status, action_labels[status], count)
                for status, count in item["action_counts"].items()
            ],
        }
        for item in figures["themes"]
    ]
    return {
        **figures,
        "status_rows": _status_rows(figures["police"], figures["independent"]),
        "recommendation_total": sum(figures["police"].values()),
        "themes": themes,
    }


def people_figures(figures: dict, filters: DashboardFilters, viewer) -> dict:
    """The figures about people, as `viewer` may see them (core.disclosure)."""
    shown = Figures(viewer, filters.today)
    at = filters.state_date
    persons = figures["authorisations"]["total"].persons_checked
    trend = figures["coverage_trend"]
    if not shown.exact:
        trend = training_disclosure.council_trend(shown, at, filters.trend_months)
    return {
        "persons_checked": persons_over(shown, filters.start, filters.end, TOTAL, persons),
        "coverage": training_disclosure.shown_coverage(shown, at, figures["coverage"]),
        "prerequisites": training_disclosure.shown_prerequisites(
            shown, at, figures["prerequisites"]
        ),
        "coverage_trend": trend,
    }


def dashboard_charts(figures: dict, people: dict) -> list[dict]:
    """The three charts, each with its table alternative (`templates/includes/chart.html`)."""
    return [
        council_charts.training_chart(people["coverage_trend"]),
        council_charts.actions_chart(figures["actions_completed"]),
        council_charts.authorisations_chart(figures["authorisations_by_month"]),
    ]


def period_links(filters: DashboardFilters) -> list[dict]:
    """One link per preset that applies, keeping the theme; the current one marked."""
    theme = {"theme": filters.theme.pk} if filters.theme else {}
    return [
        {
            "preset": preset,
            "label": periods.preset_label(preset, filters.anchors),
            "query": urlencode({"period": preset, **theme}),
            "current": preset == filters.preset,
        }
        for preset in periods.available(filters.anchors)
    ]
