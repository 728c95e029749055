from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdChecksConfig(AppConfig):
    name = "id_checks"
    verbose_name = _("Systematic ID checks")
