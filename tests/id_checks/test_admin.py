"""Admin: administrators correct records under the same rules, with history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from id_checks.models import Authorisation
from tests.factories import AuthorisationFactory, EvaluationFactory, ExtensionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["authorisation", "decision", "extension", "execution", "evaluation"]
)
def test_administrators_open_every_list_change_and_history_page(admin_client, model):
    evaluation = EvaluationFactory()
    authorisation = evaluation.execution.decision.authorisation
    ExtensionFactory(authorisation=authorisation)
    records = {
        "authorisation": authorisation,
        "decision": authorisation.decision,
        "extension": authorisation.extensions.get(),
        "execution": evaluation.execution,
        "evaluation": evaluation,
    }
    pk = records[model].pk
    for url in (
        reverse(f"admin:id_checks_{model}_changelist"),
        reverse(f"admin:id_checks_{model}_change", args=[pk]),
        reverse(f"admin:id_checks_{model}_history", args=[pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_an_admin_correction_obeys_the_maximum_duration_and_bumps_the_version(admin_client):
    authorisation = AuthorisationFactory()
    url = reverse("admin:id_checks_authorisation_change", args=[authorisation.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    start = timezone.localtime(authorisation.starts_at).replace(hour=10, minute=0)

    def moment(name, value):
        return {f"{name}_0": value.strftime("%d/%m/%Y"), f"{name}_1": value.strftime("%H:%M:%S")}

    data.update(moment("starts_at", start) | moment("created_at", start))
    response = admin_client.post(url, data | moment("ends_at", start + timedelta(hours=30)))
    assert response.status_code == 200
    assert "hoogstens 24 uur" in str(response.context["adminform"].form.errors["ends_at"])
    response = admin_client.post(url, data | moment("ends_at", start + timedelta(hours=2)))
    assert response.status_code == 302
    authorisation = Authorisation.objects.get()
    assert authorisation.version == 2
    assert authorisation.history.count() == 2
