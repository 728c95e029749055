"""Separation of duties (issue 14, item 8): the police assesses its own work; only an
independent evaluator ("Onafhankelijk beoordelaar") or an administrator sets the independent
assessment, on every path: the form, the service (so imports and commands), and the admin.
The permission matrix (tests/recommendations/routes.py) covers the page for every role."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.roles import ADMINISTRATOR, INDEPENDENT_EVALUATOR, POLICE_STAFF
from recommendations import services
from recommendations.models import Recommendation
from tests.conftest import logged_in, make_user
from tests.factories import RecommendationFactory
from tests.html import form_data

pytestmark = pytest.mark.django_db

ASSESSMENT = {
    "independent_status": "lopend",
    "independent_assessor": "VUB/UGent",
    "independent_motivation": "",
    "disagreement_note": "",
}


def detail(recommendation):
    return reverse("recommendations:recommendation_detail", args=[recommendation.pk])


def independent_form(recommendation):
    return reverse("recommendations:recommendation_independent_status", args=[recommendation.pk])


def test_the_migration_gives_the_permission_to_the_evaluator_and_administrators_only():
    holders = set(
        Group.objects.filter(
            permissions__codename="set_independent_status",
            permissions__content_type__app_label="recommendations",
        ).values_list("name", flat=True)
    )
    assert holders == {INDEPENDENT_EVALUATOR, ADMINISTRATOR}
    evaluator = Group.objects.get(name=INDEPENDENT_EVALUATOR)
    # Reads like a council member: changes nothing else, not even the police's status.
    assert not evaluator.permissions.exclude(codename__startswith="view_").exclude(
        codename="set_independent_status"
    )
    assert evaluator.permissions.filter(codename="view_recommendation").exists()
    assert not evaluator.permissions.filter(codename="view_staffmember").exists()


def test_police_staff_cannot_set_it_through_the_page(staff_client):
    recommendation = RecommendationFactory()
    assert staff_client.get(independent_form(recommendation)).status_code == 403
    response = staff_client.post(independent_form(recommendation), {**ASSESSMENT, "version": 1})
    assert response.status_code == 403
    assert Recommendation.objects.get().independent_status == ""
    # Nor are they offered it; their own status they still set.
    page = staff_client.get(detail(recommendation)).content.decode()
    assert independent_form(recommendation) not in page
    assert reverse("recommendations:recommendation_police_status", args=[recommendation.pk]) in page


def test_the_evaluator_sets_it_through_the_page(evaluator_client):
    recommendation = RecommendationFactory()
    assert (
        independent_form(recommendation)
        in evaluator_client.get(detail(recommendation)).content.decode()
    )
    response = evaluator_client.post(independent_form(recommendation), {**ASSESSMENT, "version": 1})
    assert response.status_code == 302
    stored = Recommendation.objects.get()
    assert (stored.independent_status, stored.independent_assessor) == ("lopend", "VUB/UGent")
    assert stored.history.first().history_user.username == "beoordelaar"


def assess(recommendation, actor):
    return services.recommendation_set_independent_status(
        recommendation=recommendation,
        status="lopend",
        assessor="VUB/UGent",
        motivation="",
        disagreement_note="",
        expected_version=recommendation.version,
        actor=actor,
    )


def test_the_service_refuses_police_staff_on_every_path(police_user, evaluator_user):
    recommendation = RecommendationFactory()
    with pytest.raises(PermissionDenied):
        assess(recommendation, police_user)
    # The general update (admin, imports) refuses a change of the independent fields too...
    recommendation = Recommendation.objects.get()
    recommendation.disagreement_note = "Volgens de politie klopt dit niet"
    with pytest.raises(PermissionDenied):
        services.recommendation_update(
            recommendation=recommendation,
            expected_version=recommendation.version,
            actor=police_user,
        )
    # ...and a new record carrying an assessment.
    with pytest.raises(PermissionDenied):
        services.recommendation_create(
            recommendation=RecommendationFactory.build(
                code="NIEUW",
                source=recommendation.source,
                theme=recommendation.theme,
                independent_status="uitgevoerd",
                independent_assessor="Politie",
            ),
            actor=police_user,
        )
    assert Recommendation.objects.get().disagreement_note == ""
    # Police staff keep their own status; the evaluator keeps theirs.
    recommendation = Recommendation.objects.get()
    services.recommendation_set_police_status(
        recommendation=recommendation,
        status="uitgevoerd",
        motivation="",
        expected_version=recommendation.version,
        actor=police_user,
    )
    recommendation = Recommendation.objects.get()
    assess(recommendation, evaluator_user)
    stored = Recommendation.objects.get()
    assert (stored.police_status, stored.independent_status) == ("uitgevoerd", "lopend")


def admin_change(client, recommendation):
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, form_data(page.content.decode(), "recommendation_form")


def test_administrators_set_it_in_the_admin(admin_client):
    recommendation = RecommendationFactory()
    url, data = admin_change(admin_client, recommendation)
    data.update({name: [value] for name, value in ASSESSMENT.items()})
    assert admin_client.post(url, data).status_code == 302
    assert Recommendation.objects.get().independent_status == "lopend"


def test_in_the_admin_the_fields_are_read_only_without_the_permission():
    """An administrator account whose group lost the permission (or a staff user given
    change rights by hand) sees the assessment but cannot change it."""
    group = Group.objects.get(name=ADMINISTRATOR)
    group.permissions.remove(Permission.objects.get(codename="set_independent_status"))
    client = logged_in(make_user(ADMINISTRATOR, "beheerder-zonder"))
    recommendation = RecommendationFactory(independent_status="lopend", independent_assessor="VUB")
    url, data = admin_change(client, recommendation)
    assert "independent_status" not in data and "disagreement_note" not in data
    data.update({"independent_status": ["uitgevoerd"], "independent_assessor": ["Politie"]})
    data["police_motivation"] = ["Gewijzigd door de beheerder"]
    assert client.post(url, data).status_code == 302
    stored = Recommendation.objects.get()
    assert (stored.independent_status, stored.independent_assessor) == ("lopend", "VUB")
    assert stored.police_motivation == "Gewijzigd door de beheerder"


def test_police_staff_cannot_reach_the_admin_at_all():
    client = logged_in(make_user(POLICE_STAFF, "agent-admin"))
    response = client.get(reverse("admin:recommendations_recommendation_changelist"))
    assert response.status_code == 302
