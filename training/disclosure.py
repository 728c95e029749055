"""What the council can obtain about staff and training, for `core.disclosure`: the keys
of its cells (built by training/publication.py) and the pages' figures as a viewer may
see them.

States (staff trained per module, module 1 / both / only, refreshers expired or due) at
the end of every calendar month that has ended, per unit at the last ones only: each tied
to the headcount (the "not trained" rest), the units to all units, a month (quarter, year)
to the one before (the flow in between, a count of people for modules without refresher)
and module 1 to 2. Completions per module per calendar month, quarter and year, tied to
the sessions' participants; each session's feedback (asked = positive + the rest).
"""

from datetime import date

from core.dates import (
    add_months,
    first_of_month,
    last_month_end,
    last_of_month,
    period_key,
)
from training import selectors

ALL = "all"
# Per unit, the council's publication holds the states of the last month ends only: a
# unit's state every month would give away its newly trained per month (mostly 1 to 4 in
# a unit of 45), and protecting those hides nearly all of it anyway (bench/README.md).
UNIT_STATE_MONTHS = 2


def unit_state_months(today: date) -> list[str]:
    """The months ("2024-01") at whose end the council gets the per-unit states."""
    last = last_month_end(today)
    return [
        period_key(add_months(first_of_month(last), -back), 1)
        for back in reversed(range(UNIT_STATE_MONTHS))
    ]


def trained_key(month: str, module_id: int, group=ALL) -> tuple:
    """Staff trained at the end of a month ("2024-01"), all units or one unit id."""
    return ("training", "trained", month, module_id, group)


def prerequisite_key(month: str, which: str) -> tuple:
    """ "module1_and_2" or "module1_only" at the end of a month."""
    return ("training", "prerequisite", month, which)


def refresher_key(month: str, module_id: int, which: str) -> tuple:
    """ "overdue" or "due_soon" at the end of a month."""
    return ("training", "refresher", month, module_id, which)


def completions_key(period: str, module_id: int) -> tuple:
    return ("training", "completions", period, module_id)


def participants_key(session_id: int) -> tuple:
    return ("training", "participants", session_id)


def feedback_key(session_id: int, which: str) -> tuple:
    """ "asked" or "positive"."""
    return ("training", "feedback", session_id, which)


def state_month(day: date) -> str:
    """The key of the month whose end a state on `day` is read at (council figures)."""
    return period_key(last_month_end(day), 1)


def shown_coverage(shown, at: date, rows: list[dict]) -> list[dict]:
    """Coverage rows (selectors.coverage_by_module) with `shown` and `shown_percent`."""
    quarter = state_month(at)
    return [
        {
            **row,
            "shown": shown.figure(trained_key(quarter, row["module"].pk), row["completed"]),
            "shown_percent": shown.percent(
                trained_key(quarter, row["module"].pk), row["completed"], row["percent"]
            ),
        }
        for row in rows
    ]


def shown_prerequisites(shown, at: date, figures: dict) -> dict:
    """prerequisite_coverage's figures, each as the viewer may see it."""
    if figures["module1"] is None:
        return figures
    quarter = state_month(at)
    return {
        **figures,
        "module1_total": shown.figure(
            trained_key(quarter, figures["module1"].pk), figures["module1_total"]
        ),
        "module1_and_2": shown.figure(
            prerequisite_key(quarter, "module1_and_2"), figures["module1_and_2"]
        ),
        "module1_only": shown.figure(
            prerequisite_key(quarter, "module1_only"), figures["module1_only"]
        ),
    }


def council_trend(shown, at: date, months: int) -> list[dict]:
    """Staff trained per module at the end of each of the last `months` calendar months up
    to `at`'s last complete one, from the publication (the council's training chart)."""
    end = last_month_end(at)
    ends = [last_of_month(add_months(end, back - months + 1)) for back in range(months)]
    values = shown.published.values
    trend = []
    for module in selectors.modules():
        keys = [trained_key(period_key(day, 1), module.pk) for day in ends]
        series = [
            (first_of_month(day), shown.figure(key, values.get(key, 0)))
            for day, key in zip(ends, keys, strict=True)
        ]
        trend.append({"module": module, "series": series})
    return trend


def completions_over(shown, start: date, end: date, row: dict):
    """Completions of a module (selectors.completions_between row) over whole months."""
    keys = [completions_key(part, row["module"].pk) for part in shown.parts(start, end)]
    return shown.total(keys, row["count"])


def shown_coverage_page(shown, at: date, data: dict, trend_months: int) -> dict:
    """The coverage page's figures (training.views.CoverageView.figures), as shown."""
    quarter = state_month(at)

    def cell(key, value):
        return shown.figure(key, value)

    units = [
        {
            **row,
            "modules": [
                {
                    **item,
                    "shown": cell(
                        trained_key(quarter, item["module"].pk, row["unit"].pk), item["completed"]
                    ),
                    "shown_percent": shown.percent(
                        trained_key(quarter, item["module"].pk, row["unit"].pk),
                        item["completed"],
                        item["percent"],
                    ),
                }
                for item in row["modules"]
            ],
        }
        for row in data["by_unit"]
    ]
    refreshers = [
        {
            **row,
            "overdue": cell(refresher_key(quarter, row["module"].pk, "overdue"), row["overdue"]),
            "due_soon": cell(refresher_key(quarter, row["module"].pk, "due_soon"), row["due_soon"]),
        }
        for row in data["refreshers"]
    ]
    trend = data["trend"] if shown.exact else council_trend(shown, at, trend_months)
    units_published = shown.exact or quarter in unit_state_months(shown.today)
    return {
        **data,
        "by_module": shown_coverage(shown, at, data["by_module"]),
        "by_unit": units if units_published else [],
        "units_published": units_published,
        "prerequisites": shown_prerequisites(shown, at, data["prerequisites"]),
        "refreshers": refreshers,
        "trend": trend,
    }


def shown_feedback(shown, feedback) -> dict:
    """A session's feedback as shown: the share only when both counts are."""
    asked = shown.figure(feedback_key(feedback.session_id, "asked"), feedback.asked)
    positive = shown.figure(feedback_key(feedback.session_id, "positive"), feedback.positive)
    exact = isinstance(asked, int) and isinstance(positive, int)
    return {
        "asked": asked,
        "positive": positive,
        "percent": feedback.percent_positive if exact else None,
    }
