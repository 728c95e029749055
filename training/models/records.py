"""The training records people enter: units, staff, modules, sessions, completions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.dates import month_index


class Unit(models.Model):
    """A police unit (dienst), e.g. Dienst Operationele Acties."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class UnitHeadcount(models.Model):
    """Operational headcount of a unit from a date on: the denominator of coverage."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="headcounts", verbose_name=_("unit")
    )
    date = models.DateField(_("date"))
    headcount = models.PositiveIntegerField(_("headcount"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__name", "-date"]
        verbose_name = _("unit headcount")
        verbose_name_plural = _("unit headcounts")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "date"],
                name="%(app_label)s_%(class)s_one_per_unit_and_date",
                violation_error_message=_("This unit already has a headcount on this date."),
            )
        ]

    def __str__(self):
        return f"{self.unit} {self.date}: {self.headcount}"


class StaffMember(models.Model):
    """A colleague, with only what coverage needs (personal data: no more fields)."""

    # Named only to police staff and administrators (core.people).
    names_a_person = True

    staff_number = models.CharField(_("staff number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit")
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "staff_number"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return f"{self.name} ({self.staff_number})"


class Module(VersionedModel):
    """A training module, e.g. module 1 (theorie) of the handelingskader."""

    class Kind(models.TextChoices):
        THEORY = "theorie", _("theory")
        VR = "vr", _("VR")
        INTERVISION = "intervisie", _("intervision")
        ONLINE = "online", _("online")
        DEESCALATION = "de-escalatie", _("de-escalating communication")
        OTHER = "andere", _("other")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    steps = models.ManyToManyField(
        "recommendations.FrameworkStep",
        blank=True,
        related_name="modules",
        verbose_name=_("framework steps"),
        help_text=_("The steps of the action framework this module trains."),
    )
    mandatory = models.BooleanField(_("mandatory"), default=False)
    refresher_months = models.PositiveSmallIntegerField(
        _("refresher interval (months)"),
        null=True,
        blank=True,
        help_text=_("Empty when one completion is valid for good."),
    )
    prerequisites = models.ManyToManyField(
        "self",
        through="ModulePrerequisite",
        symmetrical=False,
        related_name="required_for",
        verbose_name=_("prerequisites"),
    )

    history = HistoricalRecords(m2m_fields=[steps])

    class Meta:
        ordering = ["code"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refresher_months__isnull=True)
                | models.Q(refresher_months__gt=0),
                name="%(app_label)s_%(class)s_refresher_positive",
                violation_error_message=_("The refresher interval is at least one month."),
            )
        ]

    def __str__(self):
        return self.name

    def period_number(self, completed_on) -> int:
        """Which validity period a completion date falls in: 0 when it never expires.

        Periods are consecutive blocks of `refresher_months` calendar months since year 0, so
        a staff member completes the module once per block (a DB constraint holds this).
        """
        if not self.refresher_months:
            return 0
        return month_index(completed_on) // self.refresher_months


class ModulePrerequisite(models.Model):
    """`module` should only be followed after `required` (module 2 VR after module 1)."""

    module = models.ForeignKey(
        Module,
        on_delete=models.CASCADE,
        related_name="prerequisite_links",
        verbose_name=_("module"),
    )
    required = models.ForeignKey(
        Module,
        on_delete=models.PROTECT,
        related_name="dependent_links",
        verbose_name=_("required module"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["module__code", "required__code"]
        verbose_name = _("module prerequisite")
        verbose_name_plural = _("module prerequisites")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "required"],
                name="%(app_label)s_%(class)s_once",
                violation_error_message=_("This prerequisite is already recorded."),
            ),
            models.CheckConstraint(
                condition=~models.Q(module=models.F("required")),
                name="%(app_label)s_%(class)s_not_itself",
                violation_error_message=_("A module cannot be its own prerequisite."),
            ),
        ]

    def __str__(self):
        return f"{self.required} → {self.module}"


class Session(VersionedModel):
    """One training moment; intervision sessions also name the unit and its supervisor."""

    class Status(models.TextChoices):
        PLANNED = "gepland", _("planned")
        GIVEN = "gegeven", _("given")
        CANCELLED = "geannuleerd", _("cancelled")

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module")
    )
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("location"), max_length=200)
    trainers = models.ManyToManyField(
        StaffMember, blank=True, related_name="sessions_given", verbose_name=_("trainers")
    )
    external_trainers = models.CharField(
        _("external trainers"),
        max_length=300,
        blank=True,
        help_text=_("Trainers from outside the police, e.g. a master trainer."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intervision_sessions",
        verbose_name=_("unit"),
        help_text=_("For an intervision session: the team's unit."),
    )
    supervisor = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intervisions_led",
        verbose_name=_("supervisor"),
        help_text=_("For an intervision session: the supervisor who led it."),
    )

    history = HistoricalRecords(m2m_fields=[trainers])
    # External trainers are named in free text: for those who see names only (core.people).
    person_name_fields = ("external_trainers",)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gt=0),
                name="%(app_label)s_%(class)s_capacity_positive",
                violation_error_message=_("The capacity is at least one person."),
            )
        ]

    def __str__(self):
        return f"{self.module} {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])


class Completion(models.Model):
    """A staff member completed a module, once per validity period."""

    class Method(models.TextChoices):
        SESSION = "sessie", _("session")
        ONLINE = "online", _("online learning platform")
        IMPORT = "import", _("import")

    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("staff member"),
    )
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="completions", verbose_name=_("module")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completions",
        verbose_name=_("session"),
    )
    completed_on = models.DateField(_("completed on"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    period_number = models.PositiveIntegerField(
        _("validity period"),
        editable=False,
        help_text=_("Derived from the date and the module's refresher interval."),
    )
    before_prerequisite = models.BooleanField(
        _("completed before its prerequisite"),
        default=False,
        editable=False,
        help_text=_("Set when the staff member had not completed a prerequisite module yet."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "staff__name"]
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "module", "period_number"],
                name="%(app_label)s_%(class)s_once_per_period",
                violation_error_message=_(
                    "This staff member already completed this module in this validity period."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["module", "completed_on"]),
            # The completions list: newest first, optionally by method (import, online...).
            models.Index(fields=["-completed_on", "-id"], name="training_completion_newest"),
            models.Index(fields=["method", "-completed_on"], name="training_completion_method"),
            # Each person's first completion per module (coverage trend): read in index order.
            models.Index(
                fields=["staff", "module", "completed_on"], name="training_completion_firsts"
            ),
        ]

    def __str__(self):
        return f"{self.staff} – {self.module} ({self.completed_on:%d/%m/%Y})"


class TrainerQualification(models.Model):
    """Who may give which module, trained by whom, since when."""

    trainer = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="qualifications",
        verbose_name=_("trainer"),
    )
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="qualifications", verbose_name=_("module")
    )
    trained_by = models.CharField(
        _("trained by"), max_length=200, help_text=_("E.g. the master trainer who trained them.")
    )
    qualified_since = models.DateField(_("qualified since"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["module__code", "trainer__name"]
        verbose_name = _("trainer qualification")
        verbose_name_plural = _("trainer qualifications")
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "module"],
                name="%(app_label)s_%(class)s_once",
                violation_error_message=_("This trainer is already qualified for this module."),
            )
        ]

    def __str__(self):
        return f"{self.trainer} – {self.module}"


class SessionFeedback(models.Model):
    """Participant feedback on a session, as numbers only (never names)."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("session")
    )
    asked = models.PositiveIntegerField(_("people asked"))
    positive = models.PositiveIntegerField(_("positive answers"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(positive__lte=models.F("asked")),
                name="%(app_label)s_%(class)s_positive_at_most_asked",
                violation_error_message=_(
                    "There cannot be more positive answers than people asked."
                ),
            )
        ]

    def __str__(self):
        return f"{self.session}: {self.positive}/{self.asked}"

    @property
    def percent_positive(self) -> int | None:
        return round(100 * self.positive / self.asked) if self.asked else None
