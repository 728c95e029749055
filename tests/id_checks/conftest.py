from datetime import timedelta

import pytest
from django.utils import timezone

from id_checks.models import Authorisation, Decision, Execution, Kind, Outcome
from tests.factories import UnitFactory


@pytest.fixture
def many_authorisations(db):
    """2,000 authorisations, most decided and executed: for query-count tests."""
    unit = UnitFactory()
    start = timezone.now() - timedelta(days=800)
    authorisations = Authorisation.objects.bulk_create(
        Authorisation(
            reference=f"BULK-{n:05d}",
            kind=Kind.ACTION if n % 3 else Kind.PUBLIC_ORDER,
            requesting_unit=unit,
            requesting_officer="Inspecteur",
            ordering_officer="Commissaris",
            area_name=f"Zone {n}",
            area_description="Omschrijving",
            district=("Zuid", "Dampoort", "Rabot")[n % 3],
            starts_at=start + timedelta(hours=9 * n),
            ends_at=start + timedelta(hours=9 * n + 6),
            objective_grounds="Gronden",
            necessity="Noodzaak",
            alternatives="Alternatieven",
            communication_planned="Communicatie",
            explanation_to_persons="Uitleg",
        )
        for n in range(2000)
    )
    decisions = Decision.objects.bulk_create(
        Decision(
            authorisation=a,
            outcome=Outcome.GRANTED,
            decided_on=a.starts_at.date(),
            decided_by="Burgemeester",
        )
        for a in authorisations[:1800]
    )
    Execution.objects.bulk_create(
        Execution(
            decision=d,
            applied=True,
            actual_starts_at=d.authorisation.starts_at,
            actual_ends_at=d.authorisation.ends_at,
            persons_checked=n % 7,
        )
        for n, d in enumerate(decisions[:1500])
    )
    return authorisations
