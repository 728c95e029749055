"""The charts the council reads, on the dashboard and in the committee report.

Built from language-neutral figures (months, counts, codes) at rendering time, so every text
is in the reader's language whatever language the cached figures were computed in.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import charts
from id_checks.models import Kind

# About this many month labels fit under a chart.
MONTH_LABELS = 8


def _monthly(months: list[date], **texts_and_values) -> dict:
    """Month labels, spaced so that about MONTH_LABELS fit, and the x axis's name."""
    return {
        **texts_and_values,
        "x_label": _("Month"),
        "labels": [date_format(month, "m/Y") for month in months],
        "label_every": max(1, -(-len(months) // MONTH_LABELS)),
    }


def training_chart(trend: list[dict], chart_id: str = "chart-training") -> dict:
    """Staff trained per module, cumulative, month by month (training.selectors.coverage_trend).
    Modules nobody had completed by the end are left out, as on the coverage page."""
    trend = [row for row in trend if row["series"] and row["series"][-1][1]]
    months = [month for month, _count in trend[0]["series"]] if trend else []
    return charts.line_chart(
        **_monthly(
            months,
            chart_id=chart_id,
            title=_("Staff trained per module"),
            description=_("Number of staff who completed each module, month by month."),
            table_label=_("Staff trained per module, per month"),
            series=[(row["module"].code, [n for _month, n in row["series"]]) for row in trend],
        )
    )


def actions_chart(completed: list[tuple[date, int]], chart_id: str = "chart-actions") -> dict:
    """Actions completed per month (recommendations.selectors.actions_completed_per_month)."""
    return charts.bar_chart(
        **_monthly(
            [month for month, _count in completed],
            chart_id=chart_id,
            title=_("Actions completed per month"),
            description=_("Number of actions completed in each month of the period."),
            table_label=_("Actions completed per month"),
            value_label=_("Actions completed"),
            values=[count for _month, count in completed],
        )
    )


def authorisations_chart(by_month: list, chart_id: str = "chart-authorisations") -> dict:
    """Authorisations requested per month by kind (id_checks.selectors.
    authorisation_figures_by_month)."""
    months = sorted({month for month, _kind, _figures in by_month})
    requested = {(month, kind): figures.requested for month, kind, figures in by_month}
    return charts.line_chart(
        **_monthly(
            months,
            chart_id=chart_id,
            title=_("Authorisations requested per month"),
            description=_("Requests for systematic ID checks per month, by kind."),
            table_label=_("Authorisations requested per month, by kind"),
            series=[
                (label, [requested[(month, kind)] for month in months])
                for kind, label in Kind.choices
            ],
        )
    )
