"""factory_boy factories, one section per app. Names are obviously synthetic."""

import datetime

import factory
from django.contrib.auth import get_user_model

from recommendations.models import (
    Action,
    ProgressUpdate,
    Recommendation,
    SourceReport,
    Theme,
)
from training.models import Unit

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


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thema {n}")
    position = factory.Sequence(lambda n: n + 1)


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


# --- id_checks --------------------------------------------------------------------------
