"""Keyset pagination over the public list's sorts (claims.pages.sorting): a cursor is the last
row's (sort value, id), and the next page is what comes after it in that order, NULLs last
(Sort.after, which the list's deep pages use too), so page 1,000 costs what page 1 costs."""

import base64
import datetime
import json

from claims.pages.sorting import SORTS, Sort


class CursorError(ValueError):
    pass


def encode(sort_key: str, value, pk: int) -> str:
    if isinstance(value, datetime.date):
        value = value.isoformat()
    raw = json.dumps([sort_key, value, pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _value(value, sort: Sort):
    """The sort value a cursor carries, of the sort's own type (a date or a whole number)."""
    if value is None or (sort.numeric and _whole(value)):
        return value
    if sort.numeric:
        raise TypeError("a number was expected")
    return datetime.date.fromisoformat(value)


def decode(cursor: str, sort_key: str) -> tuple[datetime.date | int | None, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if key != sort_key or not _whole(pk):
            raise CursorError("this cursor belongs to another sort; start again without it")
        return _value(value, SORTS[sort_key]), pk
    except CursorError:
        raise
    except (ValueError, TypeError, UnicodeError, json.JSONDecodeError) as exc:
        raise CursorError("not a cursor this API gave out") from exc
