"""What alerts: a public change, recorded as an event in the transaction that makes it, by
whichever door made it (a form, an inline, an import, a command). A draft's changes record
nothing; whether a change still stands is asked again when its alert goes
(AlertEvent.objects.standing), so one undone in the meantime sends nothing."""

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from claims.alerts.dispatch import dispatch_soon
from claims.models import AlertEvent, Appearance, Correction, EventKind, Outcome
from claims.models.evidence import claim_is_published
from claims.workflow.publishing import claim_published


@receiver(claim_published)
def _published(sender, claim, **kwargs):
    record(claim.pk, EventKind.PUBLISHED)


_KINDS = {Outcome: EventKind.VERDICT, Correction: EventKind.CORRECTION,
          Appearance: EventKind.APPEARANCE}  # fmt: skip


@receiver(post_save, sender=Outcome)
@receiver(post_save, sender=Correction)
@receiver(post_save, sender=Appearance)
def _added(sender, instance, created, raw=False, **kwargs):
    # A new row only: an edit to an outcome or a quote is followed by its correction.
    if created and not raw and claim_is_published(pk=instance.claim_id):
        record(instance.claim_id, _KINDS[sender], instance.pk)


def record(claim_id: int, kind: str, object_id: int | None = None):
    AlertEvent.objects.create(claim_id=claim_id, kind=kind, object_id=object_id)
    _dispatch_after_commit()


def _dispatch_after_commit():
    """Once per transaction, however many events it records (an import records thousands):
    a dispatch when the webhooks' hold is over and one when the mails' grouping is."""
    if connection.in_atomic_block and any(
        getattr(func, "alerts_due", False) for _, func, _ in connection.run_on_commit
    ):
        return

    def queue():
        dispatch_soon()

    queue.alerts_due = True
    transaction.on_commit(queue)
