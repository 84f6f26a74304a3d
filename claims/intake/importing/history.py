"""History rows written in bulk beside bulk inserts, updates and deletes, as simple_history
writes them one by one on save and delete: who, when, why, and the row's values."""

from django.utils import timezone

ADDED, CHANGED, DELETED = "+", "~", "-"


def write_history(model, objects: list, kind: str, *, user=None, reason="", date=None) -> dict:
    """One history row per object; returned by the object's primary key."""
    history = model.history.model
    date = date or timezone.now()
    rows = [
        history(
            history_date=date,
            history_user=user,
            history_change_reason=reason,
            history_type=kind,
            **{field.attname: getattr(obj, field.attname) for field in history.tracked_fields},
        )
        for obj in objects
    ]
    history.objects.bulk_create(rows, batch_size=500)
    return dict(zip((obj.pk for obj in objects), rows, strict=True))
