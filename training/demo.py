"""Demo records reproducing the committee bundle of 19/02/2024. Idempotent.

From the source: 714 colleagues followed module 1 (theory), 437 of them also module 2 (VR);
intervision with Dienst Operationele Acties; the exchange day of 13/12/2023; 10 trainers
trained by a master trainer for de-escalating communication (trial trainings from May
2024); the BDO training at the Winterfeesten 2023 with 95% positive feedback. Units and
their headcounts, staff numbers and names are fictional ("Voorbeeld-0001"): the source gives
no headcounts, so the figures per unit are illustrative.
"""

import datetime
from zoneinfo import ZoneInfo

from recommendations.models import FrameworkStep
from training import services
from training.models import (
    Completion,
    Module,
    ModulePrerequisite,
    Session,
    StaffMember,
    TrainerQualification,
    Unit,
    UnitHeadcount,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
HEADCOUNT_DATE = datetime.date(2021, 1, 1)

# (unit, operational headcount): fictional, summing to 1,210.
UNITS = [
    ("Dienst Operationele Acties", 160),
    ("Interventiedienst", 420),
    ("Wijkwerking", 300),
    ("Dienst Recherche", 180),
    ("Dienst Verkeer", 90),
    ("Dienst Jeugd en Gezin", 60),
]
OPERATIONAL_ACTIONS = UNITS[0][0]

ALL_STEPS = ("selecteren", "motiveren", "respectvol-omgaan", "reflecteren")
# (code, name, kind, steps, mandatory, refresher months)
MODULES = [
    ("hk-m1", "Module 1 handelingskader (theorie)", Module.Kind.THEORY, ALL_STEPS, True, None),
    ("hk-m2", "Module 2 handelingskader (VR)", Module.Kind.VR, ALL_STEPS, True, None),
    (
        "hk-intervisie",
        "Intervisie handelingskader",
        Module.Kind.INTERVISION,
        ("reflecteren",),
        False,
        12,
    ),
    (
        "hk-online",
        "Online module handelingskader (leerplatform)",
        Module.Kind.ONLINE,
        ALL_STEPS,
        False,
        36,
    ),
    (
        "de-escalatie",
        "De-escalerend communiceren",
        Module.Kind.DEESCALATION,
        ("respectvol-omgaan",),
        False,
        None,
    ),
    ("bdo", "Behaviour detection officer (BDO)", Module.Kind.OTHER, ("selecteren",), False, None),
    ("serious-game", "Serious game integriteit", Module.Kind.OTHER, (), False, None),
    ("uitwisseling", "Uitwisselingsdag handelingskader", Module.Kind.OTHER, ALL_STEPS, False, None),
]

MODULE_1_COUNT = 714
MODULE_1_AND_2_COUNT = 437
MODULE_1_GROUP = 24  # participants per theory session
MODULE_2_GROUP = 12  # participants per VR session (headsets)
FIRST_NAMES = [
    "An",
    "Bram",
    "Chloë",
    "Dries",
    "Els",
    "Fien",
    "Gert",
    "Hanne",
    "Ilias",
    "Jana",
    "Karim",
    "Lore",
    "Mehdi",
    "Nina",
    "Omar",
    "Pieter",
    "Roos",
    "Sven",
    "Tine",
    "Wout",
]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS)


def _units(actor) -> list[Unit]:
    units = []
    for name, headcount in UNITS:
        unit = Unit.objects.filter(name=name).first() or services.reference_save(
            record=Unit(name=name), actor=actor, at=_at(HEADCOUNT_DATE)
        )
        if not UnitHeadcount.objects.filter(unit=unit, date=HEADCOUNT_DATE).exists():
            services.reference_save(
                record=UnitHeadcount(unit=unit, date=HEADCOUNT_DATE, headcount=headcount),
                actor=actor,
                at=_at(HEADCOUNT_DATE),
            )
        units.append(unit)
    return units


def _staff(units, actor) -> list[StaffMember]:
    """One fictional staff record per headcount place, numbered DEMO-00001 onwards."""
    wanted = []
    for unit, (_, headcount) in zip(units, UNITS, strict=True):
        wanted += [unit] * headcount
    existing = set(StaffMember.objects.values_list("staff_number", flat=True))
    new = []
    for index, unit in enumerate(wanted, start=1):
        number = f"DEMO-{index:05d}"
        if number not in existing:
            member = StaffMember(
                staff_number=number,
                name=f"{FIRST_NAMES[index % len(FIRST_NAMES)]} Voorbeeld-{index:04d}",
                unit=unit,
            )
            member._history_date = _at(HEADCOUNT_DATE)
            new.append(member)
    if new:
        services.staff_bulk_create(staff=new, actor=actor)
    return list(
        StaffMember.objects.filter(staff_number__startswith="DEMO-")
        .select_related("unit")
        .order_by("staff_number")
    )


def _modules(actor) -> dict[str, Module]:
    steps = {step.code: step for step in FrameworkStep.objects.all()}
    modules = {}
    for code, name, kind, step_codes, mandatory, refresher in MODULES:
        module = Module.objects.filter(code=code).first()
        if module is None:
            module = services.module_create(
                module=Module(
                    code=code, name=name, kind=kind, mandatory=mandatory, refresher_months=refresher
                ),
                steps=[steps[step] for step in step_codes if step in steps],
                actor=actor,
                at=_at(datetime.date(2021, 6, 1)),
            )
        modules[code] = module
    if not ModulePrerequisite.objects.filter(
        module=modules["hk-m2"], required=modules["hk-m1"]
    ).exists():
        services.reference_save(
            record=ModulePrerequisite(module=modules["hk-m2"], required=modules["hk-m1"]),
            actor=actor,
            at=_at(datetime.date(2021, 6, 1)),
        )
    return modules


def _session(module, day, location, actor, *, hour=9, trainers=(), **fields) -> Session:
    starts_at = _at(day, hour)
    session = Session.objects.filter(module=module, starts_at=starts_at).first()
    if session is None:
        session = services.session_create(
            session=Session(module=module, starts_at=starts_at, location=location, **fields),
            trainers=trainers,
            actor=actor,
            at=starts_at,
        )
    return session


def _course(module, participants, group, first_day, days_apart, location, actor, trainers):
    """Sessions of `group` participants every `days_apart` days; completions dated on them."""
    completions = []
    for start in range(0, len(participants), group):
        day = first_day + datetime.timedelta(days=days_apart * (start // group))
        session = _session(
            module,
            day,
            location,
            actor,
            trainers=trainers,
            capacity=group,
            status=Session.Status.GIVEN,
        )
        completions += [
            _attended(session, staff, day) for staff in participants[start : start + group]
        ]
    return completions


def _attended(session, staff, day) -> Completion:
    """A completion of a session, for the bulk write (the module's period rule applied)."""
    completion = Completion(
        staff=staff,
        module=session.module,
        session=session,
        completed_on=day,
        method=Completion.Method.SESSION,
        period_number=session.module.period_number(day),
    )
    completion._history_date = _at(day, 17)
    return completion


def _completions(modules, staff, actor) -> None:
    if Completion.objects.filter(staff__staff_number__startswith="DEMO-").exists():
        return
    # Spread over every unit (a mix of units per session, as the source says they aim for).
    module1 = [staff[(index * 17) % len(staff)] for index in range(MODULE_1_COUNT)]
    both = module1[:MODULE_1_AND_2_COUNT]
    gespreksleiders = staff[-4:]
    theory = (MODULE_1_GROUP, datetime.date(2021, 10, 5), 28, "Opleidingscentrum (fictief)")
    completions = _course(modules["hk-m1"], module1, *theory, actor, gespreksleiders[:2])
    # VR follows theory: the first VR session is 2 months after the first theory session.
    vr = (MODULE_2_GROUP, datetime.date(2021, 12, 7), 21, "VR-lokaal (fictief)")
    completions += _course(modules["hk-m2"], both, *vr, actor, gespreksleiders[2:])
    operational = [member for member in staff if member.unit.name == OPERATIONAL_ACTIONS]
    supervisor = operational[0]
    intervision_day = datetime.date(2023, 11, 21)
    intervision = _session(
        modules["hk-intervisie"],
        intervision_day,
        "Dienst Operationele Acties",
        actor,
        hour=14,
        unit=supervisor.unit,
        supervisor=supervisor,
        capacity=15,
        status=Session.Status.GIVEN,
    )
    completions += [_attended(intervision, member, intervision_day) for member in operational[1:13]]
    services.completions_bulk_create(completions=completions, actor=actor, reason="demo")


def _events(modules, staff, actor) -> None:
    _session(
        modules["uitwisseling"],
        datetime.date(2023, 12, 13),
        "PZ Gent",
        actor,
        external_trainers="Gespreksleiders van korpsen en politiescholen uit Oost-Vlaanderen, "
        "West-Vlaanderen en Brussel",
        status=Session.Status.GIVEN,
    )
    winterfeesten = _session(
        modules["bdo"],
        datetime.date(2023, 12, 16),
        "Gentse Winterfeesten",
        actor,
        hour=16,
        external_trainers="Opleiders BDO",
        status=Session.Status.GIVEN,
    )
    if not hasattr(winterfeesten, "feedback"):
        # 57 of 60 persons asked after a check: 95% positive.
        services.feedback_record(
            session=winterfeesten,
            asked=60,
            positive=57,
            actor=actor,
            at=_at(datetime.date(2023, 12, 20)),
        )
    trainers = staff[-14:-4]
    qualified_since = datetime.date(2024, 1, 26)
    for trainer in trainers:
        if not TrainerQualification.objects.filter(
            trainer=trainer, module=modules["de-escalatie"]
        ).exists():
            services.reference_save(
                record=TrainerQualification(
                    trainer=trainer,
                    module=modules["de-escalatie"],
                    trained_by="Mastertrainer de-escalerend communiceren (extern)",
                    qualified_since=qualified_since,
                ),
                actor=actor,
                at=_at(qualified_since, 17),
            )
    _session(
        modules["de-escalatie"],
        datetime.date(2024, 5, 14),
        "Opleidingscentrum (fictief)",
        actor,
        trainers=trainers[:2],
        capacity=12,
        status=Session.Status.PLANNED,
    )


def load(*, actor):
    units = _units(actor)
    staff = _staff(units, actor)
    modules = _modules(actor)
    _completions(modules, staff, actor)
    _events(modules, staff, actor)
