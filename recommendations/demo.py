"""Demo records reproducing the committee bundle of 19/02/2024. Idempotent.

Every recommendation and action of the police presentation "Wat deed de Gentse Politie sinds
het wetenschappelijk onderzoek naar het ‘handelingskader professioneel profileren’?" and the
city's project "Dialog en vertrouwen tussen burgers en politie versterken", texts as written.

History is recorded at the dates of the events, so that a report "as of" a date shows what
was known then: a date the bundle gives is used as such (exchange day 13/12/2023, ProProfile
structure May 2023, project launch end 2023); what the bundle reports without a date is
recorded on 12/02/2024, the date of the presentation (20240212_..._presentatie.pdf). The
recommendations themselves are recorded on 01/05/2023, before the first dated action.
Progress percentages are not in the bundle: completed actions are at 100, the others at 0.

A record that exists already (natural key: name, title, code) is left alone with its events,
so loading twice writes nothing, not even history; only an action without a responsible
person (loaded before actions had one) gets one.

The demo police user answers for the actions, the demo administrator for the two about the
VR budget.
"""

import datetime
from zoneinfo import ZoneInfo

from recommendations import services
from recommendations.demo_data import (
    ACTION_FIELDS,
    ACTIONS,
    PRESENTATION,
    RECOMMENDATIONS,
    REGISTERED,
    REPORT,
    THEMES,
)
from recommendations.models import Action, FrameworkStep, Recommendation, SourceReport, Theme

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: datetime.date, minute: int = 0) -> datetime.datetime:
    """A moment on `day`; `minute` keeps successive events on one day in order."""
    return datetime.datetime.combine(day, datetime.time(9, minute), tzinfo=BRUSSELS)


BY_ADMINISTRATOR = {
    "VR-opleiding nog twee jaar verderzetten (met nieuwe scenario's)",
    "Financiële haalbaarheid van één Belgisch VR-scenario onderzoeken",
}


def responsible_for(title: str, actor, administrator):
    return administrator if administrator is not None and title in BY_ADMINISTRATOR else actor


def load(*, actor, administrator=None):
    report = SourceReport.objects.filter(title=REPORT["title"]).first()
    if report is None:
        report = services.reference_save(
            record=SourceReport(**REPORT), actor=actor, at=at(REGISTERED)
        )
    themes = {}
    for position, name in enumerate(THEMES, start=1):
        theme = Theme.objects.filter(name=name).first()
        if theme is None:
            theme = services.reference_save(
                record=Theme(name=name, position=position), actor=actor, at=at(REGISTERED)
            )
        themes[position] = theme
    steps = {step.code: step for step in FrameworkStep.objects.all()}
    recommendations = {}
    for minute, row in enumerate(RECOMMENDATIONS, start=1):
        code, theme, reference, text, step_codes, position, reasoning, status = row
        recommendation = Recommendation.objects.filter(code=code).first()
        if recommendation is None:
            recommendation = _load_recommendation(
                Recommendation(
                    code=code,
                    source=report,
                    source_reference=reference,
                    theme=themes[theme],
                    text=text,
                    position=position,
                    position_reasoning=reasoning,
                ),
                [steps[step] for step in step_codes],
                status,
                minute,
                actor,
            )
        recommendations[code] = recommendation
    for minute, spec in enumerate(ACTIONS, start=1):
        responsible = responsible_for(spec["title"], actor, administrator)
        action = Action.objects.filter(title=spec["title"]).first()
        if action is None:
            action = _load_action(
                spec, [recommendations[c] for c in spec["for"]], minute, actor, responsible
            )
        elif action.responsible_id is None:
            action.responsible = responsible
            services.action_update(action=action, expected_version=action.version, actor=actor)


def _load_recommendation(recommendation, steps, status, minute, actor):
    services.recommendation_create(
        recommendation=recommendation, steps=steps, actor=actor, at=at(REGISTERED, minute)
    )
    # The police's assessment as the presentation reported it.
    return services.recommendation_set_police_status(
        recommendation=recommendation,
        status=status,
        motivation="",
        expected_version=recommendation.version,
        actor=actor,
        at=at(PRESENTATION, 30 + minute),
    )


def _load_action(spec, recommendations, minute, actor, responsible):
    fields = {name: spec[name] for name in ACTION_FIELDS if name in spec}
    if fields["status"] == "afgerond":
        fields["progress"] = 100
    recorded = spec.get("recorded", PRESENTATION)
    action = services.action_create(
        action=Action(title=spec["title"], responsible=responsible, **fields),
        recommendations=recommendations,
        actor=actor,
        at=at(recorded, minute),
    )
    for day, text in spec.get("updates", []):
        services.progress_update_create(
            action=action, on=day, text=text, actor=actor, at=at(day, 20 + minute)
        )
    for day, changes, text in spec.get("later", []):
        for name, value in changes.items():
            setattr(action, name, value)
        services.action_update(
            action=action, expected_version=action.version, actor=actor, at=at(day, 40 + minute)
        )
        services.progress_update_create(
            action=action, on=day, text=text, actor=actor, at=at(day, 41 + minute)
        )
    return action
