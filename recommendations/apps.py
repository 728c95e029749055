from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import RolePermissions


class RecommendationsConfig(RolePermissions, AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations")
