"""A filtered, paginated list of claims: shared by the claim list, topic and claimant pages.

One probe query reads (pk, verdict, sort value, date made) for up to EXACT_COUNT_CAP + 1
matching claims, unordered, so the database filters first whatever its estimates say. If
that is all of them, counts are exact and the page is sorted in Python. If there are more,
counts are estimated (claims.pages.counting) and the page comes from the sort index, which
is dense enough then to find a page fast. Either way the page's rows are then read by
primary key, so a deep page only walks an index (a "deferred join").
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, Window
from django.db.models.functions import Mod, RowNumber

from claims.models import Claim, Claimant, Topic, Verdict
from claims.pages.counting import Counts, kept_estimate, query_key
from claims.pages.counting import verdict_counts as count_by_verdict
from claims.pages.facets import years_of
from claims.pages.filters import ClaimFilter
from claims.pages.fragments import claim_rows, kept, search_snippets
from claims.pages.params import whole_number
from claims.pages.sorting import DEFAULT_SORT, SORTS
from claims.text.search import search_ranks
from claims.vendor import is_postgresql

RANK_CAP_NOTE = (
    "More than {cap:,} claims match, too many to rank by best match: they are shown "
    "newest first. Add words to the search, or a filter, to rank them."
)
# A search the planner estimates at more matches than this many times the exact-count cap
# is not probed (see _probe).
SURELY_LARGE = 10
# Deep pages of a long list start from every STRIDE-th claim's place (_stride_bounds).
STRIDE = 1000
# How many claimants the filter form lists; more are reached through search.
CLAIMANT_OPTIONS = 200


@dataclass
class ClaimListing:
    filterset: ClaimFilter
    status: int = 200
    errors: list[str] = field(default_factory=list)
    page: Page | None = None
    counts: Counts | None = None
    verdict_counts: list[tuple[str, str, int]] = field(default_factory=list)
    # Claims per year made, when every matching claim was read (the probe): else empty.
    years: list[tuple[int, int]] = field(default_factory=list)
    # Why the page is not in the order asked for, when it is not.
    sort_note: str = ""
    sort_in_force: str = ""  # the order the page is in (the form's sort box shows it)

    @property
    def total(self) -> int:
        return self.counts.total if self.counts else 0

    @property
    def approximate(self) -> bool:
        return bool(self.counts and self.counts.approximate)


def verdict_counts(queryset, known_large=False) -> Counts:
    return count_by_verdict(queryset, Verdict.values, known_large)


def verdict_rows(counts: Counts) -> list[tuple[str, str, int]]:
    """(value, label, count) for each verdict that has claims, in the scale's order."""
    return [
        (v.value, v.label, counts.by_verdict[v.value]) for v in Verdict if counts.by_verdict.get(v)
    ]


def _page_number(raw: str | None) -> int | None:
    return whole_number(raw, default=1)


def _form_errors(filterset) -> list[str]:
    fields = filterset.form.fields
    return [
        f"{fields[name].label or name}: {' '.join(errors)}" if name in fields else " ".join(errors)
        for name, errors in filterset.form.errors.items()
    ]


def _probe(matching, sort, q: str):
    """_read_probe(), kept for the filter and the sort's column until the record changes:
    every page of the same results asks the same (2-4 ms at 1M, the list's costliest query)."""
    key = f"probe:{query_key(matching)}:{sort.field}"
    return kept(key, lambda: _read_probe(matching, sort, q))


def _read_probe(matching, sort, q: str):
    """(pk, verdict, sort value, made_on) of up to EXACT_COUNT_CAP + 1 matching claims, and whether
    that is all of them. Best match's ranks are read afterwards, for a small list only: in the
    probe itself they would be computed for a large one too (and per row on SQLite)."""
    ranking = sort.field == "search_rank"
    if (
        q
        and is_postgresql(matching)
        and kept_estimate(matching) > SURELY_LARGE * settings.EXACT_COUNT_CAP
    ):
        # A search's probe builds the bitmap of every match before it stops (23 ms for the
        # 47,000 "sanctions" of 1M claims); a word the planner's statistics know to be this
        # common is past EXACT_COUNT_CAP without it. A word they do not know is estimated at
        # ~0.5% of the rows, under this, and probed.
        return [], False
    field = "made_on" if ranking else sort.field
    probe = list(
        matching.values_list("pk", "verdict", field, "made_on")[: settings.EXACT_COUNT_CAP + 1]
    )
    if len(probe) > settings.EXACT_COUNT_CAP:
        return [], False  # past the cap only that is needed: nothing more kept
    if ranking:
        ranks = search_ranks(Claim.objects.using(matching.db), [row[0] for row in probe], q)
        probe = [(pk, verdict, ranks.get(pk, 0), made) for pk, verdict, _, made in probe]
    return probe, True


def _page_keys(matching, sort, bottom: int, top: int, total: int) -> list[int]:
    """The keys of the page's claims, `bottom` to `top` in the sort's order. Page 1 walks
    the sort's index until it has a page. Past it, a list of at most KEPT_ORDER_CAP claims
    is sliced from its kept order (topic page 10 at 1M took 58 ms by OFFSET); a longer one
    starts its index scan at the nearest kept stride boundary (page 37,000 of the list:
    80 ms by OFFSET, reading 925,000 index entries first)."""
    cap = settings.KEPT_ORDER_CAP
    if bottom and total <= cap:
        ordered = _kept_order(matching, sort)
        if len(ordered) < cap or top <= len(ordered):  # else the estimate was short
            return ordered[bottom:top]
    start = matching
    if bottom >= STRIDE and cap:
        bounds = _stride_bounds(matching, sort)
        passed = min(bottom // STRIDE, len(bounds))
        if passed:
            start = sort.after(matching, *bounds[passed - 1])
            bottom, top = bottom - passed * STRIDE, top - passed * STRIDE
    return list(start.order_by(*sort.ordering()).values_list("pk", flat=True)[bottom:top])


def _stride_bounds(matching, sort) -> list[tuple]:
    """(sort value, pk) of every STRIDE-th matching claim in the sort's order, kept until
    the record changes: one pass over the sort's index (~300 ms for 950,000 claims at 1M),
    after which any deep page reads at most STRIDE index entries before its own."""
    place = Window(RowNumber(), order_by=sort.ordering())
    every = (
        matching.order_by()
        .annotate(place=place)
        .annotate(rest=Mod(F("place"), STRIDE))
        .filter(rest=0)
        .values_list(sort.field, "pk")
    )
    return kept(f"strides:{query_key(matching)}:{sort.field}", lambda: list(every))


def _kept_order(matching, sort) -> list[int]:
    """Every matching claim's key in the sort's order, kept until the record changes. A
    filter whose claims are spread over the table (a topic's, through its links) cannot walk
    an index to a deep page: page 150 of a topic of 7,700 claims at 1M reads and sorts all
    of them (120 ms, against 16 ms for page 1). Read once, any page of it is a slice."""
    key = f"order:{query_key(matching)}:{sort.field}"
    ordered = matching.order_by(*sort.ordering()).values_list("pk", flat=True)
    return kept(key, lambda: list(ordered[: settings.KEPT_ORDER_CAP]))


def build_listing(
    request,
    filterset: ClaimFilter,
    known: Counts | None = None,
    omit_claimant: bool = False,
    filtered: bool = True,
) -> ClaimListing:
    """The page of `filterset` (the request's query, parsed once by the caller) that the
    query string asks for. `known`: the exact per-verdict counts of its claims when the
    caller has them (a claimant's or topic's record); used when nothing filters the list
    (`filtered` false) and they are past EXACT_COUNT_CAP, saving the probe and the
    estimates. `omit_claimant`: rows do not name the claimant (their own page). The page's
    rows are rendered here (claims.pages.fragments)."""
    listing = ClaimListing(filterset=filterset)
    if not filterset.is_valid():
        listing.status, listing.errors = 400, _form_errors(filterset)
        return listing
    number = _page_number(request.GET.get("page"))
    if number is None:
        listing.status, listing.errors = 400, ["Page: must be a whole number of 1 or more."]
        return listing
    listing.sort_in_force = filterset.form.cleaned_data.get("sort") or DEFAULT_SORT
    sort = SORTS[listing.sort_in_force]
    matching = filterset.qs.order_by()
    if known is not None and known.total > settings.EXACT_COUNT_CAP and not filtered:
        probe, small = [], False
        listing.counts = known
    else:
        probe, small = _probe(matching, sort, filterset.form.cleaned_data.get("q") or "")
    if not small and sort.field == "search_rank":
        # Ranking every match of a common word is a scan of all of them (160 ms for the
        # 50,000 "sanctions" of 1M claims); past the cap the page is newest first instead.
        sort, listing.sort_in_force = SORTS[DEFAULT_SORT], DEFAULT_SORT
        listing.sort_note = RANK_CAP_NOTE.format(cap=settings.EXACT_COUNT_CAP)
    if small:
        listing.counts = Counts(dict(Counter(verdict for _, verdict, _, _ in probe)))
        listing.years = years_of(made_on for _, _, _, made_on in probe)
    elif listing.counts is None:
        listing.counts = verdict_counts(matching, known_large=True)
    listing.verdict_counts = verdict_rows(listing.counts)
    paginator = Paginator([], settings.CLAIMS_PER_PAGE)
    paginator.__dict__["count"] = listing.total  # counted above: no COUNT(*)
    if number > paginator.num_pages:
        listing.status = 404
        listing.errors = [
            f"Page {number} does not exist: these results have {paginator.num_pages} page(s)."
        ]
        return listing
    bottom = (number - 1) * paginator.per_page
    top = bottom + paginator.per_page
    if small:
        pks = sort.sorted_pks([(pk, value) for pk, _, value, _ in probe])[bottom:top]
    else:
        pks = _page_keys(matching, sort, bottom, top, listing.total)
    # Where each claim matched the search words (only when searched; kept per claim and
    # words, the rest read in one query).
    found = search_snippets(pks, filterset.form.cleaned_data.get("q") or "")
    listing.page = Page(claim_rows(pks, omit_claimant, found), number, paginator)
    return listing


def claimant_options(filterset: ClaimFilter) -> list[tuple[str, str]]:
    """(slug, name) for the filter form: claimants with published claims, plus any selected."""
    options = kept("claimant-options", _first_claimants)
    cleaned = getattr(filterset.form, "cleaned_data", {})
    known = {slug for slug, _ in options}
    selected = [(c.slug, c.name) for c in cleaned.get("claimant") or [] if c.slug not in known]
    return options + selected


def _first_claimants() -> list[tuple[str, str]]:
    return list(
        Claimant.objects.in_public().order_by("name").values_list("slug", "name")[:CLAIMANT_OPTIONS]
    )


def topic_options() -> list[tuple[str, str]]:
    """(slug, name) for the filter form: topics with published claims."""
    return kept(
        "topic-options", lambda: list(Topic.objects.in_public().values_list("slug", "name"))
    )
