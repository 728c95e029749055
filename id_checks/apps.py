from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import RolePermissions


class IdChecksConfig(RolePermissions, AppConfig):
    name = "id_checks"
    verbose_name = _("Systematic ID checks")
    # Figures about persons checked the council can obtain (core.disclosure).
    disclosure_pieces = "id_checks.disclosure.pieces"
    disclosure_reads = "id_checks.disclosure.READS"
