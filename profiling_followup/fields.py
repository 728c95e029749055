"""Form fields shared by the apps."""

import django_filters
from django import forms

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
