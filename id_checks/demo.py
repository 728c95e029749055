"""Demo records reproducing the committee bundle of 19/02/2024. Idempotent.

From the police presentation, chapter 5 "Systematische identiteitscontroles":
- "sinds 1 juli 2023 toegepast voor 6 acties en 8 ordediensten – tijdens een actie Zuid
  worden er een 50-tal personen gecontroleerd";
- "Voorbeeld Blaarmeersen: in juni waren er 3 warme weekends met toelating systematische
  controles (en specifieke communicatie werd voorbereid) (maar werd niet in praktijk
  toegepast omdat er geen grote problemen waren)".
Places, times and the other counts are illustrative; only those figures come from the source.
Every record goes through the services, its history dated at the event it records.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from id_checks import services
from id_checks.models import (
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

# Both units are also in the training demo (which runs first), so no unit without staff.
OPERATIONS_UNIT = "Dienst Operationele Acties"
PUBLIC_ORDER_UNIT = "Interventiedienst"

# (reference, kind, area, district, first day, start hour, hours,
#  persons checked, (arrests, judicial reports, fines, seizures, complaints), evaluated)
APPLIED = [
    (
        "TOE-2023-004",
        Kind.PUBLIC_ORDER,
        "Gentse Feesten: Korenmarkt en Vrijdagmarkt",
        "Binnenstad",
        date(2023, 7, 15),
        20,
        10,
        21,
        (2, 1, 4, 1, 0),
        True,
    ),
    (
        "TOE-2023-005",
        Kind.PUBLIC_ORDER,
        "Gentse Feesten: Sint-Jacobs en Baudelopark",
        "Binnenstad",
        date(2023, 7, 21),
        20,
        10,
        15,
        (1, 0, 3, 0, 1),
        True,
    ),
    (
        "TOE-2023-006",
        Kind.PUBLIC_ORDER,
        "Voetbalwedstrijd: omgeving stadion",
        "Sint-Denijs-Westrem",
        date(2023, 8, 24),
        17,
        8,
        12,
        (0, 1, 0, 0, 0),
        True,
    ),
    (
        "TOE-2023-007",
        Kind.ACTION,
        "Stationsomgeving Gent-Zuid",
        "Zuid",
        date(2023, 9, 22),
        18,
        8,
        50,
        (3, 2, 5, 2, 0),
        True,
    ),
    (
        "TOE-2023-008",
        Kind.ACTION,
        "Dampoort: stationsplein en omgeving",
        "Dampoort",
        date(2023, 10, 13),
        18,
        8,
        34,
        (1, 2, 2, 1, 0),
        True,
    ),
    (
        "TOE-2023-009",
        Kind.PUBLIC_ORDER,
        "Voetbalwedstrijd: omgeving stadion",
        "Sint-Denijs-Westrem",
        date(2023, 10, 26),
        17,
        8,
        9,
        (0, 0, 1, 0, 0),
        True,
    ),
    (
        "TOE-2023-010",
        Kind.ACTION,
        "Rabot: Wondelgemstraat en omgeving",
        "Rabot",
        date(2023, 11, 10),
        19,
        7,
        27,
        (0, 1, 3, 1, 1),
        True,
    ),
    (
        "TOE-2023-011",
        Kind.ACTION,
        "Station Gent-Sint-Pieters: Koningin Maria Hendrikaplein",
        "Sint-Pietersstation",
        date(2023, 11, 24),
        18,
        8,
        41,
        (2, 3, 0, 2, 0),
        True,
    ),
    (
        "TOE-2023-012",
        Kind.PUBLIC_ORDER,
        "Winterfeesten: Sint-Baafsplein en Korenmarkt",
        "Binnenstad",
        date(2023, 12, 8),
        18,
        10,
        14,
        (1, 0, 2, 0, 0),
        True,
    ),
    (
        "TOE-2023-013",
        Kind.PUBLIC_ORDER,
        "Oudejaarsnacht: Korenmarkt en Graslei",
        "Binnenstad",
        date(2023, 12, 31),
        22,
        8,
        19,
        (3, 1, 6, 0, 0),
        True,
    ),
    (
        "TOE-2024-001",
        Kind.ACTION,
        "Brugse Poort: Phoenixstraat en Sint-Jansvest",
        "Brugse Poort",
        date(2024, 1, 19),
        18,
        8,
        31,
        (1, 1, 2, 1, 0),
        False,
    ),
    (
        "TOE-2024-002",
        Kind.PUBLIC_ORDER,
        "Voetbalwedstrijd: omgeving stadion",
        "Sint-Denijs-Westrem",
        date(2024, 1, 28),
        13,
        8,
        11,
        (0, 0, 2, 0, 0),
        False,
    ),
    (
        "TOE-2024-003",
        Kind.ACTION,
        "Ledeberg: Hoveniersberg en Ledebergplein",
        "Ledeberg",
        date(2024, 2, 2),
        18,
        8,
        29,
        (0, 2, 1, 0, 0),
        False,
    ),
    (
        "TOE-2024-004",
        Kind.PUBLIC_ORDER,
        "Carnaval: omgeving Vrijdagmarkt",
        "Binnenstad",
        date(2024, 2, 10),
        19,
        8,
        8,
        (0, 0, 1, 0, 0),
        False,
    ),
]

# The three warm weekends at the Blaarmeersen: Saturday 11:00 for 24 hours, extended to
# Sunday 21:00; granted with prepared communication, not applied.
BLAARMEERSEN = [
    ("TOE-2023-001", date(2023, 6, 10)),
    ("TOE-2023-002", date(2023, 6, 17)),
    ("TOE-2023-003", date(2023, 6, 24)),
]
NOT_APPLIED_REASON = "Niet in praktijk toegepast: geen grote problemen."

EXPLANATION = (
    "Elke gecontroleerde persoon krijgt uitleg: de burgemeester liet voor dit gebied en deze "
    "periode systematische identiteitscontroles toe, om deze reden; het gaat niet om de "
    "persoon zelf."
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def request(reference, kind, area, district, starts_at, hours, *, unit, recommendation, **text):
    """A request made a week before the start, with the motivation the report asks for."""
    authorisation = Authorisation(
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


def load(*, actor):
    if Authorisation.objects.filter(reference__in=[row[0] for row in BLAARMEERSEN]).exists():
        return
    operations = Unit.objects.get(name=OPERATIONS_UNIT)
    public_order = Unit.objects.get(name=PUBLIC_ORDER_UNIT)
    recommendation = Recommendation.objects.filter(
        text__icontains="communicatie over het doel"
    ).first()
    for reference, saturday in BLAARMEERSEN:
        load_blaarmeersen(reference, saturday, public_order, recommendation, actor)
    for row in APPLIED:
        unit = operations if row[1] == Kind.ACTION else public_order
        load_applied(*row, unit=unit, recommendation=recommendation, actor=actor)


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


def load_blaarmeersen(reference, saturday, unit, recommendation, actor):
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


def load_applied(
    reference,
    kind,
    area,
    district,
    day,
    hour,
    hours,
    persons,
    further,
    evaluated,
    *,
    unit,
    recommendation,
    actor,
):
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
            area_description=f"{area}: pleinen, toegangswegen en haltes van het openbaar vervoer.",
            objective_grounds=(
                "Meldingen en vaststellingen van de voorbije weken (drugshandel, geweld, "
                "overlast) in dit gebied, gebundeld in het aanvraagdossier."
            ),
            necessity=(
                "Gerichte controles op basis van gedrag volstonden niet; beperkt tot dit "
                "gebied en deze uren."
            ),
            alternatives="Extra zichtbare patrouilles en gerichte controles; camerabeelden.",
            communication_planned="Bericht op de website en sociale media van de politie.",
        ),
        actor,
    )
    decision = grant(authorisation, actor)
    arrests, reports, fines, seizures, complaints = further
    execution = services.execution_record(
        execution=Execution(
            decision=decision,
            applied=True,
            actual_starts_at=starts_at,
            actual_ends_at=authorisation.ends_at,
            persons_checked=persons,
            administrative_arrests=arrests,
            judicial_reports=reports,
            municipal_fines=fines,
            seizures=seizures,
            complaints=complaints,
        ),
        actor=actor,
        at=authorisation.ends_at + timedelta(hours=4),
    )
    if evaluated:
        evaluated_on = day + timedelta(days=10)
        services.evaluation_record(
            evaluation=Evaluation(
                execution=execution,
                evaluated_on=evaluated_on,
                debrief_notes=(
                    "Debriefing met de ploegen: uitleg aan de gecontroleerde personen werd "
                    "telkens gegeven; weinig discussie ter plaatse."
                ),
                communication_as_planned=True,
                effect_observed="Minder meldingen in het gebied in de twee weken nadien.",
            ),
            actor=actor,
            at=at(evaluated_on, 14),
        )
