"""The public claim filters: every one a query-string parameter, so a view is a shareable URL."""

import django_filters
from django import forms

from claims.models import Claim, Claimant, ClaimKind, Topic, Verdict
from claims.pages.errors import plain_error
from claims.pages.params import IsoDateField, SwitchField
from claims.pages.sorting import DEFAULT_SORT, RELEVANCE, SORTS
from claims.text.search import MAX_QUERY_LENGTH

# Parameters that shape the list's page rather than narrow it.
NOT_FILTERS = frozenset({"page", "sort"})
FIXED_CHOICES = ("verdict", "kind", "sort")


def is_filtered(params, ignore=()) -> bool:
    """Whether a query string narrows the list (a page number or a sort does not), leaving
    out the parameters in `ignore`."""
    return any(
        any(values) for key, values in params.lists() if key not in NOT_FILTERS | set(ignore)
    )


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


class SwitchFilter(django_filters.BooleanFilter):
    field_class = SwitchField


def _made_on_filter(lookup: str, label: str) -> django_filters.DateFilter:
    """A bound on the date made: ISO dates in ASCII digits only (claims.pages.params), so
    `made_after=yesterday` or full-width digits are an error."""
    return IsoDateFilter(
        field_name="made_on",
        lookup_expr=lookup,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        help_text="Words in the claim, its quotes or the claimant’s name.",
    )
    claimant = django_filters.ModelMultipleChoiceFilter(
        field_name="claimant__slug",
        to_field_name="slug",
        # Only names the public may see: a draft-only claimant is "not a valid choice" too.
        queryset=Claimant.objects.in_public(),
        label="Claimant",
        distinct=False,  # a claim has one claimant: no duplicates to remove
    )
    verdict = django_filters.MultipleChoiceFilter(
        choices=Verdict.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices, empty_label="Any kind")
    topic = django_filters.ModelChoiceFilter(
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.in_public(),
        label="Topic",  # one topic is chosen; the model field's name is plural
        empty_label="Any topic",
    )
    made_after = _made_on_filter("gte", "Made on or after")
    made_before = _made_on_filter("lte", "Made on or before")
    overdue = SwitchFilter(
        method="filter_overdue",
        label="Overdue only",
        help_text="Check-by date passed, still pending.",
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, sort.label) for key, sort in SORTS.items()],
        method="filter_sort",
        empty_label=None,
        label="Sort by",
    )

    class Meta:
        model = Claim
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # Without a sort in the query string, sort by best match when there are search
        # words, else by newest (and say so in the form); best match needs search words.
        if data is not None:
            searched = bool((data.get("q") or "").strip())
            sort = data.get("sort")
            if not sort or (sort == RELEVANCE and not searched):
                data = data.copy()
                data["sort"] = RELEVANCE if searched else DEFAULT_SORT
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        # Its fields are the same for every request (their querysets are read only when a
        # form is cleaned or shown), so the class is built once per FilterSet class, not
        # per request (~1.5 ms at a time); each form still deep-copies its own fields.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def choices(self) -> dict[str, list[tuple[str, str]]]:
        """The fixed choices the form offers (verdict, kind, sort), as declared above: the one
        place they are listed (claimants and topics come from the record: listing.py)."""
        return {name: list(self.filters[name].extra["choices"]) for name in FIXED_CHOICES}

    def without(self, name: str):
        """The claims every filter of this query gives but `name` (and the sort): what a
        facet counts. From the values parsed once, with no second reading of the query."""
        queryset = self.queryset
        for field, value in self.form.cleaned_data.items():
            if field not in (name, "sort"):
                queryset = self.filters[field].filter(queryset, value)
        return queryset

    def errors_by_field(self) -> dict[str, list[str]]:
        """Each bad parameter and what is wrong with it (call after is_valid())."""
        return {name: list(errors) for name, errors in self.form.errors.items()}

    def bad_filter_response(self):
        """A plain-text 400 naming each bad parameter, for the CSV export and the feeds."""
        reasons = "; ".join(f"{n}: {' '.join(e)}" for n, e in self.errors_by_field().items())
        return plain_error(f"Bad filter: {reasons}")

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_sort(self, queryset, name, value):
        if value == RELEVANCE:
            queryset = queryset.ranked(self.form.cleaned_data.get("q") or "")
        return queryset.order_by(*SORTS[value].ordering())
