"""The council dashboard's figures, read from each app's selectors and cached per data state.

Everything here is computed in SQL by the selectors, in a fixed number of queries, and
cached under the data fingerprint (`figure_cache`), so a write anywhere shows up on the
next request in every worker. Figures about people are suppressed for council members in
the template (`core.figures`), not here: the cache is shared by all roles.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from core import charts
from core.figure_cache import cached_figures
from id_checks import selectors as id_checks
from id_checks.models import Kind
from recommendations import selectors as recommendations
from recommendations.models import ActionStatus, ImplementationStatus, Theme
from training import selectors as training

TREND_MONTHS = 12


@dataclass(frozen=True)
class DashboardFilters:
    start: date
    end: date
    # Overdue actions and theme progress are the state today, whatever the period.
    today: date
    theme: Theme | None = None

    @classmethod
    def from_cleaned_data(cls, cleaned: dict, today: date) -> "DashboardFilters":
        """Defaults: the calendar year so far, all themes."""
        end = cleaned.get("end") or today
        start = cleaned.get("start") or end.replace(month=1, day=1)
        return cls(start=start, end=end, today=today, theme=cleaned.get("theme"))

    def cache_key(self) -> tuple:
        theme = self.theme.pk if self.theme else ""
        return (self.start.isoformat(), self.end.isoformat(), self.today.isoformat(), theme)


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


def _compute(filters: DashboardFilters) -> dict:
    police = recommendations.recommendation_counts_by_police_status(theme=filters.theme)
    independent = recommendations.recommendation_counts_by_independent_status(theme=filters.theme)
    authorisations = id_checks.authorisation_figures(filters.start, filters.end)
    themes = recommendations.theme_progress(filters.today, filters.theme)
    action_labels = dict(ActionStatus.choices)
    for item in themes:
        item["status_counts"] = [
            (status, action_labels[status], count)
            for status, count in item["action_counts"].items()
        ]
    return {
        "status_rows": _status_rows(police, independent),
        "recommendation_total": sum(police.values()),
        "implemented_share": recommendations.implemented_share(theme=filters.theme),
        "overdue_actions": recommendations.overdue_action_count(filters.today, theme=filters.theme),
        "themes": themes,
        "actions_completed": recommendations.actions_completed_per_month(
            filters.start, filters.end
        ),
        "headcount": training.total_headcount(filters.end),
        "coverage": training.coverage_by_module(filters.end),
        "prerequisites": training.prerequisite_coverage(filters.end),
        "coverage_trend": training.coverage_trend(filters.end, TREND_MONTHS),
        "authorisations": authorisations,
        "authorisations_by_month": id_checks.authorisation_figures_by_month(
            filters.start, filters.end
        ),
    }


def dashboard_figures(filters: DashboardFilters) -> dict:
    return cached_figures("dashboard", lambda: _compute(filters), *filters.cache_key())


def _month_label(month: date) -> str:
    return month.strftime("%m/%Y")


def dashboard_charts(figures: dict) -> list[dict]:
    """The three charts, each with its table alternative (`templates/includes/chart.html`)."""
    trend = figures["coverage_trend"]
    months = [month for month, _ in trend[0]["series"]] if trend else []
    completed = figures["actions_completed"]
    by_month = figures["authorisations_by_month"]
    auth_months = sorted({month for month, _, _ in by_month})
    requested = {(month, kind): row.requested for month, kind, row in by_month}
    return [
        charts.line_chart(
            chart_id="chart-training",
            title=_("Staff trained per module"),
            description=_("Number of staff who completed each module, month by month."),
            table_label=_("Staff trained per module, per month"),
            x_label=_("Month"),
            labels=[_month_label(month) for month in months],
            series=[(row["module"].code, [count for _, count in row["series"]]) for row in trend],
            label_every=3,
        ),
        charts.bar_chart(
            chart_id="chart-actions",
            title=_("Actions completed per month"),
            description=_("Number of actions completed in each month of the period."),
            table_label=_("Actions completed per month"),
            x_label=_("Month"),
            value_label=_("Actions completed"),
            labels=[_month_label(month) for month, _ in completed],
            values=[count for _, count in completed],
        ),
        charts.line_chart(
            chart_id="chart-authorisations",
            title=_("Authorisations requested per month"),
            description=_("Requests for systematic ID checks per month, by kind."),
            table_label=_("Authorisations requested per month, by kind"),
            x_label=_("Month"),
            labels=[_month_label(month) for month in auth_months],
            series=[
                (label, [requested[(month, kind)] for month in auth_months])
                for kind, label in Kind.choices
            ],
            label_every=max(1, len(auth_months) // 6),
        ),
    ]
