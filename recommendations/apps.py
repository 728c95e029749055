from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import ADMINISTRATOR, INDEPENDENT_EVALUATOR, RolePermissions


class RecommendationsConfig(RolePermissions, AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations")
    # Separation of duties: the police changes recommendations but does not assess them
    # independently; only an independent evaluator or an administrator does.
    custom_permissions = {
        "recommendation": {
            "set_independent_status": frozenset({INDEPENDENT_EVALUATOR, ADMINISTRATOR})
        }
    }
