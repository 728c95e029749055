import datetime

import pytest

from tests.factories import ActionFactory, RecommendationFactory, ThemeFactory

TODAY = datetime.date(2024, 2, 19)


@pytest.fixture
def figures_data(db):
    """Two themes, three recommendations, five actions; expectations are computed by hand
    in the tests that use it (see the comments there)."""
    first, second = ThemeFactory(name="Eerste thema"), ThemeFactory(name="Tweede thema")
    r1 = RecommendationFactory(code="R1", theme=first, police_status="uitgevoerd")
    r2 = RecommendationFactory(
        code="R2", theme=first, police_status="lopend", independent_status="deels_uitgevoerd"
    )
    r3 = RecommendationFactory(
        code="R3",
        theme=second,
        police_status="niet_uitgevoerd",
        police_motivation="Geen middelen",
        independent_status="niet_uitgevoerd",
        independent_motivation="Bevestigd",
    )
    d = datetime.date
    actions = {
        "a1": ActionFactory(
            recommendations=[r1],
            status="afgerond",
            progress=100,
            due_date=d(2024, 1, 31),
            completed_on=d(2024, 1, 10),
        ),
        "a2": ActionFactory(
            recommendations=[r1, r2], status="lopend", progress=50, due_date=d(2024, 2, 1)
        ),
        "a3": ActionFactory(
            recommendations=[r2], status="geannuleerd", progress=10, due_date=d(2024, 1, 1)
        ),
        "a4": ActionFactory(
            recommendations=[r2], status="gepland", progress=0, due_date=d(2024, 3, 31)
        ),
        "a6": ActionFactory(
            recommendations=[r2], status="on_hold", progress=20, due_date=d(2024, 5, 1)
        ),
    }
    return {"themes": (first, second), "recommendations": (r1, r2, r3), "actions": actions}
