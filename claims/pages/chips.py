"""The active filters of a list, as removable chips above its results: each a label
("Verdict: False") and the list's URL without that one value."""

from dataclasses import dataclass

from django.http import QueryDict

from claims.pages.filters import NOT_FILTERS


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str


def active_filters(path: str, filterset, choices: dict) -> list[Chip]:
    """One chip per filter value in the query string, named by the filter form's labels."""
    params, form = filterset.data, filterset.form
    names = {key: dict(options) for key, options in choices.items()}
    chips = []
    for key, values in params.lists():
        if key in NOT_FILTERS or key not in form.fields:
            continue
        name = form.fields[key].label
        for value in values:
            if not value:
                continue
            shown = names.get(key, {}).get(value, value)
            label = name if key == "overdue" else f"{name}: {shown}"
            chips.append(Chip(label, _without(path, params, key, value)))
    return chips


def _without(path: str, params: QueryDict, key: str, value: str) -> str:
    rest = params.copy()
    rest.setlist(key, [v for v in params.getlist(key) if v != value])
    rest.pop("page", None)
    query = rest.urlencode()
    return f"{path}?{query}" if query else path
