"""Figures the city may publish as open data: aggregates only, no personal data.

Figures about people are suppressed below 5 whoever asks, as they would be on any public
page; recommendations are public documents and listed in full with both assessments.
"""

from datetime import date

from core.figures import suppressed
from id_checks import selectors as id_checks
from recommendations import selectors as recommendations
from training import selectors as training


def open_data_figures(today: date) -> dict:
    year_start = today.replace(month=1, day=1)
    authorisations = id_checks.authorisation_figures(year_start, today)
    return {
        "generated_on": today.isoformat(),
        "recommendations": {
            "by_police_status": recommendations.recommendation_counts_by_police_status(),
            "by_independent_status": recommendations.recommendation_counts_by_independent_status(),
            "implemented_share": recommendations.implemented_share(),
            "overdue_actions": recommendations.overdue_action_count(today),
        },
        "training": {
            "headcount": training.total_headcount(today),
            "modules": [
                {
                    "code": row["module"].code,
                    "name": row["module"].name,
                    "staff_trained": suppressed(row["completed"]),
                    "percent_of_headcount": row["percent"],
                }
                for row in training.coverage_by_module(today)
            ],
        },
        "id_checks": {
            "period": [year_start.isoformat(), today.isoformat()],
            "by_kind": {
                kind: {
                    "requested": figures.requested,
                    "granted": figures.granted,
                    "applied": figures.applied,
                    "persons_checked": suppressed(figures.persons_checked),
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
