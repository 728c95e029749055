"""The responsible person of an action: police staff or an administrator, chosen in the
form, checked by the service, filtered as "Mijn acties", never shown to council members."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from recommendations import services
from tests.conftest import make_user
from tests.factories import ActionFactory, RecommendationFactory
from tests.html import page_text, tables

pytestmark = pytest.mark.django_db

REFUSED = "Kies een actief lid van het politiepersoneel of een beheerder."


def named(role, username, **fields):
    user = make_user(role, username)
    user.first_name, user.last_name = "Fien", f"Naam-{username}"
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def create(responsible, actor):
    return services.action_create(
        action=ActionFactory.build(responsible=responsible),
        recommendations=[RecommendationFactory()],
        actor=actor,
    )


@pytest.mark.parametrize("role", [POLICE_STAFF, ADMINISTRATOR])
def test_police_staff_and_administrators_can_be_responsible(role, police_user):
    responsible = named(role, "verantwoordelijke")
    assert create(responsible, police_user).responsible == responsible


@pytest.mark.parametrize(
    ("role", "fields"),
    [(COUNCIL_MEMBER, {}), (None, {}), (POLICE_STAFF, {"is_active": False})],
    ids=["council member", "no role", "inactive officer"],
)
def test_anyone_else_is_refused_with_a_dutch_message(role, fields, police_user):
    with pytest.raises(ValidationError) as refused:
        create(named(role, "iemand", **fields), police_user)
    assert refused.value.message_dict == {"responsible": [REFUSED]}


def test_the_form_offers_only_who_can_be_responsible(staff_client, police_user):
    named(POLICE_STAFF, "collega")
    council = named(COUNCIL_MEMBER, "raad")
    page = staff_client.get(reverse("recommendations:action_create"))
    choices = [label for _value, label in page.context["form"].fields["responsible"].choices]
    assert "Fien Naam-collega (collega)" in choices
    assert not [label for label in choices if "raad" in str(label)]
    response = staff_client.post(
        reverse("recommendations:action_create"),
        {
            "recommendations": [RecommendationFactory().pk],
            "title": "Nieuwe actie",
            "status": "gepland",
            "progress": 0,
            "responsible": council.pk,
        },
    )
    assert response.context["form"].errors["responsible"] == [
        "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
    ]


def test_the_admin_form_refuses_a_council_member_too(admin_client):
    council = named(COUNCIL_MEMBER, "raad")
    action = ActionFactory()
    page = admin_client.get(f"/admin/recommendations/action/{action.pk}/change/")
    offered = page.context["adminform"].form.fields["responsible"].queryset
    assert council not in offered and offered.exists()


def test_my_actions_filter_lists_what_i_answer_for(staff_client, police_user):
    mine = ActionFactory(title="Van mij", responsible=police_user)
    ActionFactory(title="Van een ander", responsible=named(POLICE_STAFF, "ander"))
    html = staff_client.get(reverse("recommendations:action_list") + "?mine=on").content.decode()
    titles = [row[0] for row in tables(html)[0][1:]]
    assert titles == [mine.title]


def test_council_members_do_not_see_who_answers_for_an_action(
    council_client, staff_client, police_user
):
    action = create(None, police_user)
    action.responsible = named(POLICE_STAFF, "verantwoordelijke")
    services.action_update(action=action, expected_version=action.version, actor=police_user)
    for url in (
        reverse("recommendations:action_list"),
        action.get_absolute_url(),
        action.recommendations.first().get_absolute_url(),
    ):
        assert "Fien Naam-verantwoordelijke" in staff_client.get(url).content.decode(), url
        council_page = page_text(council_client.get(url).content.decode())
        # Neither the name (facts, column) nor the username (history of the change).
        assert "Naam-verantwoordelijke" not in council_page, url
        assert "→ verantwoordelijke" not in council_page, url
    staff_history = page_text(staff_client.get(action.get_absolute_url()).content.decode())
    assert "Verantwoordelijke: — → verantwoordelijke" in staff_history
