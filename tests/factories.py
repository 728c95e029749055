"""factory_boy factories, one section per app. Names are obviously synthetic."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from id_checks.models import (
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
    Kind,
    Outcome,
)
from recommendations.models import (
    Action,
    FrameworkStep,
    ProgressUpdate,
    Recommendation,
    SourceReport,
    Theme,
)
from training import summaries
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

# --- accounts ---------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.django.Password("correct-horse-battery")


# --- recommendations --------------------------------------------------------------------


class FrameworkStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkStep

    code = factory.Sequence(lambda n: f"stap-{n}")
    name = factory.Sequence(lambda n: f"Stap {n}")
    position = factory.Sequence(lambda n: n + 10)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thema {n}")
    # Clear of the demo data's themes (positions 1-5), which some tests load as well.
    position = factory.Sequence(lambda n: n + 100)


class SourceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceReport
        django_get_or_create = ("title",)

    title = "Evaluatie handelingskader (testrapport)"
    institutions = "VUB, UGent"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    code = factory.Sequence(lambda n: f"A{n:03d}")
    source = factory.SubFactory(SourceReportFactory)
    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Aanbeveling nummer {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    """An action; `recommendations=[...]` links it (default: one new recommendation)."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Actie {n}")
    status = "lopend"
    progress = 0

    @factory.post_generation
    def recommendations(self, create, extracted, **kwargs):
        if create:
            self.recommendations.set(
                extracted if extracted is not None else [RecommendationFactory()]
            )


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2024, 1, 15)
    text = factory.Sequence(lambda n: f"Stand van zaken {n}")


# --- training ---------------------------------------------------------------------------


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dienst {n}")


class UnitHeadcountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitHeadcount

    unit = factory.SubFactory(UnitFactory)
    date = datetime.date(2023, 1, 1)
    headcount = 100


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    staff_number = factory.Sequence(lambda n: f"T{n:06d}")
    name = factory.Sequence(lambda n: f"Testcollega {n}")
    unit = factory.SubFactory(UnitFactory)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"mod-{n}")
    name = factory.Sequence(lambda n: f"Module {n}")
    kind = Module.Kind.THEORY


class ModulePrerequisiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModulePrerequisite
        skip_postgeneration_save = True

    module = factory.SubFactory(ModuleFactory, kind=Module.Kind.VR)
    required = factory.SubFactory(ModuleFactory)

    @factory.post_generation
    def states(link, create, extracted, **kwargs):
        if create:  # module 1 and 2 may have changed, as in services.reference_save
            summaries.refresh_states()


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    module = factory.SubFactory(ModuleFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    location = "Opleidingscentrum Gent"
    capacity = 20


class TrainerQualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerQualification

    trainer = factory.SubFactory(StaffMemberFactory)
    module = factory.SubFactory(ModuleFactory)
    trained_by = "Mastertrainer (test)"
    qualified_since = datetime.date(2023, 1, 1)


class CompletionFactory(factory.django.DjangoModelFactory):
    """Derives the validity period and keeps the staff member's summaries like the
    services do (tests of rules use the services)."""

    class Meta:
        model = Completion

    staff = factory.SubFactory(StaffMemberFactory)
    module = factory.SubFactory(ModuleFactory)
    completed_on = datetime.date(2023, 6, 1)
    method = Completion.Method.ONLINE
    period_number = factory.LazyAttribute(lambda o: o.module.period_number(o.completed_on))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with summaries.kept([kwargs["staff"].pk]):
            return super()._create(model_class, *args, **kwargs)


# --- id_checks --------------------------------------------------------------------------


class AuthorisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorisation

    reference = factory.Sequence(lambda n: f"TEST-{n:05d}")
    kind = Kind.ACTION
    requesting_unit = factory.SubFactory(UnitFactory)
    requesting_officer = "Hoofdinspecteur Test"
    ordering_officer = "Commissaris Test"
    area_name = factory.Sequence(lambda n: f"Zone {n}")
    area_description = "Stationsomgeving en aanpalende straten"
    district = "Zuid"
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=2)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=8))
    objective_grounds = "Herhaalde meldingen van drugshandel"
    necessity = "Gerichte controles volstonden niet"
    alternatives = "Extra patrouilles, camerabewaking"
    communication_planned = "Bericht op de website en flyers in de buurt"
    explanation_to_persons = "Uitleg over de toelating van de burgemeester en het doel"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    authorisation = factory.SubFactory(AuthorisationFactory)
    outcome = Outcome.GRANTED
    decided_on = factory.LazyFunction(timezone.localdate)
    decided_by = "Burgemeester"


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Extension

    authorisation = factory.SubFactory(AuthorisationFactory)
    new_ends_at = factory.LazyAttribute(
        lambda o: o.authorisation.ends_at + datetime.timedelta(hours=6)
    )
    decided_on = factory.LazyFunction(timezone.localdate)
    reason = "Evenement loopt later af"


class ExecutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Execution

    decision = factory.SubFactory(DecisionFactory)
    applied = True
    actual_starts_at = factory.LazyAttribute(lambda o: o.decision.authorisation.starts_at)
    actual_ends_at = factory.LazyAttribute(
        lambda o: o.decision.authorisation.starts_at + datetime.timedelta(hours=4)
    )
    persons_checked = 20


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    execution = factory.SubFactory(ExecutionFactory)
    evaluated_on = factory.LazyFunction(timezone.localdate)
    debrief_notes = "Vlot verlopen"
    communication_as_planned = True
    effect_observed = "Minder meldingen de week nadien"
