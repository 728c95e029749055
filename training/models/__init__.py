"""Training's models: the records people enter (records.py) and the summary tables the
writes keep from them (summaries.py)."""

from training.models.records import (
    Completion,
    Module,
    ModulePrerequisite,
    Session,
    SessionFeedback,
    StaffMember,
    TrainerQualification,
    Unit,
    UnitHeadcount,
)
from training.models.summaries import (
    CompletionCount,
    CoverageCount,
    StaffModuleSummary,
    TrainedStateChange,
    UnitCoverageCount,
)

__all__ = [
    "Completion",
    "CompletionCount",
    "CoverageCount",
    "Module",
    "ModulePrerequisite",
    "Session",
    "SessionFeedback",
    "StaffMember",
    "StaffModuleSummary",
    "TrainedStateChange",
    "TrainerQualification",
    "Unit",
    "UnitCoverageCount",
    "UnitHeadcount",
]
