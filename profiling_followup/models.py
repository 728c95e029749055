from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FrozenReport(models.Model):
    """The committee report exactly as the council was shown it for one meeting.

    Written once by `report_freeze`, as HTML and as PDF, and never changed: no service
    updates it and nobody holds a change or delete permission on it.
    """

    meeting_date = models.DateField(_("meeting date"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    html = models.TextField(_("report (HTML)"))
    sha256 = models.CharField(_("SHA-256 of the report"), max_length=64)
    # The file for the council's public meeting file. Reports frozen before PDFs existed
    # have none.
    pdf = models.BinaryField(_("report (PDF)"), null=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("frozen by"),
    )

    # The PDF is written once with the row and never changed: one copy is enough.
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        ordering = ["-meeting_date"]
        verbose_name = _("frozen committee report")
        verbose_name_plural = _("frozen committee reports")

    def __str__(self):
        return self.title
