"""Every rule of the ID-check records, through the services (and the database behind them)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.concurrency import StaleVersionError
from id_checks import services
from id_checks.models import Decision, Execution, Extension, Outcome
from tests.factories import (
    AuthorisationFactory,
    DecisionFactory,
    ExecutionFactory,
)

pytestmark = pytest.mark.django_db


def messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


def test_authorisation_create_records_the_actor_in_the_history(police_user):
    authorisation = AuthorisationFactory.build(
        requesting_unit=AuthorisationFactory().requesting_unit
    )
    services.authorisation_create(authorisation=authorisation, actor=police_user)
    assert authorisation.history.get().history_user == police_user


def test_an_end_before_the_start_is_refused(police_user):
    authorisation = AuthorisationFactory()
    authorisation.ends_at = authorisation.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        services.authorisation_update(
            authorisation=authorisation, actor=police_user, expected_version=1
        )
    assert messages(error, "ends_at") == ["Het einde moet na het begin liggen."]


def test_the_database_refuses_an_end_before_the_start_too():
    authorisation = AuthorisationFactory()
    authorisation.ends_at = authorisation.starts_at
    with pytest.raises(IntegrityError), transaction.atomic():
        authorisation.save()


def test_a_window_longer_than_the_maximum_is_refused(police_user, settings):
    settings.ID_CHECK_MAX_DURATION_HOURS = 12
    authorisation = AuthorisationFactory.build(
        requesting_unit=AuthorisationFactory().requesting_unit
    )
    authorisation.ends_at = authorisation.starts_at + timedelta(hours=13)
    with pytest.raises(ValidationError) as error:
        services.authorisation_create(authorisation=authorisation, actor=police_user)
    assert "hoogstens 12 uur" in messages(error, "ends_at")[0]


def test_a_stale_edit_is_refused(police_user):
    authorisation = AuthorisationFactory()
    authorisation.area_name = "Nieuwe naam"
    services.authorisation_update(
        authorisation=authorisation, actor=police_user, expected_version=1
    )
    with pytest.raises(StaleVersionError):
        services.authorisation_update(
            authorisation=authorisation, actor=police_user, expected_version=1
        )


def test_a_national_register_number_in_a_note_is_refused(police_user):
    authorisation = AuthorisationFactory.build(
        requesting_unit=AuthorisationFactory().requesting_unit,
        objective_grounds="Verdachte met rijksregisternummer 85.07.30-033.61 gezien",
    )
    with pytest.raises(ValidationError) as error:
        services.authorisation_create(authorisation=authorisation, actor=police_user)
    assert messages(error, "objective_grounds") == [
        "Deze tekst lijkt een rijksregisternummer te bevatten. Registreer geen "
        "persoonsgegevens van burgers: verwijder het."
    ]


def test_a_conditional_grant_needs_its_conditions(police_user):
    decision = DecisionFactory.build(
        authorisation=AuthorisationFactory(), outcome=Outcome.GRANTED_WITH_CONDITIONS
    )
    with pytest.raises(ValidationError) as error:
        services.authorisation_decide(decision=decision, actor=police_user)
    assert error.value.messages == ["Beschrijf de voorwaarden van een voorwaardelijke toelating."]


def test_a_signed_decision_that_is_not_a_pdf_is_refused(police_user):
    decision = DecisionFactory.build(
        authorisation=AuthorisationFactory(),
        document=SimpleUploadedFile("beslissing.pdf", b"<html>geen pdf</html>"),
    )
    with pytest.raises(ValidationError) as error:
        services.authorisation_decide(decision=decision, actor=police_user)
    assert messages(error, "document") == [
        "De inhoud van dit bestand komt niet overeen met de extensie .pdf."
    ]
    assert not Decision.objects.exists()


def test_a_decision_cannot_become_a_refusal_once_executed(police_user):
    execution = ExecutionFactory()
    decision = execution.decision
    decision.outcome = Outcome.REFUSED
    with pytest.raises(ValidationError) as error:
        services.decision_update(decision=decision, actor=police_user, expected_version=1)
    assert messages(error, "outcome") == [
        "Onder deze beslissing is een uitvoering geregistreerd: ze kan geen weigering zijn."
    ]


@pytest.mark.parametrize("outcome", [Outcome.REFUSED, None])
def test_no_extension_without_a_grant(police_user, outcome):
    authorisation = AuthorisationFactory()
    if outcome:
        DecisionFactory(authorisation=authorisation, outcome=outcome)
    extension = Extension(
        authorisation=authorisation,
        new_ends_at=authorisation.ends_at + timedelta(hours=4),
        decided_on=timezone.localdate(),
        reason="Evenement loopt uit",
    )
    with pytest.raises(ValidationError) as error:
        services.authorisation_extend(extension=extension, actor=police_user)
    assert messages(error, "new_ends_at") == [
        "Hiervoor is een beslissing nodig die de toelating verleent."
    ]


def test_an_extension_needs_a_reason_and_a_later_end(police_user):
    decision = DecisionFactory()
    authorisation = decision.authorisation
    extension = Extension(
        authorisation=authorisation,
        new_ends_at=authorisation.ends_at - timedelta(hours=1),
        decided_on=timezone.localdate(),
        reason="",
    )
    with pytest.raises(ValidationError) as error:
        services.authorisation_extend(extension=extension, actor=police_user)
    assert messages(error, "new_ends_at") == [
        "Het nieuwe einde moet na het huidige einde van de toelating liggen."
    ]
    extension.new_ends_at = authorisation.ends_at + timedelta(hours=30)
    with pytest.raises(ValidationError) as error:
        services.authorisation_extend(extension=extension, actor=police_user)
    assert "reason" in error.value.message_dict


def test_an_execution_without_a_granted_decision_is_refused(police_user):
    decision = DecisionFactory(outcome=Outcome.REFUSED)
    execution = Execution(decision=decision, applied=False, reason_not_applied="Geweigerd")
    with pytest.raises(ValidationError) as error:
        services.execution_record(execution=execution, actor=police_user)
    assert messages(error, "applied") == [
        "Een uitvoering kan alleen onder een verleende toelating worden geregistreerd."
    ]
    assert not Execution.objects.exists()


def test_the_database_requires_a_decision_for_an_execution():
    with pytest.raises(IntegrityError), transaction.atomic():
        Execution.objects.create(decision_id=None, applied=False, reason_not_applied="x")


def test_negative_counts_are_refused(police_user):
    decision = DecisionFactory()
    start = decision.authorisation.starts_at
    execution = Execution(
        decision=decision,
        applied=True,
        actual_starts_at=start,
        actual_ends_at=start + timedelta(hours=1),
        persons_checked=-3,
    )
    with pytest.raises(ValidationError) as error:
        services.execution_record(execution=execution, actor=police_user)
    assert messages(error, "persons_checked") == ["Zorg ervoor dat deze waarde minstens 0 is."]


def test_the_database_refuses_negative_counts():
    execution = ExecutionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Execution.objects.filter(pk=execution.pk).update(complaints=-1)


def test_persons_checked_only_when_applied(police_user):
    execution = Execution(
        decision=DecisionFactory(),
        applied=False,
        reason_not_applied="geen grote problemen",
        persons_checked=12,
    )
    with pytest.raises(ValidationError) as error:
        services.execution_record(execution=execution, actor=police_user)
    assert error.value.messages == [
        "Er kunnen alleen personen gecontroleerd zijn als de controle werd toegepast."
    ]


def test_not_applied_needs_a_reason(police_user):
    execution = Execution(decision=DecisionFactory(), applied=False)
    with pytest.raises(ValidationError) as error:
        services.execution_record(execution=execution, actor=police_user)
    assert "Geef de reden waarom de controle niet werd toegepast." in error.value.messages


def test_an_execution_outside_the_authorised_window_is_refused(police_user):
    decision = DecisionFactory()
    authorisation = decision.authorisation
    execution = Execution(
        decision=decision,
        applied=True,
        actual_starts_at=authorisation.starts_at,
        actual_ends_at=authorisation.ends_at + timedelta(hours=2),
        persons_checked=5,
    )
    with pytest.raises(ValidationError) as error:
        services.execution_record(execution=execution, actor=police_user)
    assert "actual_ends_at" in error.value.message_dict
    services.authorisation_extend(
        extension=Extension(
            authorisation=authorisation,
            new_ends_at=authorisation.ends_at + timedelta(hours=3),
            decided_on=timezone.localdate(),
            reason="Evenement liep uit",
        ),
        actor=police_user,
    )
    services.execution_record(execution=execution, actor=police_user)
    assert execution.history.get().history_user == police_user


def test_the_database_refuses_an_execution_under_a_refusal():
    execution = ExecutionFactory()
    refused = DecisionFactory(outcome=Outcome.REFUSED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Execution.objects.bulk_create(
            [Execution(decision=refused, applied=False, reason_not_applied="omzeild")]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Execution.objects.filter(pk=execution.pk).update(decision=refused)


def test_the_database_refuses_turning_an_executed_decision_into_a_refusal():
    execution = ExecutionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=execution.decision_id).update(outcome=Outcome.REFUSED)
    unexecuted = DecisionFactory()
    Decision.objects.filter(pk=unexecuted.pk).update(outcome=Outcome.REFUSED)
