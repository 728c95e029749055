"""factory_boy factories, one section per app. Names are obviously synthetic."""

import factory
from django.contrib.auth import get_user_model

from recommendations.models import Recommendation, Theme
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


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    code = factory.Sequence(lambda n: f"A{n:03d}")
    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Aanbeveling nummer {n}")


# --- training ---------------------------------------------------------------------------


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dienst {n}")


# --- id_checks --------------------------------------------------------------------------
