"""Demo records reproducing the committee bundle of 19/02/2024. Idempotent.

From the police presentation, chapter 5 "Systematische identiteitscontroles":
- "sinds 1 juli 2023 toegepast voor 6 acties en 8 ordediensten – tijdens een actie Zuid
  worden er een 50-tal personen gecontroleerd";
- "Voorbeeld Blaarmeersen: in juni waren er 3 warme weekends met toelating systematische
  controles (en specifieke communicatie werd voorbereid) (maar werd niet in praktijk
  toegepast omdat er geen grote problemen waren)".
Places, times and the other counts are illustrative; only those figures come from the source.
Every record goes through the services, its history dated at the event it records.

The demo police user answers for the evaluations of the checks that were applied, the demo
administrator for those of the three weekends that were not.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from id_checks import services
from id_checks.demo_data import (
    APPLIED,
    APPLIED_MOTIVATION,
    BLAARMEERSEN,
    EVALUATION,
    EXPLANATION,
    NOT_APPLIED_REASON,
    OPERATIONS_UNIT,
    PUBLIC_ORDER_UNIT,
)
from id_checks.models import (
    COUNT_FIELDS,
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
    Kind,
    Outcome,
)
from recommendations.models import Recommendation
from training.models import Unit


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def request(
    reference, kind, area, district, starts_at, hours, *, unit, recommendation, responsible, **text
):
    """A request made a week before the start, with the motivation the report asks for."""
    authorisation = Authorisation(
        evaluation_responsible=responsible,
        reference=reference,
        kind=kind,
        requesting_unit=unit,
        requesting_officer="Hoofdcommissaris (demo)",
        ordering_officer="Officier van bestuurlijke politie van dienst (demo)",
        area_name=area,
        district=district,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        explanation_to_persons=EXPLANATION,
        recommendation=recommendation,
        created_at=starts_at - timedelta(days=7),
        **text,
    )
    return authorisation


def load(*, actor, administrator=None):
    weekend_evaluator = administrator or actor
    if Authorisation.objects.filter(reference__in=[row[0] for row in BLAARMEERSEN]).exists():
        assign_evaluations(actor, weekend_evaluator)
        return
    operations = Unit.objects.get(name=OPERATIONS_UNIT)
    public_order = Unit.objects.get(name=PUBLIC_ORDER_UNIT)
    recommendation = Recommendation.objects.filter(
        text__icontains="communicatie over het doel"
    ).first()
    for reference, saturday in BLAARMEERSEN:
        load_blaarmeersen(
            reference, saturday, public_order, recommendation, actor, weekend_evaluator
        )
    for row in APPLIED:
        unit = operations if row[1] == Kind.ACTION else public_order
        load_applied(row, unit=unit, recommendation=recommendation, actor=actor)


def assign_evaluations(actor, weekend_evaluator):
    """Demo records loaded before authorisations had a responsible officer get one."""
    weekends = {reference for reference, _saturday in BLAARMEERSEN}
    references = weekends | {row[0] for row in APPLIED}
    for authorisation in Authorisation.objects.filter(
        reference__in=references, evaluation_responsible__isnull=True
    ):
        authorisation.evaluation_responsible = (
            weekend_evaluator if authorisation.reference in weekends else actor
        )
        services.authorisation_update(
            authorisation=authorisation, expected_version=authorisation.version, actor=actor
        )


def save_request(authorisation, actor):
    return services.authorisation_create(
        authorisation=authorisation, actor=actor, at=authorisation.created_at
    )


def grant(authorisation, actor, days_before: int = 3) -> Decision:
    decided_on = (authorisation.starts_at - timedelta(days=days_before)).date()
    return services.authorisation_decide(
        decision=Decision(
            authorisation=authorisation,
            outcome=Outcome.GRANTED,
            decided_on=decided_on,
            decided_by="Burgemeester",
        ),
        actor=actor,
        at=at(decided_on, 11),
    )


def load_blaarmeersen(reference, saturday, unit, recommendation, actor, evaluator):
    authorisation = save_request(
        request(
            reference,
            Kind.PUBLIC_ORDER,
            "Recreatiedomein Blaarmeersen",
            "Sint-Denijs-Westrem",
            at(saturday, 11),
            24,
            unit=unit,
            recommendation=recommendation,
            responsible=evaluator,
            area_description="Ingangen, strand en ligweides van het recreatiedomein.",
            objective_grounds=(
                "Warm weekend voorspeld; bij eerdere warme dagen overlast, vechtpartijen en "
                "wapenbezit op het domein en de toegangswegen."
            ),
            necessity=(
                "Enkel als er zich incidenten voordoen; beperkt tot het domein en de "
                "uren met de grootste drukte."
            ),
            alternatives="Zichtbare patrouilles, toegangsbeheer door de stad, stewards.",
            communication_planned=(
                "Specifieke communicatie voorbereid: borden aan de ingangen en berichten op "
                "de kanalen van stad en politie."
            ),
        ),
        actor,
    )
    decision = grant(authorisation, actor)
    services.authorisation_extend(
        extension=Extension(
            authorisation=authorisation,
            new_ends_at=at(saturday + timedelta(days=1), 21),
            decided_on=decision.decided_on,
            reason="Warm weer voorspeld tot zondagavond: toelating voor het hele weekend.",
        ),
        actor=actor,
        at=at(decision.decided_on, 11, 30),
    )
    services.execution_record(
        execution=Execution(
            decision=decision, applied=False, reason_not_applied=NOT_APPLIED_REASON
        ),
        actor=actor,
        at=at(saturday + timedelta(days=2), 9),
    )


def load_applied(row, *, unit, recommendation, actor):
    reference, kind, area, district, day, hour, hours, persons, further, evaluated = row
    starts_at = at(day, hour)
    authorisation = save_request(
        request(
            reference,
            kind,
            area,
            district,
            starts_at,
            hours,
            unit=unit,
            recommendation=recommendation,
            responsible=actor,
            area_description=f"{area}: pleinen, toegangswegen en haltes van het openbaar vervoer.",
            **APPLIED_MOTIVATION,
        ),
        actor,
    )
    decision = grant(authorisation, actor)
    # The counts after the persons checked: arrests, reports, fines, seizures, complaints.
    counts = dict(zip(COUNT_FIELDS[1:], further, strict=True))
    execution = services.execution_record(
        execution=Execution(
            decision=decision,
            applied=True,
            actual_starts_at=starts_at,
            actual_ends_at=authorisation.ends_at,
            persons_checked=persons,
            **counts,
        ),
        actor=actor,
        at=authorisation.ends_at + timedelta(hours=4),
    )
    if evaluated:
        evaluated_on = day + timedelta(days=10)
        services.evaluation_record(
            evaluation=Evaluation(execution=execution, evaluated_on=evaluated_on, **EVALUATION),
            actor=actor,
            at=at(evaluated_on, 14),
        )
