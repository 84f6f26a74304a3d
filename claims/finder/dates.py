"""A check-by date from a time expression in a sentence ("in a couple of weeks", "by the end
of the year", "in September"), read against the article's date with dateparser. Only the
end of the period named is a check-by date; a sentence with none gets none."""

import calendar
import datetime
import re

import dateparser

_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2}|a couple of|a few)"
)
_UNIT = r"(?:day|week|month|year)s?"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_OPENING = "[“‘\"']?"  # "in “a couple of weeks”"
EXPRESSION = re.compile(
    rf"\b(?:(?P<within>in|within|over the next) {_OPENING}(?P<count>{_COUNT}) (?P<unit>{_UNIT})"
    rf"|(?:by|before|of|at) the end of (?:the |this )?(?P<end_of>year|month|{_MONTH}|\d{{4}})"
    rf"|by (?:the )?(?P<year_end>year[- ]end|end-of-year)"
    rf"|(?:by|in|before|until|this|next) (?P<month>{_MONTH})(?: (?P<month_year>\d{{4}}))?"
    rf"|(?:by|in|before) (?P<year>(?:19|20)\d{{2}})"
    rf"|(?P<next>next) (?P<next_unit>week|month|year))\b",
    re.IGNORECASE,
)
# dateparser reads "in 2 weeks" but not "in a couple of weeks".
_NUMBERS = {"a couple of": "2", "a few": "3", "a": "1", "an": "1", "one": "1"}


def check_by(
    sentence: str, written_on: datetime.date | None, ahead: bool
) -> tuple[datetime.date, str] | None:
    """(the date, the words that gave it), or None. Without the article's date, relative
    expressions give nothing. A month or a year named alone ("in February") is a check-by
    date only in a sentence that looks ahead (`ahead`): in a report it is when things were."""
    if written_on is None:
        return None
    sentence = " ".join(sentence.split())  # no-break spaces, as pasted articles have them
    for match in EXPRESSION.finditer(sentence):
        if not ahead and not _deadline(match):
            continue
        found = _resolve(match, written_on)
        if found and found >= written_on:
            return found, match.group(0)
    return None


def _deadline(match: re.Match) -> bool:
    groups = match.groupdict()
    return bool(groups["within"] or groups["end_of"] or groups["year_end"]
                or match.group(0).lower().startswith(("by ", "before ")))  # fmt: skip


def _resolve(match: re.Match, base: datetime.date) -> datetime.date | None:
    groups = match.groupdict()
    if groups["within"]:
        count = _NUMBERS.get(groups["count"].lower(), groups["count"])
        return _parse(f"in {count} {groups['unit']}", base)
    if groups["end_of"] or groups["year_end"]:
        return _end_of(groups["end_of"] or "year", base)
    if groups["month"]:
        month = f"{groups['month']} {groups['month_year'] or ''}".strip()
        found = _parse(month, base)
        return _month_end(found) if found else None
    if groups["year"]:
        return datetime.date(int(groups["year"]), 12, 31)
    if groups["next"]:
        found = _parse(f"in 1 {groups['next_unit']}", base)
        return _end_of(groups["next_unit"], found) if found else None
    return None


def _parse(words: str, base: datetime.date) -> datetime.date | None:
    found = dateparser.parse(
        words,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()),
            "PREFER_DATES_FROM": "future",
            "PREFER_DAY_OF_MONTH": "last",
        },
    )
    return found.date() if found else None


def _end_of(period: str, base: datetime.date) -> datetime.date | None:
    period = period.lower()
    if period == "year":
        return datetime.date(base.year, 12, 31)
    if period == "month":
        return _month_end(base)
    if period == "week":
        return base + datetime.timedelta(days=6 - base.weekday())
    if period.isdigit():
        return datetime.date(int(period), 12, 31)
    found = _parse(period, base)
    return _month_end(found) if found else None


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
