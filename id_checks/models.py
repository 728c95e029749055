"""Mayoral authorisations for systematic ID checks (art. 34 Police Function Act).

One authorisation request is followed by at most one decision, any number of extensions,
one execution record and one evaluation. Each later step points at the one before it
(decision -> authorisation, execution -> decision, evaluation -> execution), so the database
itself refuses an execution without a decision; that the decision granted the check is a
service rule. The status is derived from these records (see `selectors.with_status` and
`Authorisation.status`), never typed. Executions hold counts only, never data of persons.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.dates import validate_plausible
from core.people import responsible_field
from id_checks.validators import NO_PERSONAL_DATA_HELP, validate_no_personal_data


def context_text(verbose_name, *, blank=False, help_text=NO_PERSONAL_DATA_HELP):
    """A free-text field about the context of a check: never about persons."""
    return models.TextField(
        verbose_name,
        blank=blank,
        help_text=help_text,
        validators=[validate_no_personal_data],
    )


def related_or_none(instance, name):
    """A one-to-one step (decision, execution, evaluation) or None; no query when it was
    loaded with select_related."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


class Kind(models.TextChoices):
    ACTION = "actie", _("targeted operation")
    PUBLIC_ORDER = "ordedienst", _("public-order service")


class Status(models.TextChoices):
    REQUESTED = "aangevraagd", _("requested")
    GRANTED = "toegestaan", _("granted")
    REFUSED = "geweigerd", _("refused")
    RUNNING = "lopend", _("running")
    ENDED = "afgelopen", _("ended")
    NOT_APPLIED = "niet_toegepast", _("not applied")
    EVALUATED = "geevalueerd", _("evaluated")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("granted")
    GRANTED_WITH_CONDITIONS = "conditional", _("granted with conditions")
    REFUSED = "refused", _("refused")


GRANTING_OUTCOMES = (Outcome.GRANTED, Outcome.GRANTED_WITH_CONDITIONS)


class Authorisation(VersionedModel):
    """A request to the mayor for a systematic ID check, bounded in time and place."""

    reference = models.CharField(_("reference number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    requesting_unit = models.ForeignKey(
        "training.Unit",
        on_delete=models.PROTECT,
        related_name="id_check_authorisations",
        verbose_name=_("requesting unit"),
    )
    requesting_officer = models.CharField(
        _("requesting officer"), max_length=120, help_text=_("Rank and name of the police officer.")
    )
    ordering_officer = models.CharField(
        _("ordering officer of administrative police"),
        max_length=120,
        help_text=_("The officer of administrative police who orders the check."),
    )
    area_name = models.CharField(_("area"), max_length=120, validators=[validate_no_personal_data])
    area_description = context_text(_("description of the area"))
    district = models.CharField(_("district"), max_length=80)
    streets = context_text(_("streets"), blank=True, help_text=_("Optional: one street per line."))
    starts_at = models.DateTimeField(_("start"), validators=[validate_plausible])
    ends_at = models.DateTimeField(_("end"), validators=[validate_plausible])
    objective_grounds = context_text(_("objective grounds"))
    necessity = context_text(_("why necessary and proportionate"))
    alternatives = context_text(_("alternatives considered"))
    communication_planned = context_text(_("communication planned to the public"))
    explanation_to_persons = context_text(
        _("explanation given to the persons checked"),
        help_text=_("The context explained to every person checked. No personal data."),
    )
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="id_check_authorisations",
        verbose_name=_("recommendation answered"),
    )
    created_at = models.DateTimeField(
        _("requested at"), default=timezone.now, validators=[validate_plausible]
    )
    evaluation_responsible = responsible_field(
        _("responsible for the evaluation"),
        _(
            "The officer who records the execution and the evaluation after the check, and "
            "gets their reminders."
        ),
    )

    history = HistoricalRecords()
    # Names of police officers: shown to police staff and administrators only (core.people).
    person_name_fields = ("requesting_officer", "ordering_officer")

    class Meta:
        ordering = ["-starts_at", "reference"]
        verbose_name = _("authorisation")
        verbose_name_plural = _("authorisations")
        # The register's order: a page joins its decisions for its own rows only, instead
        # of joining all of them and sorting.
        indexes = [
            models.Index(fields=["-starts_at", "reference"], name="%(app_label)s_%(class)s_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.area_name}"

    def get_absolute_url(self):
        return reverse("id_checks:authorisation_detail", args=[self.pk])

    @property
    def effective_ends_at(self):
        """The end, moved by the latest recorded extension (prefetch `extensions`)."""
        return max([self.ends_at, *(e.new_ends_at for e in self.extensions.all())])

    @property
    def status(self) -> str:
        """The same rule as `selectors.status_expression`, in Python; a test keeps them equal."""
        decision = related_or_none(self, "decision")
        if decision is None:
            return Status.REQUESTED
        if decision.outcome == Outcome.REFUSED:
            return Status.REFUSED
        execution = related_or_none(decision, "execution")
        if execution is not None and related_or_none(execution, "evaluation") is not None:
            return Status.EVALUATED
        if execution is not None and not execution.applied:
            return Status.NOT_APPLIED
        now = timezone.now()
        if self.effective_ends_at <= now or (
            execution is not None and execution.actual_ends_at <= now
        ):
            return Status.ENDED
        if self.starts_at <= now:
            return Status.RUNNING
        return Status.GRANTED

    def get_status_display(self) -> str:
        return Status(self.status).label


class Decision(VersionedModel):
    """The mayor's (or a delegate's) decision on one authorisation request."""

    authorisation = models.OneToOneField(
        Authorisation,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("authorisation"),
    )
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome)
    decided_on = models.DateField(_("decision date"), validators=[validate_plausible])
    decided_by = models.CharField(
        _("decided by"), max_length=120, help_text=_("The mayor or the delegate who decided.")
    )
    conditions = context_text(
        _("conditions"),
        blank=True,
        help_text=_("Required when granted with conditions. No personal data."),
    )
    document = models.FileField(
        _("signed decision"),
        upload_to="id_checks/decisions/%Y/",
        blank=True,
        help_text=_("PDF or scan of the signed decision."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.GRANTED_WITH_CONDITIONS) | ~Q(conditions=""),
                name="%(app_label)s_%(class)s_conditions_when_conditional",
                violation_error_message=_("Describe the conditions of a conditional grant."),
            ),
        ]

    def __str__(self):
        return f"{self.authorisation.reference}: {self.get_outcome_display()}"

    @property
    def grants(self) -> bool:
        return self.outcome in GRANTING_OUTCOMES


class Extension(VersionedModel):
    """A recorded extension of an authorisation beyond its end (and its maximum duration)."""

    authorisation = models.ForeignKey(
        Authorisation,
        on_delete=models.PROTECT,
        related_name="extensions",
        verbose_name=_("authorisation"),
    )
    new_ends_at = models.DateTimeField(_("new end"), validators=[validate_plausible])
    decided_on = models.DateField(_("decision date"), validators=[validate_plausible])
    reason = context_text(_("reason"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["new_ends_at"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="%(app_label)s_%(class)s_reason_given",
                violation_error_message=_("Give the reason for the extension."),
            ),
        ]

    def __str__(self):
        return f"{self.authorisation.reference} → {self.new_ends_at:%Y-%m-%d %H:%M}"


COUNT_FIELDS = (
    "persons_checked",
    "administrative_arrests",
    "judicial_reports",
    "municipal_fines",
    "seizures",
    "complaints",
)


def count_field(verbose_name):
    return models.IntegerField(verbose_name, default=0, validators=[MinValueValidator(0)])


class Execution(VersionedModel):
    """What happened under a granted authorisation: whether it was applied, and counts only."""

    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        related_name="execution",
        verbose_name=_("decision"),
    )
    applied = models.BooleanField(_("applied"))
    reason_not_applied = context_text(
        _("reason not applied"),
        blank=True,
        help_text=_('Required when not applied, e.g. "geen grote problemen".'),
    )
    actual_starts_at = models.DateTimeField(
        _("actual start"), null=True, blank=True, validators=[validate_plausible]
    )
    actual_ends_at = models.DateTimeField(
        _("actual end"), null=True, blank=True, validators=[validate_plausible]
    )
    persons_checked = count_field(_("persons checked"))
    administrative_arrests = count_field(_("administrative arrests"))
    judicial_reports = count_field(_("judicial reports"))
    municipal_fines = count_field(_("municipal administrative fines"))
    seizures = count_field(_("seizures"))
    complaints = count_field(_("complaints received"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("execution")
        verbose_name_plural = _("executions")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 0 for name in COUNT_FIELDS}),
                name="%(app_label)s_%(class)s_counts_not_negative",
                violation_error_message=_("Counts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(applied=True) | Q(persons_checked=0),
                name="%(app_label)s_%(class)s_checked_only_when_applied",
                violation_error_message=_(
                    "Persons can only have been checked when the check was applied."
                ),
            ),
            models.CheckConstraint(
                condition=Q(applied=True) | ~Q(reason_not_applied=""),
                name="%(app_label)s_%(class)s_reason_when_not_applied",
                violation_error_message=_("Give the reason why the check was not applied."),
            ),
            models.CheckConstraint(
                condition=Q(applied=False)
                | Q(actual_starts_at__isnull=False, actual_ends_at__gt=F("actual_starts_at")),
                name="%(app_label)s_%(class)s_actual_times_when_applied",
                violation_error_message=_(
                    "An applied check needs its actual start and an actual end after it."
                ),
            ),
        ]

    def __str__(self):
        return str(self.decision.authorisation.reference)


class Evaluation(VersionedModel):
    """The debrief of an executed (or not applied) authorisation."""

    execution = models.OneToOneField(
        Execution,
        on_delete=models.PROTECT,
        related_name="evaluation",
        verbose_name=_("execution"),
    )
    evaluated_on = models.DateField(_("evaluation date"), validators=[validate_plausible])
    debrief_notes = context_text(_("debrief notes"))
    communication_as_planned = models.BooleanField(_("communication done as planned"))
    effect_observed = context_text(_("effect observed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return str(self.execution.decision.authorisation.reference)
