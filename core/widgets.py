"""Widgets shared by the apps' forms."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """Native date picker: browsers send ISO values whatever their language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class LongSelect(forms.Select):
    """A select rendered in Python rather than through the widget templates: a unit filter
    offers over a thousand options, an include per option. The same HTML as Django's
    template, character for character (tests/test_shared.py), for plain-text labels
    without option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        # The standard library's escape, as Django's: without its lazy-string wrapper per call.
        options = "".join(
            f'\n  <option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>'
            f"{escape(str(label))}</option>\n"
            for key, label in self.choices
        )
        attrs = "".join(
            f" {escape(attr)}" if setting is True else f' {escape(attr)}="{escape(str(setting))}"'
            for attr, setting in self.build_attrs(self.attrs, attrs).items()
            if setting is not False
        )
        return mark_safe(f'<select name="{escape(name)}"{attrs}>{options}\n</select>')  # noqa: S308
