"""The demo data reproduces the recommendations and actions of the bundle of 19/02/2024,
and its history answers "how did it stand then"."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from recommendations import history
from recommendations.models import Action, Recommendation

d = datetime.date
pytestmark = pytest.mark.usefixtures("demo_data")
COMMITTEE = datetime.datetime(2024, 2, 19, 23, 59, tzinfo=ZoneInfo("Europe/Brussels"))


def test_every_recommendation_of_the_bundle_is_there_as_quoted(db):
    texts = dict(Recommendation.objects.values_list("code", "text"))
    assert texts["2.1"] == "Centrale concepten herkenbaarder maken"
    assert texts["2.3"] == "Update van het erkenningsdossier overwegen"
    assert texts["4.1"].startswith("Reflectie blijvend mogelijk maken")
    assert texts["5.1"].endswith("om de politielegitimiteit op lange termijn te vrijwaren")
    assert len(texts) == 7
    themes = list(
        Recommendation.objects.order_by("theme__position").values_list("theme__name", flat=True)
    )
    assert themes[0] == "Inbedding van het opleidingstraject"
    assert "Systematische identiteitscontroles" in themes


def test_centrale_concepten_has_its_two_actions(db):
    recommendation = Recommendation.objects.get(code="2.1")
    assert recommendation.actions.count() == 2
    assert recommendation.steps.count() == 4


def test_the_dated_actions_of_the_bundle(db):
    project = Action.objects.get(title__startswith="Dialog en vertrouwen")
    assert (project.budget, project.due_date, project.partners) == (
        Decimal("153000.00"),
        d(2025, 12, 31),
        "Kubat's Gym in samenwerking met HOGENT",
    )
    exchange = Action.objects.get(title__startswith="Uitwisselingsdag")
    assert (exchange.status, exchange.completed_on) == ("afgerond", d(2023, 12, 13))
    assert Action.objects.get(title="Eigen online module op ons leerplatform").due_date == d(
        2024, 3, 31
    )
    pilots = Action.objects.get(title__startswith="Proeftrainingen")
    assert (pilots.status, pilots.start_date) == ("gepland", d(2024, 5, 1))
    de_escalation = Action.objects.get(title="Module ‘de-escalerend communiceren’")
    assert "10 trainers opgeleid door een mastertrainer" in de_escalation.updates.get().text
    assert Action.objects.filter(title__startswith="VR-opleiding nog twee jaar").exists()
    assert Action.objects.filter(title__contains="Belgisch VR-scenario").exists()
    assert Action.objects.count() == 17


def test_the_committee_report_as_of_19_02_2024(db):
    snapshots = {s.code: s for s in history.recommendations_as_of(COMMITTEE)}
    assert len(snapshots) == 7
    assert snapshots["3.1"].police_status == "deels_uitgevoerd"
    # Completed actions count 100, the others 0 (the bundle gives no percentages).
    assert snapshots["2.1"].progress == 100
    assert snapshots["5.1"].progress == 50
    proprofile = next(a for a in snapshots["2.3"].actions if "ProProfile" in a.title)
    assert proprofile.status == "on_hold"
    assert len(proprofile.updates) == 2


def test_before_the_presentation_the_state_was_earlier(db):
    new_year = datetime.datetime(2024, 1, 1, tzinfo=ZoneInfo("Europe/Brussels"))
    snapshots = {s.code: s for s in history.recommendations_as_of(new_year)}
    assert snapshots["2.1"].police_status == "niet_gestart"
    assert snapshots["2.1"].actions == []
    (proprofile,) = snapshots["2.3"].actions
    assert proprofile.status == "lopend"
    (exchange, *_) = [a for a in snapshots["4.1"].actions if a.title.startswith("Uitwisseling")]
    assert exchange.status == "afgerond"


def test_change_history_of_the_committee_period(db):
    events = history.change_history(datetime.datetime(2023, 12, 1, tzinfo=datetime.UTC), COMMITTEE)
    kinds = [e.kind for e in events]
    # All actions but ProProfile (May 2023) are recorded since December; 7 police statuses
    # set at the presentation; 2 + 2 + 1 + 2 + 1 completed actions.
    assert kinds.count("action_created") == 17 - 1
    assert kinds.count("police_status") == 7
    assert kinds.count("action_completed") == 8
