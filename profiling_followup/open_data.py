"""Figures the city may publish as open data: aggregates only, no personal data.

Figures about people are the council's publication whoever asks (core.disclosure: the
calendar year, staff at the end of the last calendar month, hidden cells as "x");
recommendations are public documents and listed in full with both assessments.
"""

from datetime import date

from django.contrib.auth.models import AnonymousUser

from core.dates import last_month_end
from core.disclosure import Figures
from id_checks import selectors as id_checks
from id_checks.disclosure import persons_key
from recommendations import selectors as recommendations
from training import disclosure as training_disclosure
from training import selectors as training


def open_data_figures(today: date) -> dict:
    shown = Figures(AnonymousUser(), today)
    year_start, year_end = today.replace(month=1, day=1), today.replace(month=12, day=31)
    authorisations = id_checks.authorisation_figures(year_start, year_end)
    state = last_month_end(today)
    coverage = training_disclosure.shown_coverage(shown, state, training.coverage_by_module(state))
    return {
        "generated_on": today.isoformat(),
        "recommendations": {
            "by_police_status": recommendations.recommendation_counts_by_police_status(),
            "by_independent_status": recommendations.recommendation_counts_by_independent_status(),
            "implemented_share": recommendations.implemented_share(),
            "overdue_actions": recommendations.overdue_action_count(today),
        },
        "training": {
            "state_on": state.isoformat(),
            "headcount": training.total_headcount(state),
            "modules": [
                {
                    "code": row["module"].code,
                    "name": row["module"].name,
                    "staff_trained": row["shown"],
                    "percent_of_headcount": row["shown_percent"],
                }
                for row in coverage
            ],
        },
        "id_checks": {
            "period": [year_start.isoformat(), year_end.isoformat()],
            "by_kind": {
                kind: {
                    "requested": figures.requested,
                    "granted": figures.granted,
                    "applied": figures.applied,
                    "persons_checked": shown.figure(
                        persons_key(str(today.year), kind), figures.persons_checked
                    ),
                    "evaluated": figures.evaluated,
                }
                for kind, figures in authorisations.items()
            },
        },
    }


def recommendation_rows(today: date):
    """Header, then one row per recommendation."""
    yield [
        "code",
        "theme",
        "text",
        "police_position",
        "police_position_reasoning",
        "police_status",
        "independent_status",
        "progress_percent",
        "overdue_actions",
    ]
    for recommendation in recommendations.recommendation_list(today):
        yield [
            recommendation.code,
            recommendation.theme.name,
            recommendation.text,
            recommendation.position,
            recommendation.position_reasoning,
            recommendation.police_status,
            recommendation.independent_status,
            recommendation.progress,
            recommendation.overdue_count,
        ]
