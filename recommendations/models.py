from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from profiling_followup.concurrency import VersionedModel


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


class Recommendation(VersionedModel):
    """A recommendation of an evaluation report, quoted as written."""

    code = models.CharField(_("code"), max_length=20, unique=True)
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

    history = HistoricalRecords(m2m_fields=[steps])

    class Meta:
        ordering = ["theme__position", "code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return f"{self.code} {self.text[:60]}"
