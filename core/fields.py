"""Form fields shared by the apps."""

import django_filters
from django import forms
from django.utils.translation import get_language

from core.figure_cache import cached_figures
from core.tables import query_key
from core.widgets import LongSelect

# Database integer keys are 64-bit; a larger id would make SQLite raise instead of "not found".
KEY_RANGE = range(-(2**63), 2**63)


def refuse_out_of_range_keys(field, values) -> None:
    for value in values:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue  # Django's own check refuses these
        if number not in KEY_RANGE:
            raise forms.ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


class KeyChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        refuse_out_of_range_keys(self, [value])
        return super().to_python(value)


class KeysChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        refuse_out_of_range_keys(self, value)
        return super()._check_values(value)


class KeysFilter(django_filters.ModelMultipleChoiceFilter):
    """For list filters on many-to-many fields, with the same guard."""

    field_class = KeysChoiceField


class CachedChoiceIterator(forms.models.ModelChoiceIterator):
    """The options of a long model select, read once per data state (figure_cache) and
    language, rather than built from the database on every page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from cached_figures(
            "choices",
            lambda: [(obj.pk, self.field.label_from_instance(obj)) for obj in self.queryset],
            query_key(self.queryset),
            get_language(),
        )


class LongChoiceField(KeyChoiceField):
    iterator = CachedChoiceIterator
    widget = LongSelect


class LongChoiceFilter(django_filters.ModelChoiceFilter):
    """A list filter over a long list, such as the 1,110 units."""

    field_class = LongChoiceField
