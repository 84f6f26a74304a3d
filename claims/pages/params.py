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


class SwitchField(forms.BooleanField):
    """A checkbox read strictly: on ("on", "true", "1"), off (absent, "", "false", "0"), and
    anything else an error. Django's CheckboxInput takes any other text as on."""

    ON, OFF = {"on", "true", "1"}, {"", "false", "0"}

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "required": False})

    def to_python(self, value):
        if isinstance(value, bool) or value is None:
            return bool(value)
        text = str(value).strip().lower()
        if text not in self.ON | self.OFF:
            raise ValidationError("Write true or false (or leave it out).", code="invalid")
        return text in self.ON


class SwitchInput(forms.CheckboxInput):
    """A checkbox whose raw text reaches SwitchField to be judged there."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda v: str(v).strip().lower() in SwitchField.ON)

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        return None  # no value attribute: a ticked box sends "on", whatever came in


SwitchField.widget = SwitchInput
