from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import RolePermissions


class TrainingConfig(RolePermissions, AppConfig):
    name = "training"
    verbose_name = _("Training")
    # Personal data of staff: council members read coverage as aggregates only.
    council_hidden_models = frozenset(
        {
            "staffmember",
            "completion",
            "trainerqualification",
            "staffmodulesummary",
            "coveragecount",
            "unitcoveragecount",
        }
    )
    # Figures about staff the council can obtain (core.disclosure).
    disclosure_pieces = "training.publication.pieces"
    # What the publication reads (core.disclosure).
    disclosure_reads = "training.publication.READS"
