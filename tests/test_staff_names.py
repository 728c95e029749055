"""Council members never see a staff member's name (issue 14, item 2).

Every user and every staff member gets a unique marker (first name, last name, username,
staff name and number, officers named in ID-check requests, external trainers); records are
made by them through the services, dated inside the periods the report and "what changed"
pages show. Then every page, export (CSV, and XLSX read from its XML), JSON, PDF (its text)
and download a council member can reach is fetched, the list generated from the permission
matrix, and no marker may appear. Police staff get the same pages with the names: the
control that the markers are really on those pages.
"""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve
from django.utils import timezone
from pypdf import PdfReader

from core.history import record_save
from core.roles import ADMINISTRATOR, INDEPENDENT_EVALUATOR, POLICE_STAFF
from core.views import ListPage
from id_checks import services as id_checks
from id_checks.models import Authorisation, Decision, Evaluation, Execution
from profiling_followup.reports import report_freeze
from recommendations import services as recommendations
from recommendations.models import Action, Recommendation
from tests.conftest import make_user
from tests.factories import (
    AuthorisationFactory,
    ModuleFactory,
    SourceReportFactory,
    StaffMemberFactory,
    ThemeFactory,
    TrainerQualificationFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from tests.matrix import ALL_ROUTES, url_of
from training import services as training
from training.models import Session

pytestmark = pytest.mark.django_db

MEETING = datetime.date(2024, 2, 19)


def moment(day: int, month: int = 1) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2024, month, day, 10))


def marked_user(role: str, n: int):
    user = make_user(role, f"qwmrkuser{n}")
    user.first_name, user.last_name = f"Qwmrkfirst{n}", f"Qwmrklast{n}"
    user.save()
    return user


def build_records() -> dict:
    """Records on every page a council member reads, each made by a marked person."""
    author, editor = marked_user(POLICE_STAFF, 1), marked_user(POLICE_STAFF, 2)
    administrator = marked_user(ADMINISTRATOR, 3)
    evaluator = marked_user(INDEPENDENT_EVALUATOR, 4)
    unit = UnitFactory(name="Dienst Markering")
    UnitHeadcountFactory(unit=unit, headcount=40)
    staff = [
        StaffMemberFactory(name=f"Qwmrkstaff{n}", staff_number=f"QWMRKNR{n}", unit=unit)
        for n in range(1, 4)
    ]
    recommendation, action, evidence = recommendation_records(author, editor, evaluator, unit)
    session = training_records(author, unit, staff)
    authorisation = id_check_records(author, editor, unit)
    report_freeze(meeting_date=MEETING, actor=administrator)
    return {
        "markers": [
            *(
                text
                for user in (author, editor, administrator, evaluator)
                for text in (user.first_name, user.last_name, user.username)
            ),
            *(member.name for member in staff),
            *(member.staff_number for member in staff),
            "Qwmrkofficer1",
            "Qwmrkofficer2",
            "Qwmrkextern",
            "Qwmrkmaster",
        ],
        "kwargs": {
            "recommendations:recommendation_detail": {"pk": recommendation.pk},
            "recommendations:action_detail": {"pk": action.pk},
            "recommendations:evidence_download": {"pk": evidence.pk},
            "training:session_detail": {"pk": session.pk},
            "id_checks:authorisation_detail": {"pk": authorisation.pk},
            "id_checks:decision_document": {"pk": authorisation.pk},
            "frozen_report_download": {"meeting_date": MEETING},
            "frozen_report_pdf": {"meeting_date": MEETING},
        },
    }


def recommendation_records(author, editor, evaluator, unit) -> tuple:
    """A recommendation with an independent assessment, and an action with a corrected
    update, a status, a moved due date and evidence: (recommendation, action, evidence)."""
    recommendation = Recommendation(
        code="MRK1", source=SourceReportFactory(), theme=ThemeFactory(), text="Aanbeveling"
    )
    recommendations.recommendation_create(recommendation=recommendation, actor=author, at=moment(5))
    recommendations.recommendation_set_independent_status(
        recommendation=recommendation,
        status="lopend",
        assessor="VUB/UGent",
        motivation="",
        disagreement_note="",
        expected_version=recommendation.version,
        actor=evaluator,
        at=moment(20),
    )
    action = Action(
        title="Actie met auteurs", status="lopend", owner_unit=unit, due_date=moment(31).date()
    )
    recommendations.action_create(
        action=action, recommendations=[recommendation], actor=author, at=moment(6)
    )
    update = recommendations.progress_update_create(
        action=action, on=moment(15).date(), text="Gestart", actor=author, at=moment(15)
    )
    # A correction that changes who wrote it: the change list names users too.
    update.author = editor
    record_save(update, actor=editor, at=moment(16))
    action.refresh_from_db()
    recommendations.action_set_status(
        action=action,
        status="on_hold",
        expected_version=action.version,
        actor=editor,
        at=moment(17),
    )
    action.refresh_from_db()
    recommendations.action_change_due_date(
        action=action,
        new_date=datetime.date(2024, 6, 30),
        reason="Later",
        expected_version=action.version,
        actor=editor,
        at=moment(18),
    )
    evidence = recommendations.evidence_add(
        action=action,
        title="Verslag",
        document=SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag"),
        actor=editor,
    )
    return recommendation, action, evidence


def training_records(author, unit, staff) -> Session:
    """A session given by a qualified trainer from the staff, with an outside trainer, a
    supervisor and its attendance."""
    module = ModuleFactory(code="mod-mrk", name="Module markering")
    TrainerQualificationFactory(trainer=staff[0], module=module, trained_by="Qwmrkmaster")
    session = Session(
        module=module,
        starts_at=moment(10),
        location="Opleidingscentrum",
        external_trainers="Qwmrkextern",
        status=Session.Status.GIVEN,
        unit=unit,
        supervisor=staff[1],
    )
    training.session_create(session=session, trainers=[staff[0]], actor=author, at=moment(10))
    training.attendance_register(session=session, staff_members=staff, actor=author, at=moment(11))
    return session


def id_check_records(author, editor, unit) -> Authorisation:
    """An authorisation with named officers, decided, executed and evaluated."""
    authorisation = AuthorisationFactory.build(
        reference="MRK-0001",
        requesting_unit=unit,
        requesting_officer="Hoofdinspecteur Qwmrkofficer1",
        ordering_officer="Commissaris Qwmrkofficer2",
        starts_at=moment(12),
        ends_at=moment(12) + datetime.timedelta(hours=6),
        created_at=moment(2),
    )
    id_checks.authorisation_create(authorisation=authorisation, actor=author)
    decision = Decision(
        authorisation=authorisation,
        outcome="granted",
        decided_on=moment(3).date(),
        decided_by="Burgemeester",
    )
    decision.document = SimpleUploadedFile("beslissing.pdf", b"%PDF-1.4 beslissing")
    id_checks.authorisation_decide(decision=decision, actor=editor, at=moment(3))
    execution = Execution(
        decision=decision,
        applied=True,
        actual_starts_at=authorisation.starts_at,
        actual_ends_at=authorisation.ends_at,
        persons_checked=40,
    )
    id_checks.execution_record(execution=execution, actor=editor, at=moment(13))
    id_checks.evaluation_record(
        evaluation=Evaluation(
            execution=execution,
            evaluated_on=moment(14).date(),
            debrief_notes="Vlot",
            communication_as_planned=True,
            effect_observed="Rustiger",
        ),
        actor=editor,
        at=moment(14),
    )
    return authorisation


def council_urls(kwargs: dict) -> list[str]:
    """Every route the council may open, on the marked records, plus the CSV and XLSX export
    of every list page among them."""
    from django.urls import reverse

    urls = []
    for route in ALL_ROUTES:
        if "council" not in route.allowed:
            continue
        if route.name in kwargs:
            urls.append(reverse(route.name, kwargs=kwargs[route.name]) + route.query)
            continue
        assert route.kwargs() == {}, f"give {route.name} a marked record in build_records()"
        urls.append(url_of(route))
    for url in list(urls):
        view = resolve(url.split("?")[0]).func.view_class
        if issubclass(view, ListPage) and "?" not in url:
            urls += [f"{url}?_export=csv", f"{url}?_export=xlsx"]
    return sorted(set(urls))


def readable_text(response) -> str:
    """What a reader gets: HTML and CSV as text, XLSX's XML, a PDF's text, other bytes."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    text = body.decode("utf-8", errors="replace")
    if body.startswith(b"%PDF") and len(body) > 1000:  # a real PDF, not a test upload
        pages = PdfReader(io.BytesIO(body)).pages
        text += "\n".join(page.extract_text() for page in pages)
    return text


def test_no_staff_name_reaches_a_council_member(council_client, staff_client):
    records = build_records()
    urls = council_urls(records["kwargs"])
    assert any("_export=xlsx" in url for url in urls) and any("pdf" in url for url in urls)
    seen = {}
    for url in urls:
        response = council_client.get(url)
        assert response.status_code == 200, url
        text = readable_text(response).casefold()
        leaks = [marker for marker in records["markers"] if marker.casefold() in text]
        assert not leaks, f"{url} shows {leaks}"
        seen[url] = text
    # What council members read instead: the role of whoever made the record.
    action = records["kwargs"]["recommendations:action_detail"]["pk"]
    assert "politiepersoneel" in seen[f"/recommendations/actions/{action}/"]
    # The control: police staff get the names on the same pages.
    police_text = " ".join(
        readable_text(staff_client.get(url)).casefold()
        for url in urls
        if "detail" in resolve(url.split("?")[0]).url_name or url.endswith("/frozen/")
    )
    for marker in ("Qwmrkfirst1", "Qwmrklast2", "Qwmrkofficer1", "Qwmrkofficer2", "Qwmrkstaff1"):
        assert marker.casefold() in police_text, marker
