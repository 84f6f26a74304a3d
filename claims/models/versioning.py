"""Optimistic locking shared by every model an editor changes on its own admin page."""

from django.db import models
from django.db.models import F


class Versioned(models.Model):
    """A row with a version that moves on every save, so a form built on an older one can be
    refused (claims.workflow.locking). Parents' versions move when what hangs off them
    changes (`touch`), so a stale inline cannot silently revert a change made elsewhere."""

    # db_default too: bulk loaders (bench.fill's COPY) may leave the column out.
    version = models.PositiveIntegerField(default=1, db_default=1)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("update_fields"):
            # From the stored version, not only this instance's: touch() may have moved it
            # since the instance was read, and a version must never go back.
            stored = type(self)._default_manager.filter(pk=self.pk).values_list("version")
            self.version = max(self.version, *stored.first() or (0,)) + 1
        super().save(*args, **kwargs)

    @classmethod
    def touch(cls, pk):
        """Move a row's version without saving it (no history row: nothing of it changed)."""
        if pk is not None:
            cls._default_manager.filter(pk=pk).update(version=F("version") + 1)
