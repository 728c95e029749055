"""Form mixins shared by the apps' police forms and their admin forms."""

import copy

from django.core.exceptions import ValidationError
from django.forms.models import construct_instance

from core.concurrency import add_service_errors


class RulesFormMixin:
    """Runs the app's rule check (a `check_*` function of its services) while a model form
    validates, so that its errors land on their fields, in the police form and in the admin
    alike. The service runs the same check again when it saves.

    Forms define `check_rules(candidate)`: `candidate` is a copy of the instance with the
    form's values; `self.cleaned_data` has the rest (many-to-many values, for instance).
    Database constraints on fields that already have an error are then skipped by Django,
    since they could only give a form-wide message.
    """

    def check_rules(self, candidate) -> None:
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors:
            candidate = construct_instance(
                self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
            )
            # The model's own field checks first (plausible dates...): the rules assume them.
            outside_form = [f.name for f in candidate._meta.fields if f.name not in self.fields]
            try:
                candidate.clean_fields(exclude=outside_form)
                self.check_rules(candidate)
            except ValidationError as error:
                add_service_errors(self, error)
        return cleaned_data
