"""The public record's generation: a number that moves after every committed change to
anything the public pages show, so what is computed from the whole record (the site-wide
track record, cached responses) can be kept under a key that names the generation and is
never served once something changed. Changes no reader can see (a draft, its review note,
an import's own record, a digest) leave it alone, so editors' saves do not empty the
public cache: each model says which of its rows are public (`touches_the_record`).

A generation is never used twice. A move sets it to the time in microseconds, or one more
than it was if that is later: restoring a backup takes the number back, and were it a
counter the next edit would move it to a number the discarded timeline already used, whose
pages the shared cache still holds (a draft in the restored record served as public).

It moves after commit (`transaction.on_commit`), not inside the writing transaction:
inside, every writer would queue on the one row until it commits (an import for tens of
seconds) and two writers could deadlock on it. After commit, a reader that read the old
generation and the new data caches fresher data under the old key; one that read the
old data caches it under a key nobody asks for once the generation has moved."""

from django.db import connections, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone


class RecordState(models.Model):
    """One row: the record's generation and when it last moved; and the generation at which
    a public claim last left the record (unpublished, merged away or deleted), before which
    nothing built from the record may be served (claims/outputs/export_file.py)."""

    generation = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)
    withdrawn_generation = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="record_state_one_row")]

    def __str__(self):
        return f"generation {self.generation}"

    @classmethod
    def current(cls, using="default") -> int:
        # Plain SQL: this runs on every request (a cached page costs little else), and
        # building it through the ORM took a quarter of a cached page's ~1.5 ms.
        with connections[using].cursor() as cursor:
            # The model's own table name, no input.
            cursor.execute(f"SELECT generation FROM {cls._meta.db_table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def read(cls, using="default") -> tuple[int, int]:
        """(generation, withdrawn_generation), in one query."""
        rows = cls.objects.using(using).filter(pk=1)
        return rows.values_list("generation", "withdrawn_generation").first() or (0, 0)


def move_generation(using, withdraws: bool):
    now = timezone.now()
    fresh = int(now.timestamp() * 1_000_000)
    moved = RecordState.objects.using(using).filter(pk=1)
    after = Greatest(F("generation") + 1, Value(fresh))
    changes = {"generation": after, "changed_at": now}
    if withdraws:
        changes["withdrawn_generation"] = after
    if not moved.update(**changes):
        RecordState.objects.using(using).get_or_create(
            pk=1, defaults={"generation": fresh, "withdrawn_generation": fresh if withdraws else 0}
        )


def _pending_move(connection):
    if not connection.in_atomic_block:
        return None
    due = (func for _, func, _ in connection.run_on_commit if getattr(func, "record_move_due", 0))
    return next(due, None)


def record_changed(using="default", *, withdraws=False):
    """Something public may have changed: move the generation once this transaction commits
    (at once outside one). Many changes in one transaction move it once. `withdraws`: a
    claim that was public may no longer be (what was built before must not be served)."""
    if pending := _pending_move(connections[using]):
        pending.withdraws = pending.withdraws or withdraws
        return  # already due when this transaction commits

    def move():
        move.record_move_due = False
        move_generation(using, move.withdraws)

    move.record_move_due = True
    move.withdraws = withdraws
    transaction.on_commit(move, using=using)


def _is_record(sender) -> bool:
    outside = sender is RecordState or getattr(sender, "outside_the_record", False)
    history = hasattr(sender, "instance_type")  # django-simple-history's copies
    return sender._meta.app_label == "claims" and not outside and not history


def _is_public(instance, raw: bool) -> bool:
    """Whether this row is something a reader can see (or could, before this change). A raw
    save (a fixture or a backup loaded) may point at rows not loaded yet: always public."""
    if raw or instance is None:
        return True
    touches = getattr(instance, "touches_the_record", None)
    return touches() if touches is not None else True


def _withdraws(sender, instance, deleted: bool) -> bool:
    """A claim that was ever public is deleted, or saved as anything but published (its
    earlier state is not read: a false alarm only makes a stale export file wait)."""
    if sender._meta.label != "claims.Claim":
        return False
    return instance.was_published_before or (deleted and instance.published_at is not None)


@receiver(post_save)
@receiver(post_delete)
def _row_changed(sender, instance=None, using="default", raw=False, **kwargs):
    # Every public row of the app, fixture loads included: they change what readers see too.
    if _is_record(sender) and _is_public(instance, raw):
        deleted = "created" not in kwargs
        record_changed(using, withdraws=_withdraws(sender, instance, deleted))


@receiver(m2m_changed)
def _links_changed(sender, action, instance=None, using="default", **kwargs):
    if action.startswith("post_") and _is_record(sender) and _is_public(instance, False):
        record_changed(using)
