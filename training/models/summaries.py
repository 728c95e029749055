"""Tables derived from the completions and kept up to date by every write of a completion or
a staff member (training.summaries), so that coverage counts are sums over small tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from training import state_changes
from training.models.records import Module, StaffMember, Unit


class StaffModuleSummary(models.Model):
    """Per staff member and module: their first and last completion, with the staff member's
    unit and active flag. Derived from the completions and kept up to date by every write
    of a completion or a staff member (training.summaries, called by the services), so that
    coverage counts people over one row each rather than over every completion."""

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("staff member")
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    active = models.BooleanField(_("active"))
    first_completed_on = models.DateField(_("first completed on"))
    last_completed_on = models.DateField(_("last completed on"))

    class Meta:
        verbose_name = _("staff member's module summary")
        verbose_name_plural = _("staff members' module summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "module"], name="%(app_label)s_%(class)s_one_per_staff_and_module"
            ),
            models.CheckConstraint(
                condition=models.Q(first_completed_on__lte=models.F("last_completed_on")),
                name="%(app_label)s_%(class)s_first_before_last",
            ),
        ]
        indexes = [
            models.Index(
                fields=["module", "active", "first_completed_on"],
                name="training_summary_firsts",
            ),
            models.Index(
                fields=["module", "active", "last_completed_on"], name="training_summary_lasts"
            ),
            # Module 1 and 2 (selectors.prerequisite_coverage): two index-only scans in
            # staff order, merged, on PostgreSQL (50 ms -> 17 ms at national scale).
            models.Index(
                fields=["module", "staff"],
                include=["active", "first_completed_on"],
                name="training_summary_people",
            ),
        ]

    def __str__(self):
        return (
            f"{self.staff_id}/{self.module_id}: {self.first_completed_on}–{self.last_completed_on}"
        )


class CoverageCount(models.Model):
    """How many active staff members first (or last) completed a module on a day: the
    coverage figures of a date are sums over this small table (one row per module, kind and
    day) instead of counts over every person. Kept with StaffModuleSummary."""

    class Kind(models.TextChoices):
        FIRST = "first", _("first completion")
        LAST = "last", _("last completion")

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    day = models.DateField(_("day"))
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("coverage count")
        verbose_name_plural = _("coverage counts")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "kind", "day"], name="%(app_label)s_%(class)s_one_per_day"
            )
        ]

    def __str__(self):
        return f"{self.module_id} {self.kind} {self.day}: {self.people}"


class UnitCoverageCount(models.Model):
    """How many active staff members of a unit have completed a module at all: the table
    per unit of the coverage page, today, without counting people. Kept with
    StaffModuleSummary."""

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("coverage count per unit")
        verbose_name_plural = _("coverage counts per unit")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "unit"], name="%(app_label)s_%(class)s_one_per_unit"
            )
        ]

    def __str__(self):
        return f"{self.module_id}/{self.unit_id}: {self.people}"


class TrainedStateChange(models.Model):
    """How many more (or fewer) active staff members count as trained in a module (or are
    overdue, due soon, or trained in module 1 and 2 both) at a month end than at the one
    before (training.state_changes): the council's publication sums these rather than
    reading every completion. Per unit only for the modules the council sees per unit.
    Kept with StaffModuleSummary. Module and unit are plain numbers, unit 0 for all units,
    so that a change for all units has a key like any other."""

    class Kind(models.TextChoices):
        TRAINED = state_changes.TRAINED, _("trained")
        OVERDUE = state_changes.OVERDUE, _("refresher overdue")
        DUE_SOON = state_changes.DUE_SOON, _("refresher due soon")
        BOTH = state_changes.BOTH, _("module 1 and 2")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    module = models.PositiveIntegerField(_("module"))
    unit = models.PositiveIntegerField(_("unit (0: all units)"))
    month_end = models.DateField(_("month end"))
    people = models.IntegerField(_("change in people"))

    class Meta:
        verbose_name = _("change in staff trained")
        verbose_name_plural = _("changes in staff trained")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "module", "unit", "month_end"],
                name="%(app_label)s_%(class)s_one_per_month_end",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=list(state_changes.KINDS)),
                name="%(app_label)s_%(class)s_kind",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.module}/{self.unit} {self.month_end}: {self.people:+}"


class CompletionCount(models.Model):
    """How many completions of a module fall in a calendar month (of anyone, active or
    not): the council's publication of completions per month, quarter and year sums these
    rather than counting every completion. Kept with StaffModuleSummary."""

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )
    month_end = models.DateField(_("month end"))
    completions = models.PositiveIntegerField(_("completions"))

    class Meta:
        verbose_name = _("completions in a month")
        verbose_name_plural = _("completions per month")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "month_end"], name="%(app_label)s_%(class)s_one_per_month"
            )
        ]

    def __str__(self):
        return f"{self.module_id} {self.month_end}: {self.completions}"
