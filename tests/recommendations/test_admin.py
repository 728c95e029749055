import datetime

from django.utils import timezone

from recommendations.models import Action
from tests.factories import ActionFactory


def test_bulk_completion_goes_through_the_service_and_the_history(admin_client, admin_user):
    first, second = ActionFactory(progress=20), ActionFactory(progress=60)
    response = admin_client.post(
        "/admin/recommendations/action/",
        {"action": "set_status_afgerond", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    for action in Action.objects.all():
        assert (action.status, action.progress, action.completed_on) == (
            "afgerond",
            100,
            timezone.localdate(),
        )
        latest = action.history.first()
        assert latest.history_user == admin_user
        assert latest.version == 2


def test_admin_action_pages_open_with_their_inlines_and_history(admin_client):
    action = ActionFactory(due_date=datetime.date(2024, 3, 31))
    change = admin_client.get(f"/admin/recommendations/action/{action.pk}/change/")
    assert change.status_code == 200
    # A set due date only moves with a reason, through the due date form.
    assert 'name="due_date"' not in change.content.decode()
    assert (
        admin_client.get(f"/admin/recommendations/action/{action.pk}/history/").status_code == 200
    )
    assert admin_client.get("/admin/recommendations/action/?q=Actie").status_code == 200
