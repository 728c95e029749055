from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.people import responsible_field
from core.uploads import validate_document


class FrameworkStep(models.Model):
    """One of the four steps of the handelingskader (action framework)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        verbose_name = _("framework step")
        verbose_name_plural = _("framework steps")

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A chapter of the follow-up, e.g. "Inbedding van het opleidingstraject"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class SourceReport(models.Model):
    """A report whose recommendations are followed up (the VUB/UGent evaluation, later ones)."""

    title = models.CharField(_("title"), max_length=300, unique=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    institutions = models.CharField(_("institutions"), max_length=300, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["published_on", "title"]
        verbose_name = _("source report")
        verbose_name_plural = _("source reports")

    def __str__(self):
        return self.title


class Position(models.TextChoices):
    ACCEPTED = "aanvaard", _("accepted")
    PARTIALLY_ACCEPTED = "deels_aanvaard", _("partially accepted")
    NOT_ACCEPTED = "niet_aanvaard", _("not accepted")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "niet_gestart", _("not started")
    IN_PROGRESS = "lopend", _("in progress")
    PARTLY_IMPLEMENTED = "deels_uitgevoerd", _("partly implemented")
    IMPLEMENTED = "uitgevoerd", _("implemented")
    NOT_IMPLEMENTED = "niet_uitgevoerd", _("not implemented (with reasoning)")


class Recommendation(VersionedModel):
    """A recommendation of an evaluation report, quoted as written."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    source = models.ForeignKey(
        SourceReport,
        on_delete=models.PROTECT,
        # Nullable only for rows older than source reports; forms and services require it.
        null=True,
        related_name="recommendations",
        verbose_name=_("source report"),
    )
    source_reference = models.CharField(
        _("reference in the source"),
        max_length=100,
        blank=True,
        help_text=_("Page or paragraph where the recommendation is made."),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("theme")
    )
    text = models.TextField(_("text"), help_text=_("Quoted as written in the report."))
    steps = models.ManyToManyField(
        FrameworkStep,
        blank=True,
        related_name="recommendations",
        verbose_name=_("framework steps"),
    )
    position = models.CharField(
        _("position of the police"), max_length=20, choices=Position.choices, blank=True
    )
    position_reasoning = models.TextField(_("reasoning of the position"), blank=True)
    responsible_unit = models.ForeignKey(
        "training.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("responsible unit"),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    police_status = models.CharField(
        _("status according to the police"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    police_motivation = models.TextField(_("motivation of the police"), blank=True)
    independent_status = models.CharField(
        _("independent status"),
        max_length=20,
        choices=ImplementationStatus.choices,
        blank=True,
        help_text=_("Assessment by the researchers or the council; empty until assessed."),
    )
    independent_assessor = models.CharField(_("assessed by"), max_length=150, blank=True)
    independent_motivation = models.TextField(_("motivation of the assessment"), blank=True)
    disagreement_note = models.TextField(
        _("note on the disagreement"),
        blank=True,
        help_text=_("Why the two assessments differ, when they do."),
    )

    history = HistoricalRecords(m2m_fields=[steps])

    class Meta:
        ordering = ["theme__position", "code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        permissions = [("set_independent_status", _("Can set the independent assessment"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(police_status=ImplementationStatus.NOT_IMPLEMENTED)
                | ~Q(police_motivation=""),
                name="%(app_label)s_%(class)s_police_motivated",
                violation_error_message=_("Give the motivation for “not implemented”."),
            ),
            models.CheckConstraint(
                condition=~Q(independent_status=ImplementationStatus.NOT_IMPLEMENTED)
                | ~Q(independent_motivation=""),
                name="%(app_label)s_%(class)s_independent_motivated",
                violation_error_message=_("Give the motivation for “not implemented”."),
            ),
            models.CheckConstraint(
                condition=Q(position__in=["", Position.ACCEPTED]) | ~Q(position_reasoning=""),
                name="%(app_label)s_%(class)s_position_reasoned",
                violation_error_message=_(
                    "Give the reasoning when the recommendation is not fully accepted."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("recommendations:recommendation_detail", args=[self.pk])

    @property
    def assessments_disagree(self) -> bool:
        return bool(self.independent_status) and self.independent_status != self.police_status


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("planned")
    IN_PROGRESS = "lopend", _("in progress")
    ON_HOLD = "on_hold", _("on hold")
    COMPLETED = "afgerond", _("completed")
    CANCELLED = "geannuleerd", _("cancelled")


# An action in one of these states can no longer be overdue.
CLOSED_STATUSES = (ActionStatus.COMPLETED, ActionStatus.CANCELLED)


class Action(VersionedModel):
    """What the police does about one or more recommendations."""

    recommendations = models.ManyToManyField(
        Recommendation, related_name="actions", verbose_name=_("recommendations")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    owner_unit = models.ForeignKey(
        "training.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owner unit"),
    )
    contact = models.CharField(
        _("contact"), max_length=150, blank=True, help_text=_("A function or mailbox.")
    )
    responsible = responsible_field(
        _("responsible person"),
        _(
            "The colleague who answers for this action and gets its reminders: police staff "
            "or an administrator."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    partners = models.CharField(_("partner organisations"), max_length=300, blank=True)

    history = HistoricalRecords(m2m_fields=[recommendations])

    class Meta:
        ordering = ["due_date", "title"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        # The list pages sort by due date: a page then reads its rows in index order
        # instead of computing every row's annotations before sorting.
        indexes = [models.Index(fields=["due_date"], name="%(app_label)s_%(class)s_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_at_most_100",
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.COMPLETED) | Q(progress=100),
                name="%(app_label)s_%(class)s_completed_is_100",
                violation_error_message=_("A completed action has progress 100%%."),
            ),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=ActionStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="%(app_label)s_%(class)s_completion_date_iff_completed",
                violation_error_message=_(
                    "A completed action has a completion date; other actions have none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_due_after_start",
                violation_error_message=_("The due date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_completed_after_start",
                violation_error_message=_("The completion date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="%(app_label)s_%(class)s_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("recommendations:action_detail", args=[self.pk])


class ProgressUpdate(models.Model):
    """A dated note on an action: what happened. The timeline council members read."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.text[:60]}"


class Evidence(models.Model):
    """A link or a document that shows what was done."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("action")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    document = models.FileField(
        _("document"), upload_to="evidence/%Y/", blank=True, validators=[validate_document]
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(document="")) | (~Q(url="") & Q(document="")),
                name="%(app_label)s_%(class)s_link_or_document",
                violation_error_message=_("Give either a link or a document, not both."),
            ),
        ]

    def __str__(self):
        return self.title


class DueDateChange(models.Model):
    """A due date moved: the old date is kept and the reason is required (slippage)."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="due_date_changes", verbose_name=_("action")
    )
    old_date = models.DateField(_("old due date"), null=True, blank=True)
    new_date = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("due date change")
        verbose_name_plural = _("due date changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="%(app_label)s_%(class)s_reason_required",
                violation_error_message=_("Give the reason for changing the due date."),
            ),
        ]

    def __str__(self):
        return f"{self.action}: {self.old_date} → {self.new_date}"
