"""The record of each bulk import: who brought which file in, when, what it did, and what
undoing it would take back."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed (nothing written)"
    IMPORTED = "imported", "Imported"
    UNDONE = "undone", "Undone"


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX workbook"
    CLAIMREVIEW = "claimreview", "ClaimReview JSON"


class ClaimImport(models.Model):
    """One uploaded file, kept as it was uploaded: the preview is re-run from these bytes at
    confirm, so what is written is exactly what was shown."""

    outside_the_record = True  # what it writes moves the generation; its own record does not

    file_name = models.CharField(max_length=200)
    format = models.CharField(max_length=20, choices=ImportFormat.choices)
    data = models.BinaryField(editable=False)
    articles_name = models.CharField("articles file", max_length=200, blank=True)
    articles_data = models.BinaryField(editable=False, blank=True, default=b"")
    publish = models.BooleanField("publish on import", default=False)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the preview counted (new, update, unchanged, error) and what was written.
    counts = models.JSONField(default=dict, blank=True)
    # What the import wrote, so that it can be taken back (claims.intake.importing.undo).
    undo_log = models.JSONField(default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="import_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=ImportFormat.values), name="import_format_valid"
            ),
        ]

    def __str__(self):
        return f"Import #{self.pk}: {self.file_name}"

    def get_absolute_url(self):
        return reverse("admin:claims_claim_import_preview", kwargs={"pk": self.pk})

    @property
    def change_reason(self) -> str:
        """What every row this import writes says in its history."""
        return f"Import #{self.pk} ({self.file_name})"[:100]
