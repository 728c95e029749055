import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.concurrency import StaleVersionError
from recommendations import selectors, services
from recommendations.models import Action, DueDateChange, Evidence, Recommendation
from tests.factories import ActionFactory, RecommendationFactory

d = datetime.date


def messages_of(error: ValidationError) -> str:
    return " ".join(error.value.messages)


def test_action_create_links_its_recommendations_in_one_history_entry(police_user):
    recommendation = RecommendationFactory()
    action = services.action_create(
        action=Action(title="Nieuwe module", due_date=d(2024, 3, 31)),
        recommendations=[recommendation],
        actor=police_user,
    )
    (entry,) = action.history.all()
    assert entry.history_user == police_user
    assert [link.recommendation_id for link in entry.recommendations.all()] == [recommendation.pk]


def test_action_create_without_recommendation_is_refused(police_user):
    with pytest.raises(ValidationError) as error:
        services.action_create(action=Action(title="Los"), recommendations=[], actor=police_user)
    assert error.value.message_dict["recommendations"] == [
        "Kies minstens één aanbeveling waaraan deze actie bijdraagt."
    ]
    assert not Action.objects.exists()


def test_completed_action_needs_progress_100(police_user):
    with pytest.raises(ValidationError) as error:
        services.action_create(
            action=Action(
                title="Klaar?", status="afgerond", progress=80, completed_on=d(2024, 1, 1)
            ),
            recommendations=[RecommendationFactory()],
            actor=police_user,
        )
    assert "Een afgeronde actie heeft voortgang 100%." in messages_of(error)


def test_completed_action_needs_a_completion_date_and_others_none(police_user):
    recommendation = RecommendationFactory()
    for status, completed_on in (("afgerond", None), ("lopend", d(2024, 1, 1))):
        with pytest.raises(ValidationError) as error:
            services.action_create(
                action=Action(title="X", status=status, progress=100, completed_on=completed_on),
                recommendations=[recommendation],
                actor=police_user,
            )
        assert "Een afgeronde actie heeft een datum van afronding" in messages_of(error)


def test_due_date_before_start_date_is_refused(police_user):
    with pytest.raises(ValidationError) as error:
        services.action_create(
            action=Action(title="X", start_date=d(2024, 5, 1), due_date=d(2024, 4, 1)),
            recommendations=[RecommendationFactory()],
            actor=police_user,
        )
    assert "De einddatum kan niet vóór de startdatum liggen." in messages_of(error)


@pytest.mark.django_db
def test_the_database_itself_refuses_completed_without_100():
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(status="afgerond", completed_on=d(2024, 1, 1))


@pytest.mark.django_db
def test_the_database_refuses_progress_above_100_and_a_due_date_change_without_reason():
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(progress=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        DueDateChange.objects.create(
            action=action,
            new_date=d(2024, 1, 1),
            reason="",
            changed_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        )


def test_not_implemented_needs_a_motivation(police_user):
    recommendation = RecommendationFactory()
    with pytest.raises(ValidationError) as error:
        services.recommendation_set_police_status(
            recommendation=recommendation,
            status="niet_uitgevoerd",
            motivation="  ",
            expected_version=recommendation.version,
            actor=police_user,
        )
    assert "Geef de motivering voor “niet uitgevoerd”." in messages_of(error)
    recommendation.refresh_from_db()
    assert recommendation.police_status == "niet_gestart"


def test_independent_status_needs_an_assessor_and_shows_disagreement(evaluator_user):
    recommendation = RecommendationFactory(police_status="uitgevoerd")
    with pytest.raises(ValidationError) as error:
        services.recommendation_set_independent_status(
            recommendation=recommendation,
            status="lopend",
            assessor="",
            motivation="",
            disagreement_note="",
            expected_version=recommendation.version,
            actor=evaluator_user,
        )
    assert error.value.message_dict["independent_assessor"] == [
        "Zeg wie de onafhankelijke beoordeling maakte."
    ]
    services.recommendation_set_independent_status(
        recommendation=recommendation,
        status="lopend",
        assessor="VUB/UGent",
        motivation="",
        disagreement_note="Nog niet in alle modules",
        expected_version=recommendation.version,
        actor=evaluator_user,
    )
    assert Recommendation.objects.get().assessments_disagree


def test_partial_acceptance_needs_reasoning(police_user):
    recommendation = RecommendationFactory()
    recommendation.position = "deels_aanvaard"
    with pytest.raises(ValidationError) as error:
        services.recommendation_update(
            recommendation=recommendation, expected_version=1, actor=police_user
        )
    assert "Geef de motivering wanneer de aanbeveling niet volledig aanvaard wordt." in (
        messages_of(error)
    )


def test_stale_recommendation_update_is_refused(police_user):
    recommendation = RecommendationFactory()
    services.recommendation_set_police_status(
        recommendation=Recommendation.objects.get(),
        status="lopend",
        motivation="",
        expected_version=1,
        actor=police_user,
    )
    with pytest.raises(StaleVersionError):
        services.recommendation_set_police_status(
            recommendation=recommendation,
            status="uitgevoerd",
            motivation="",
            expected_version=1,
            actor=police_user,
        )
    assert Recommendation.objects.get().police_status == "lopend"


def test_due_date_change_keeps_the_old_date_and_the_reason(police_user):
    action = ActionFactory(due_date=d(2024, 3, 31))
    change = services.action_change_due_date(
        action=action,
        new_date=d(2024, 6, 30),
        reason=" Leerplatform vertraagd ",
        expected_version=action.version,
        actor=police_user,
    )
    assert (change.old_date, change.new_date, change.reason) == (
        d(2024, 3, 31),
        d(2024, 6, 30),
        "Leerplatform vertraagd",
    )
    row = selectors.action_list().get()
    assert (row.due_date, row.original_due_date, row.slip_count) == (
        d(2024, 6, 30),
        d(2024, 3, 31),
        1,
    )


def test_due_date_change_without_reason_changes_nothing(police_user):
    action = ActionFactory(due_date=d(2024, 3, 31))
    with pytest.raises(ValidationError) as error:
        services.action_change_due_date(
            action=action,
            new_date=d(2024, 6, 30),
            reason="   ",
            expected_version=action.version,
            actor=police_user,
        )
    assert error.value.message_dict["reason"] == [
        "Geef de reden voor het wijzigen van de einddatum."
    ]
    assert Action.objects.get().due_date == d(2024, 3, 31)
    assert not DueDateChange.objects.exists()


def test_due_date_change_before_the_start_is_refused_on_the_new_date(police_user):
    action = ActionFactory(start_date=d(2024, 1, 1), due_date=d(2024, 3, 31))
    with pytest.raises(ValidationError) as error:
        services.action_change_due_date(
            action=action,
            new_date=d(2023, 12, 1),
            reason="Vergissing",
            expected_version=action.version,
            actor=police_user,
        )
    assert error.value.message_dict["new_date"] == [
        "De einddatum kan niet vóór de startdatum liggen."
    ]
    assert not DueDateChange.objects.exists()


def test_action_update_cannot_move_a_set_due_date(police_user):
    action = ActionFactory(due_date=d(2024, 3, 31))
    action.due_date = d(2024, 4, 30)
    with pytest.raises(ValidationError) as error:
        services.action_update(action=action, expected_version=action.version, actor=police_user)
    assert "Wijzig de einddatum via “Einddatum wijzigen”, met een reden." in messages_of(error)


def test_set_status_completed_sets_progress_and_completion_date(police_user):
    action = ActionFactory(progress=40)
    services.action_set_status(
        action=action,
        status="afgerond",
        expected_version=action.version,
        actor=police_user,
        today=d(2024, 2, 1),
    )
    action.refresh_from_db()
    assert (action.status, action.progress, action.completed_on) == ("afgerond", 100, d(2024, 2, 1))


def test_progress_update_in_the_future_or_before_the_start_is_refused(police_user):
    action = ActionFactory(start_date=d(2024, 1, 1))
    for on, message in (
        (d(2999, 1, 1), "Een stand van zaken kan niet in de toekomst gedateerd zijn."),
        (
            d(2023, 12, 31),
            "Een stand van zaken kan niet vóór de start van de actie gedateerd zijn.",
        ),
    ):
        with pytest.raises(ValidationError) as error:
            services.progress_update_create(action=action, on=on, text="x", actor=police_user)
        assert error.value.message_dict["date"] == [message]
    update = services.progress_update_create(
        action=action, on=d(2024, 1, 5), text="Gestart", actor=police_user
    )
    assert update.author == police_user


def test_evidence_is_a_link_or_a_document_not_both_nor_neither(police_user):
    action = ActionFactory()
    with pytest.raises(ValidationError) as error:
        services.evidence_add(action=action, title="Niets", actor=police_user)
    assert "Geef een link of een document, niet beide." in messages_of(error)
    services.evidence_add(
        action=action, title="Verslag", url="https://example.org/verslag", actor=police_user
    )
    assert Evidence.objects.get().added_by == police_user
