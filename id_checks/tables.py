import django_tables2 as tables
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.disclosure import Figures
from core.tables import DateTimeColumn, YesNoColumn
from id_checks.disclosure import execution_key
from id_checks.models import Authorisation, Status


class AuthorisationTable(tables.Table):
    """The register. Persons checked describe people: small numbers are suppressed for
    council members, on screen and in exports."""

    reference = tables.Column(linkify=True)
    starts_at = DateTimeColumn(short=True)
    extended_ends_at = DateTimeColumn(verbose_name=_("End"), short=True)
    status_code = tables.Column(verbose_name=_("Status"))
    applied = YesNoColumn(verbose_name=_("Applied"), null=True)
    persons_checked = tables.Column(
        verbose_name=_("Persons checked"),
        attrs={"td": {"class": "number"}, "th": {"class": "number"}},
    )

    class Meta:
        model = Authorisation
        fields = [
            "reference",
            "kind",
            "area_name",
            "district",
            "starts_at",
            "extended_ends_at",
            "status_code",
            "applied",
            "persons_checked",
        ]
        empty_text = _("No authorisations match these filters.")

    def value_starts_at(self, value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")

    value_extended_ends_at = value_starts_at

    def render_status_code(self, value):
        return Status(value).label

    @cached_property
    def shown(self) -> Figures:
        return Figures(self.request.user)

    def render_persons_checked(self, value, record):
        return self.shown.figure(execution_key(record.pk, "persons_checked"), value)

    value_persons_checked = render_persons_checked
