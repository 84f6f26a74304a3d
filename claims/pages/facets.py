"""What each filter value would give: the count beside each kind, topic and claimant in
the filter form (verdicts have theirs in the list's own counts), and the results' claims
per year, drawn above them.

A value's count is of the claims the other filters give, so choosing it gives that many
(a topic's count does not shrink to the chosen topic alone). Counts are exact when the
claims the other filters give are few (up to EXACT_COUNT_CAP: a GROUP BY over a LIMITed
subquery, so a broad filter costs no more than a narrow one); past that, kinds are the
planner's estimates ("about") and topics and claimants show no count. When the list
itself is past EXACT_COUNT_CAP, no facet is counted but the verdicts (the list's own counts).
Claims per year come from the list's probe, so they exist when the results are few, or from
a claimant's or topic's record."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections
from django.db.models import F

from claims.models import Claimant, ClaimKind
from claims.pages.counting import planner_estimate, query_key
from claims.pages.filters import is_filtered
from claims.pages.fragments import kept
from claims.vendor import is_postgresql

# facet: (query-string key, the column its values are counted by)
FACETS = {
    "verdict": "verdict",
    "kind": "kind",
    "topic": "topics__slug",
    # By id, not slug: a join to claimants under the LIMIT makes PostgreSQL hash every
    # claimant first (300 ms at 1M); the few ids found are named afterwards.
    "claimant": "claimant_id",
}


@dataclass
class Facets:
    counts: dict[str, Counter] = field(default_factory=dict)
    approximate: set[str] = field(default_factory=set)

    def count(self, facet: str, value: str) -> int | None:
        counts = self.counts.get(facet)
        return None if counts is None else counts.get(value, 0)


def capped_counts(queryset, column: str) -> Counter | None:
    """Rows per value of `column` over at most EXACT_COUNT_CAP + 1 rows; None past that."""
    capped = queryset.order_by().annotate(facet_value=F(column)).values_list("facet_value")
    sql, params = capped[: settings.EXACT_COUNT_CAP + 1].query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        # A GROUP BY over a LIMITed subquery: Django's ORM cannot group a sliced queryset.
        cursor.execute(
            f"SELECT capped.facet_value, COUNT(*) FROM ({sql}) capped GROUP BY 1",  # noqa: S608
            params,
        )
        counts = Counter(dict(cursor.fetchall()))
    return None if sum(counts.values()) > settings.EXACT_COUNT_CAP else counts


def facets_for(filterset, skip=(), verdicts=None, kinds=None, large=False) -> Facets:
    """_count_facets(), kept for the filter until the record changes: every page of the
    same results (and every sort of them) has the same counts."""
    if large:  # nothing to count but what the caller gave
        return _count_facets(filterset, skip, verdicts, kinds, large)
    params, base = filterset.data, filterset.queryset
    chosen = sorted((k, v) for k, v in params.lists() if k not in ("page", "sort"))
    key = hashlib.sha256(repr((query_key(base), chosen, sorted(skip))).encode()).hexdigest()
    return kept(f"facets:{key}", lambda: _count_facets(filterset, skip, verdicts, kinds, large))


def _count_facets(filterset, skip, verdicts, kinds, large) -> Facets:
    """The counts for the list `filterset` gives (the request's query, parsed once); each
    facet's over the claims every other filter gives (`filterset.without`). `skip`: facets the page
    has no filter for (a claimant's own page has no claimant filter). `verdicts`: the
    list's own exact per-verdict counts, which are the verdict facet's when no verdict is
    chosen (the same claims); `kinds`: the exact per-kind counts of all of `base` (a
    claimant's or topic's record), the kind facet's when nothing else filters. `large`: the
    list itself has more than EXACT_COUNT_CAP claims, so each facet's (a superset) has too: no
    count is tried beyond the verdicts' (estimating kinds cost the list page 10 ms at 1M,
    more than the page's own queries)."""
    found, params, base = Facets(), filterset.data, filterset.queryset
    if verdicts is not None and not any(params.getlist("verdict")):
        found.counts["verdict"] = Counter(verdicts)
        skip = {*skip, "verdict"}
    if large:
        return found
    if kinds is not None and not is_filtered(params, ignore={"kind"}):
        found.counts["kind"] = Counter(kinds)
        skip = {*skip, "kind"}
    for facet, column in FACETS.items():
        if facet in skip:
            continue
        relaxed = filterset.without(facet)
        counts = capped_counts(relaxed, column)
        if counts is None and facet == "kind" and is_postgresql(base):
            counts = Counter(
                {kind: planner_estimate(relaxed.filter(kind=kind)) for kind in ClaimKind.values}
            )
            found.approximate.add(facet)
        if counts is not None:
            counts.pop(None, None)  # a claim with no topic
            found.counts[facet] = _by_slug(counts) if facet == "claimant" else counts
    return found


def _by_slug(counts: Counter) -> Counter:
    slugs = dict(Claimant.objects.filter(pk__in=list(counts)).values_list("pk", "slug"))
    return Counter({slugs[pk]: n for pk, n in counts.items() if pk in slugs})


def years_of(made_on_dates) -> list[tuple[int, int]]:
    """Claims per year, every year from the first to the last (empty ones too)."""
    per_year = Counter(date.year for date in made_on_dates if date is not None)
    if not per_year:
        return []
    return [(year, per_year[year]) for year in range(min(per_year), max(per_year) + 1)]
