"""Generate a national-scale data set into PostgreSQL, fast, for the load benchmark.

All Belgian police zones on one instance: ~50,000 staff, ~1,000,000 training completions,
~20,000 actions and ~10,000 ID-check authorisations at --scale 1 (the default). Completions
go in with COPY; the other tables with bulk inserts and their history rows (the committee
report reads history). The demo data is loaded first, so the demo accounts work.

    createdb -h 127.0.0.1 -U postgres pf_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench \\
      .venv/bin/python bench/generate.py --scale 1

--scale 0.03 gives a zone the size of Ghent (~1,500 staff). Rerunning adds nothing: the
script stops when generated records are already there (use --reset to drop them first).
Generated completions carry no history rows (1M of them would double the run for nothing
the benchmark reads); imports through the application do write theirs.
"""

import argparse
import io
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from simple_history.models import HistoricalRecords  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from id_checks.models import Authorisation, Decision, Evaluation, Execution, Outcome  # noqa: E402
from recommendations.models import Action, Recommendation, SourceReport, Theme  # noqa: E402
from training import summaries  # noqa: E402
from training.models import Completion, Module, StaffMember, Unit, UnitHeadcount  # noqa: E402

PREFIX = "BENCH"
ZONES = 185  # Belgian local police zones
UNITS_PER_ZONE = 6
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2026, 10, 31)
EXTRA_MODULES = 12  # yearly refreshers, so a million completions fit 50,000 people
BATCH = 5_000


def log(message: str, started: float) -> None:
    print(f"{time.monotonic() - started:7.1f} s  {message}", flush=True)


def random_day(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def moment(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def units_and_staff(rng, staff_count: int, actor) -> list[int]:
    units = [
        Unit(name=f"{PREFIX} zone {zone:03d} dienst {index}")
        for zone in range(1, ZONES + 1)
        for index in range(1, UNITS_PER_ZONE + 1)
    ]
    units = bulk_create_with_history(units, Unit, batch_size=BATCH, default_user=actor)
    units = list(Unit.objects.filter(name__startswith=PREFIX).order_by("pk"))
    per_unit = max(1, staff_count // len(units))
    UnitHeadcount.objects.bulk_create(
        UnitHeadcount(unit=unit, date=FIRST_DAY, headcount=per_unit) for unit in units
    )
    staff = [
        StaffMember(
            staff_number=f"{PREFIX}{index:07d}",
            name=f"Bench Collega {index:07d}",
            unit=units[index % len(units)],
        )
        for index in range(staff_count)
    ]
    bulk_create_with_history(staff, StaffMember, batch_size=BATCH, default_user=actor)
    return list(
        StaffMember.objects.filter(staff_number__startswith=PREFIX).values_list("pk", flat=True)
    )


def extra_modules() -> list[Module]:
    modules = [
        Module(
            code=f"bench-{index:02d}",
            name=f"Bench module {index:02d}",
            kind="andere",
            refresher_months=12,
        )
        for index in range(1, EXTRA_MODULES + 1)
    ]
    bulk_create_with_history(modules, Module, batch_size=BATCH)
    return list(Module.objects.order_by("code"))


def copy_completions(rng, staff_ids: list[int], modules: list[Module], target: int, actor) -> int:
    """COPY `target` completions, each (staff, module, validity period) once."""
    columns = (
        "staff_id",
        "module_id",
        "completed_on",
        "method",
        "period_number",
        "before_prerequisite",
        "recorded_by_id",
    )
    seen = set()
    written = 0
    buffer = io.StringIO()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's cursor, for COPY
        while written < target:
            staff_id = rng.choice(staff_ids)
            module = rng.choice(modules)
            day = random_day(rng)
            period = module.period_number(day)
            if (staff_id, module.pk, period) in seen:
                continue
            seen.add((staff_id, module.pk, period))
            method = rng.choice(("import", "online", "sessie"))
            buffer.write(f"{staff_id}\t{module.pk}\t{day}\t{method}\t{period}\tf\t{actor.pk}\n")
            written += 1
            if written % 100_000 == 0 or written == target:
                buffer.seek(0)
                raw.copy_from(buffer, Completion._meta.db_table, columns=columns)
                buffer = io.StringIO()
    return written


def recommendations_and_actions(rng, action_count: int, actor) -> None:
    recommendation_ids = _recommendations(rng, max(10, action_count // 20), actor)
    action_ids = _actions(rng, action_count, actor)
    _link(rng, action_ids, recommendation_ids)


def _recommendations(rng, count: int, actor) -> list[int]:
    source = SourceReport.objects.order_by("pk").first()
    themes = list(Theme.objects.all())
    recommendations = [
        Recommendation(
            code=f"{PREFIX}-{index:05d}",
            source=source,
            theme=rng.choice(themes),
            text=f"Gegenereerde aanbeveling {index} voor de belastingstest.",
            police_status=rng.choice(("niet_gestart", "lopend", "deels_uitgevoerd", "uitgevoerd")),
        )
        for index in range(count)
    ]
    bulk_create_with_history(
        recommendations,
        Recommendation,
        batch_size=BATCH,
        default_user=actor,
        default_date=moment(date(2023, 5, 1)),
    )
    return list(Recommendation.objects.filter(code__startswith=PREFIX).values_list("pk", flat=True))


def _actions(rng, count: int, actor) -> list[int]:
    units = list(Unit.objects.filter(name__startswith=PREFIX)[:500])
    actions = []
    for index in range(count):
        start = random_day(rng, date(2023, 1, 1), date(2025, 12, 31))
        status = rng.choice(("gepland", "lopend", "lopend", "on_hold", "afgerond", "geannuleerd"))
        done = status == "afgerond"
        actions.append(
            Action(
                title=f"{PREFIX} actie {index:06d}",
                description="Gegenereerd.",
                owner_unit=rng.choice(units),
                status=status,
                progress=100 if done else rng.randrange(0, 100),
                start_date=start,
                due_date=start + timedelta(days=rng.randrange(30, 600)),
                completed_on=start + timedelta(days=rng.randrange(1, 300)) if done else None,
            )
        )
    bulk_create_with_history(
        actions,
        Action,
        batch_size=BATCH,
        default_user=actor,
        default_date=moment(date(2023, 6, 1)),
    )
    return list(Action.objects.filter(title__startswith=PREFIX).values_list("pk", flat=True))


def _link(rng, action_ids: list[int], recommendation_ids: list[int]) -> None:
    """Each action serves one recommendation, in its history too (the report reads it)."""
    link_model = Action.recommendations.through
    links = [
        link_model(action_id=action_id, recommendation_id=rng.choice(recommendation_ids))
        for action_id in action_ids
    ]
    link_model.objects.bulk_create(links, batch_size=BATCH)
    history_model = HistoricalRecords.m2m_models[Action._meta.get_field("recommendations")]
    entries = dict(Action.history.filter(id__in=action_ids).values_list("id", "history_id"))
    history_model.objects.bulk_create(
        (
            history_model(
                history_id=entries[link.action_id],
                id=link.pk,
                action_id=link.action_id,
                recommendation_id=link.recommendation_id,
            )
            for link in links
        ),
        batch_size=BATCH,
    )


def authorisations(rng, count: int, actor) -> None:
    units = list(Unit.objects.filter(name__startswith=PREFIX)[:500])
    records = []
    for index in range(count):
        starts = moment(random_day(rng, date(2023, 7, 1), LAST_DAY), rng.randrange(6, 20))
        records.append(
            Authorisation(
                reference=f"{PREFIX}-{index:06d}",
                kind=rng.choice(("actie", "ordedienst")),
                requesting_unit=rng.choice(units),
                requesting_officer="Hoofdinspecteur",
                ordering_officer="Bestuurlijk officier",
                area_name=f"Gebied {index % 400}",
                area_description="Stationsomgeving",
                district=f"Wijk {index % 25}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=8),
                objective_grounds="Meldingen",
                necessity="Gerichte controles volstonden niet",
                alternatives="Extra patrouilles",
                communication_planned="Website",
                explanation_to_persons="Uitleg over doel en toelating",
                created_at=starts,
            )
        )
    bulk_create_with_history(records, Authorisation, batch_size=BATCH, default_user=actor)
    _decisions(rng, actor)
    _executions(rng, actor)


def _decisions(rng, actor) -> None:
    stored = list(Authorisation.objects.filter(reference__startswith=PREFIX))
    decisions = [
        Decision(
            authorisation=item,
            outcome=Outcome.GRANTED if rng.random() < 0.9 else Outcome.REFUSED,
            decided_on=item.starts_at.date() - timedelta(days=2),
            decided_by="Burgemeester",
        )
        for item in stored
        if rng.random() < 0.95
    ]
    bulk_create_with_history(decisions, Decision, batch_size=BATCH, default_user=actor)


def _executions(rng, actor) -> None:
    """Most granted checks are applied; most applied ones are evaluated."""
    granted = Decision.objects.filter(
        authorisation__reference__startswith=PREFIX, outcome=Outcome.GRANTED
    ).select_related("authorisation")
    executions = []
    for decision in granted:
        if rng.random() < 0.8:
            applied = rng.random() < 0.85
            starts = decision.authorisation.starts_at
            executions.append(
                Execution(
                    decision=decision,
                    applied=applied,
                    reason_not_applied="" if applied else "Geen grote problemen",
                    actual_starts_at=starts if applied else None,
                    actual_ends_at=starts + timedelta(hours=6) if applied else None,
                    persons_checked=rng.randrange(1, 120) if applied else 0,
                )
            )
    bulk_create_with_history(executions, Execution, batch_size=BATCH, default_user=actor)
    evaluations = [
        Evaluation(
            execution=execution,
            evaluated_on=execution.actual_starts_at.date() + timedelta(days=7),
            debrief_notes="Debriefing gehouden.",
            communication_as_planned=True,
            effect_observed="Rustiger.",
        )
        for execution in Execution.objects.filter(
            decision__authorisation__reference__startswith=PREFIX
        ).filter(applied=True)
        if rng.random() < 0.6
    ]
    bulk_create_with_history(evaluations, Evaluation, batch_size=BATCH, default_user=actor)


def reset() -> None:
    with transaction.atomic():
        Evaluation.objects.filter(
            execution__decision__authorisation__reference__startswith=PREFIX
        ).delete()
        Execution.objects.filter(decision__authorisation__reference__startswith=PREFIX).delete()
        Decision.objects.filter(authorisation__reference__startswith=PREFIX).delete()
        Authorisation.objects.filter(reference__startswith=PREFIX).delete()
        Action.objects.filter(title__startswith=PREFIX).delete()
        Recommendation.objects.filter(code__startswith=PREFIX).delete()
        Completion.objects.filter(staff__staff_number__startswith=PREFIX).delete()
        Completion.objects.filter(module__code__startswith="bench-").delete()
        Module.objects.filter(code__startswith="bench-").delete()
        StaffMember.objects.filter(staff_number__startswith=PREFIX).delete()
        Unit.objects.filter(name__startswith=PREFIX).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national roll-out")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--reset", action="store_true", help="drop generated records first")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (COPY is PostgreSQL's).")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    log("migrated, demo data loaded", started)
    if args.reset:
        reset()
        log("previous generated records dropped", started)
    if StaffMember.objects.filter(staff_number__startswith=PREFIX).exists():
        raise SystemExit("Generated records are already there; use --reset to regenerate.")
    rng = random.Random(args.seed)
    actor = get_user_model().objects.get(username="politie")
    staff_count = int(50_000 * args.scale)
    with transaction.atomic():
        staff_ids = units_and_staff(rng, staff_count, actor)
        log(f"{len(staff_ids):,} staff in {ZONES * UNITS_PER_ZONE:,} units", started)
        modules = extra_modules()
        written = copy_completions(rng, staff_ids, modules, int(1_000_000 * args.scale), actor)
        log(f"{written:,} completions (COPY)", started)
        # COPY goes around the services: derive the per-person summary as they would.
        summaries.refresh_all()
        log("staff module summaries derived", started)
        recommendations_and_actions(rng, int(20_000 * args.scale), actor)
        log(f"{int(20_000 * args.scale):,} actions with history", started)
        authorisations(rng, int(10_000 * args.scale), actor)
        log(f"{int(10_000 * args.scale):,} authorisations with decisions, executions", started)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log("done (VACUUM ANALYZE run)", started)


if __name__ == "__main__":
    main()
