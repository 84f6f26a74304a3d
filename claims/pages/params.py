"""The one place numbers and dates from a query string are read: ASCII digits and ISO dates
only. `str.isdigit()` and `strptime` also accept "²" or full-width digits; these do not."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole_number(raw: str | None, *, default: int, minimum: int = 1) -> int | None:
    """The number in `raw` (or `default` when it is absent), None when it is not one."""
    if raw in (None, ""):
        return default
    if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < minimum:
        return None
    return int(raw)


def iso_date(raw: str) -> datetime.date:
    if not _ISO_DATE.fullmatch(raw):
        raise ValueError(f"{raw!r} is not a date written YYYY-MM-DD")
    return datetime.date.fromisoformat(raw)


class IsoDateField(forms.DateField):
    """A form date written YYYY-MM-DD in ASCII digits, nothing else."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return iso_date(str(value).strip())
        except ValueError:
            raise ValidationError(
                "Enter a valid date, written YYYY-MM-DD.", code="invalid"
            ) from None
