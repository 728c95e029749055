"""The demo data reproduces the figures of the committee bundle of 19/02/2024."""

import datetime

import pytest

from core.roles import POLICE_STAFF
from profiling_followup.demo import load_demo_accounts
from training import demo, selectors
from training.models import Completion, Session, StaffMember, TrainerQualification

pytestmark = pytest.mark.django_db

COMMITTEE = datetime.date(2024, 2, 19)


@pytest.fixture
def demo_loaded():
    actor = load_demo_accounts()[POLICE_STAFF]
    demo.load(actor=actor)
    return actor


def test_714_followed_module_1_and_437_also_module_2(demo_loaded):
    figures = selectors.prerequisite_coverage(COMMITTEE)
    assert figures["module1_total"] == 714
    assert figures["module1_and_2"] == 437
    assert figures["module1_only"] == 714 - 437
    assert figures["module1"].code == "hk-m1"
    trend = selectors.coverage_trend(COMMITTEE, 30)
    module1 = next(row for row in trend if row["module"].code == "hk-m1")["series"]
    assert module1[-1][1] == 714
    assert module1[0][1] < module1[-1][1]
    rows = {row["module"].code: row for row in selectors.coverage_by_module(COMMITTEE)}
    assert rows["hk-m1"]["headcount"] == 1210
    assert rows["hk-m1"]["percent"] == 59.0


def test_intervision_exchange_day_bdo_feedback_and_trainers(demo_loaded):
    session = Session.objects.get(module__code="hk-intervisie")
    assert session.unit.name == "Dienst Operationele Acties"
    assert session.supervisor.unit == session.unit
    assert session.completions.count() == 12
    assert Session.objects.filter(
        module__code="uitwisseling", starts_at__date=datetime.date(2023, 12, 13)
    ).exists()
    bdo = Session.objects.get(module__code="bdo")
    assert bdo.feedback.percent_positive == 95
    qualified = TrainerQualification.objects.filter(module__code="de-escalatie")
    assert qualified.count() == 10
    assert {q.trained_by for q in qualified} == {
        "Mastertrainer de-escalerend communiceren (extern)"
    }


def test_history_is_dated_at_the_events_and_loading_twice_adds_nothing(demo_loaded):
    session = Session.objects.get(module__code="bdo")
    assert session.history.get().history_date.date() == datetime.date(2023, 12, 16)
    completion = Session.objects.get(module__code="hk-intervisie").completions.first()
    assert completion.history.get().history_date.date() == completion.completed_on
    assert completion.history.get().history_user == demo_loaded
    before = (Completion.objects.count(), StaffMember.objects.count(), Session.objects.count())
    demo.load(actor=demo_loaded)
    assert (
        Completion.objects.count(),
        StaffMember.objects.count(),
        Session.objects.count(),
    ) == before
