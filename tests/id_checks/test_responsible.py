"""The officer responsible for an authorisation's evaluation, and which authorisations
still await their execution record or evaluation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.roles import COUNCIL_MEMBER, POLICE_STAFF
from id_checks import services
from id_checks.selectors import awaiting_follow_up, evaluation_due_on
from tests.conftest import make_user
from tests.factories import (
    AuthorisationFactory,
    DecisionFactory,
    EvaluationFactory,
    ExecutionFactory,
)
from tests.html import page_text, tables

pytestmark = pytest.mark.django_db


def ended(responsible, hours_ago: int = 30, **decision):
    starts_at = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(
        hours=hours_ago
    )
    authorisation = AuthorisationFactory(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        evaluation_responsible=responsible,
    )
    return DecisionFactory(authorisation=authorisation, **decision)


def test_a_council_member_cannot_be_responsible_for_an_evaluation(police_user):
    council = make_user(COUNCIL_MEMBER, "raad")
    with pytest.raises(ValidationError) as refused:
        services.authorisation_create(
            authorisation=AuthorisationFactory.build(
                requesting_unit=AuthorisationFactory().requesting_unit,
                evaluation_responsible=council,
            ),
            actor=police_user,
        )
    assert refused.value.message_dict["evaluation_responsible"] == [
        "Kies een actief lid van het politiepersoneel of een beheerder."
    ]


def test_ended_checks_await_their_execution_then_their_evaluation(police_user, settings):
    no_execution = ended(police_user).authorisation
    executed = ExecutionFactory(
        decision=ended(police_user),
        actual_starts_at=None,
        actual_ends_at=None,
        applied=False,
        reason_not_applied="Rustig",
        persons_checked=0,
    ).decision.authorisation
    evaluated = EvaluationFactory(
        execution=ExecutionFactory(decision=ended(police_user))
    ).execution.decision.authorisation
    refused = ended(police_user, outcome="refused").authorisation
    running = ended(police_user, hours_ago=2).authorisation
    nobody = ended(None).authorisation
    found = {item.pk: item.has_execution for item in awaiting_follow_up(timezone.now())}
    assert found == {no_execution.pk: False, executed.pk: True}
    for authorisation in (evaluated, refused, running, nobody):
        assert authorisation.pk not in found
    assert evaluation_due_on(no_execution.ends_at) == timezone.localdate(
        no_execution.ends_at
    ) + datetime.timedelta(days=settings.ID_CHECK_EVALUATION_DUE_DAYS)
    assert list(awaiting_follow_up(timezone.now(), make_user(POLICE_STAFF, "ander"))) == []


def test_my_authorisations_filter_and_who_sees_the_responsible(
    staff_client, council_client, police_user
):
    police_user.first_name, police_user.last_name = "Wout", "Evaluator"
    police_user.save()
    mine = AuthorisationFactory(reference="TOE-MIJN", evaluation_responsible=police_user)
    AuthorisationFactory(reference="TOE-ANDER")
    html = staff_client.get(reverse("id_checks:authorisation_list") + "?mine=on").content
    assert [row[0] for row in tables(html.decode())[0][1:]] == ["TOE-MIJN"]
    assert "Wout Evaluator" in page_text(staff_client.get(mine.get_absolute_url()).content.decode())
    council_page = page_text(council_client.get(mine.get_absolute_url()).content.decode())
    assert "TOE-MIJN" in council_page and "Wout Evaluator" not in council_page
