"""Two people editing one versioned record, one of them in Django admin: the second save is
refused, shows what the first changed, and overwrites nothing; saved again on purpose, it
goes through. Through the real admin URLs and the form a browser submits, for every
ModelAdmin that changes a versioned record."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from id_checks import services as id_checks
from recommendations import services as recommendations
from tests.conftest import make_user
from tests.factories import (
    ActionFactory,
    AuthorisationFactory,
    DecisionFactory,
    EvaluationFactory,
    ExecutionFactory,
    ExtensionFactory,
    ModuleFactory,
    RecommendationFactory,
    SessionFactory,
)
from tests.html import form_data, page_text
from training import services as training

pytestmark = pytest.mark.django_db

REFUSED = "Iemand anders heeft dit record gewijzigd terwijl u het bewerkte"


@dataclass(frozen=True)
class Case:
    make: Callable
    # The other person's save through the police path: (field, value, write).
    their_field: str
    their_value: str
    write: Callable
    # What the administrator changes in the form they opened before.
    admin_field: str
    admin_value: str

    def save_theirs(self, record, actor):
        setattr(record, self.their_field, self.their_value)
        self.write(record, actor)


def versioned(service, argument):
    return lambda record, actor: service(
        **{argument: record}, expected_version=record.version, actor=actor
    )


CASES = {
    "recommendation": Case(
        RecommendationFactory,
        "police_motivation",
        "Besproken in het directiecomité",
        versioned(recommendations.recommendation_update, "recommendation"),
        "text",
        "Tekst volgens de beheerder",
    ),
    "action": Case(
        ActionFactory,
        "partners",
        "Stad Gent",
        versioned(recommendations.action_update, "action"),
        "title",
        "Titel volgens de beheerder",
    ),
    "module": Case(
        ModuleFactory,
        "name",
        "Module volgens de politie",
        versioned(training.module_update, "module"),
        "code",
        "beheer-1",
    ),
    "session": Case(
        SessionFactory,
        "location",
        "Opleidingscentrum Oost",
        versioned(training.session_update, "session"),
        "external_trainers",
        "Extern opleider",
    ),
    "authorisation": Case(
        AuthorisationFactory,
        "district",
        "Dampoort",
        versioned(id_checks.authorisation_update, "authorisation"),
        "area_name",
        "Zone volgens de beheerder",
    ),
    "decision": Case(
        DecisionFactory,
        "decided_by",
        "Schepen van dienst",
        versioned(id_checks.decision_update, "decision"),
        "conditions",
        "Enkel tussen 20 en 24 uur",
    ),
    "extension": Case(
        lambda: ExtensionFactory(authorisation=DecisionFactory().authorisation),
        "reason",
        "Evenement loopt nog later af",
        versioned(id_checks.extension_update, "extension"),
        "reason",
        "Reden volgens de beheerder",
    ),
    "execution": Case(
        ExecutionFactory,
        "persons_checked",
        25,
        versioned(id_checks.execution_update, "execution"),
        "complaints",
        "2",
    ),
    "evaluation": Case(
        EvaluationFactory,
        "debrief_notes",
        "Debriefing met beide ploegen",
        versioned(id_checks.evaluation_update, "evaluation"),
        "effect_observed",
        "Geen merkbaar effect",
    ),
}


def change_url(record) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def opened_form(client, record) -> dict:
    page = client.get(change_url(record))
    assert page.status_code == 200
    return form_data(page.content.decode(), f"{record._meta.model_name}_form")


@pytest.mark.parametrize("name", CASES)
def test_a_stale_admin_save_is_refused_with_what_changed(name, admin_client, police_user):
    case = CASES[name]
    record = case.make()
    opened = opened_form(admin_client, record)
    assert opened["version"] == [str(record.version)]
    case.save_theirs(type(record).objects.get(pk=record.pk), police_user)
    entries = record.history.count()

    opened[case.admin_field] = [case.admin_value]
    response = admin_client.post(change_url(record), opened)
    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert REFUSED in text
    assert str(case.their_value) in text  # what they changed, in the error itself
    record.refresh_from_db()
    assert str(getattr(record, case.their_field)) == str(case.their_value)
    assert str(getattr(record, case.admin_field)) != case.admin_value
    assert record.history.count() == entries  # nothing of the administrator's

    # The form came back with the administrator's input and the current version: having
    # read the other person's changes, they may save again on purpose.
    again = form_data(response.content.decode(), f"{record._meta.model_name}_form")
    assert again["version"] == [str(record.version)]
    assert again[case.admin_field] == [case.admin_value]
    assert admin_client.post(change_url(record), again).status_code == 302
    record.refresh_from_db()
    assert str(getattr(record, case.admin_field)) == case.admin_value
    assert record.history.count() == entries + 1


def test_two_administrators_cannot_overwrite_each_other(admin_client):
    other = Client()
    other.force_login(make_user("Beheerder", "tweede-beheerder"))
    action = ActionFactory(title="Oorspronkelijke titel")
    first, second = opened_form(admin_client, action), opened_form(other, action)

    first["title"] = ["Titel van de eerste"]
    assert admin_client.post(change_url(action), first).status_code == 302
    second["partners"] = ["Partner van de tweede"]
    response = other.post(change_url(action), second)
    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert REFUSED in text and "Titel van de eerste" in text
    action.refresh_from_db()
    assert (action.title, action.partners) == ("Titel van de eerste", "")
