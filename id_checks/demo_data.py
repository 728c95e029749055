"""The systematic ID checks of the committee bundle of 19/02/2024 as data (loaded by
id_checks/demo.py): the authorisations applied since 1 July 2023 and the three warm
weekends at the Blaarmeersen. Places, times and the other counts are illustrative.
"""

from datetime import date

from id_checks.models import Kind

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

# The motivation of the applied requests, and their evaluation.
APPLIED_MOTIVATION = {
    "objective_grounds": (
        "Meldingen en vaststellingen van de voorbije weken (drugshandel, geweld, overlast) in "
        "dit gebied, gebundeld in het aanvraagdossier."
    ),
    "necessity": (
        "Gerichte controles op basis van gedrag volstonden niet; beperkt tot dit gebied en "
        "deze uren."
    ),
    "alternatives": "Extra zichtbare patrouilles en gerichte controles; camerabeelden.",
    "communication_planned": "Bericht op de website en sociale media van de politie.",
}
EVALUATION = {
    "debrief_notes": (
        "Debriefing met de ploegen: uitleg aan de gecontroleerde personen werd telkens "
        "gegeven; weinig discussie ter plaatse."
    ),
    "communication_as_planned": True,
    "effect_observed": "Minder meldingen in het gebied in de twee weken nadien.",
}
