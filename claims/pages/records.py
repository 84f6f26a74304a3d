"""Track records: what came of the claims of a claimant, a topic or the whole site.

Counted in SQL (one GROUP BY of kind, verdict and year over the published claims in
question), never by a loop over rows; everything else here works on those few dozen
groups. The site-wide record reads every published claim, so it is kept in the cache under
the record's generation (claims.models.state): computed once after each change. So is a
topic's, whose claims are scattered through the table.

Shares are honest about small numbers: a share comes with its 95% Wilson score interval,
and under MIN_RESOLVED resolved claims a record says "too few resolved claims to say".
A prediction "came true" when its verdict is true or mostly true; a promise is "kept" when
its verdict is true or mostly true, "partly" when mixed and "broken" when mostly false or
false. Resolved means rated on the scale (pending and unresolvable are not).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q
from django.db.models.functions import Cast, ExtractYear
from django.urls import reverse

from claims.models import Claim, Claimant, ClaimKind, Verdict, verdict_label
from claims.pages.fragments import kept, kept_or_previous

# Fewer resolved claims than this and no share is stated, nor a claimant ranked.
MIN_RESOLVED = 5
RATED = [Verdict.TRUE, Verdict.MOSTLY_TRUE, Verdict.MIXED, Verdict.MOSTLY_FALSE, Verdict.FALSE]
CAME_TRUE = {Verdict.TRUE, Verdict.MOSTLY_TRUE}
# The scale's order, as charts and tables show it: best to worst, then the unjudged.
SCALE = [*RATED, Verdict.UNRESOLVABLE, Verdict.PENDING]
# Promises in four groups, each named in the table's own words ("Kept or mostly kept"), so
# that no sentence uses a row's word for a different number.
PROMISE_GROUPS = [
    (Verdict.TRUE, Verdict.MOSTLY_TRUE),
    (Verdict.MIXED,),
    (Verdict.FALSE, Verdict.MOSTLY_FALSE),
    (Verdict.PENDING,),
]
# How long a site-wide record may stay in the cache with no change (a safety net: the
# generation in its key already retires it on the first change).
SITE_RECORD_SECONDS = 600


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


@dataclass(frozen=True)
class Share:
    """k of n, with its interval; `enough` when n is large enough to state it."""

    k: int
    n: int

    @property
    def enough(self) -> bool:
        return self.n >= MIN_RESOLVED

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.k, self.n)

    def percent(self) -> str:
        return f"{round(100 * self.value)}%" if self.n else "–"

    def interval_text(self) -> str:
        low, high = self.interval
        return f"likely between {round(100 * low)}% and {round(100 * high)}%"


@dataclass
class Segment:
    verdict: str
    label: str
    count: int
    share: float


@dataclass
class Record:
    """The counts of one set of published claims: cells[(kind, verdict, year)] = n."""

    cells: Counter = field(default_factory=Counter)
    _by_kind: dict = field(default_factory=dict, repr=False, compare=False)
    _years: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def by_verdict(self, kind: str | None = None) -> Counter:
        if kind not in self._by_kind:
            counts = Counter()
            for (k, verdict, _), n in self.cells.items():
                if kind is None or k == kind:
                    counts[verdict] += n
            self._by_kind[kind] = counts
        return self._by_kind[kind]

    def summed(self) -> "Record":
        """The record with its sums by kind and by year made: a kept record is read on
        every page view and is then kept with them (~1-2 ms a claimant page at 1M)."""
        for kind in (None, *ClaimKind.values):
            self.by_verdict(kind)
        self.years()
        return self

    def kinds(self) -> list[str]:
        present = {kind for kind, _, _ in self.cells}
        return [kind for kind in ClaimKind.values if kind in present]

    def segments(self, kind: str | None = None) -> list[Segment]:
        """The verdict distribution in the scale's order, in the kind's words."""
        counts = self.by_verdict(kind)
        total = sum(counts.values())
        return [
            Segment(v, verdict_label(v, kind), counts[v], counts[v] / total)
            for v in SCALE
            if counts[v]
        ]

    def years(self) -> list[tuple[int, list[Segment]]]:
        """Claims per year made, each year's split by verdict (scale words)."""
        if None not in self._years:
            self._years[None] = self._count_years()
        return self._years[None]

    def _count_years(self) -> list[tuple[int, list[Segment]]]:
        per_year: dict[int, Counter] = {}
        for (_, verdict, year), n in self.cells.items():
            per_year.setdefault(year, Counter())[verdict] += n
        rows = []
        for year in range(min(per_year), max(per_year) + 1) if per_year else []:
            counts = per_year.get(year, Counter())
            total = sum(counts.values()) or 1
            segments = [
                Segment(v, verdict_label(v), counts[v], counts[v] / total)
                for v in SCALE
                if counts[v]
            ]
            rows.append((year, segments))
        return rows

    def kind_totals(self) -> dict[str, int]:
        """Claims of each kind."""
        return {kind: sum(self.by_verdict(kind).values()) for kind in ClaimKind.values}

    def year_totals(self) -> list[tuple[int, int]]:
        """Claims per year made, every year from the first to the last."""
        return [(year, sum(s.count for s in segments)) for year, segments in self.years()]

    def resolved(self, kind: str | None = None) -> int:
        counts = self.by_verdict(kind)
        return sum(counts[v] for v in RATED)

    def came_true(self, kind: str | None = None) -> Share:
        """Among resolved claims (of a kind), those true or mostly true."""
        counts = self.by_verdict(kind)
        return Share(sum(counts[v] for v in CAME_TRUE), self.resolved(kind))

    def prediction_sentence(self) -> str:
        share = self.came_true(ClaimKind.PREDICTION)
        if not share.n:
            return "No prediction has been resolved yet."
        resolved = f"resolved prediction{'s' if share.n != 1 else ''}"
        said = f"{share.k} of {share.n} {resolved} came true or mostly came true"
        if not share.enough:
            return f"{said}: too few resolved predictions to say how often they do."
        return f"{said} ({share.percent()}, {share.interval_text()})."

    def promise_groups(self) -> list[tuple[str, int]]:
        counts = self.by_verdict(ClaimKind.PROMISE)
        return [(_joined(group), sum(counts[v] for v in group)) for group in PROMISE_GROUPS]


def _joined(verdicts) -> str:
    first, *rest = (verdict_label(v, ClaimKind.PROMISE) for v in verdicts)
    return " or ".join([first, *(word.lower() for word in rest)])


def record_of(claims) -> Record:
    """The record of a queryset of published claims: one GROUP BY query."""
    rows = (
        claims.order_by()
        .annotate(year=Cast(ExtractYear("made_on"), IntegerField()))
        .values_list("kind", "verdict", "year")
        .annotate(n=Count("*"))
    )
    return Record(Counter({(kind, verdict, year): n for kind, verdict, year, n in rows})).summed()


@dataclass(frozen=True)
class ClaimantRow:
    name: str
    url: str
    claims: int
    resolved: int
    true: Share

    @property
    def share_resolved(self) -> float:
        return self.resolved / self.claims if self.claims else 0.0


def claimant_rows() -> list[ClaimantRow]:
    """Every claimant with published claims: how many, how many resolved, how many of those
    true or mostly true. One GROUP BY over the published claims."""
    # Grouped by claimant id alone and counting rows (COUNT(*), not of a column), so the
    # index alone answers it; the names are read after.
    counts = (
        Claim.objects.published()
        .order_by()
        .values_list("claimant_id")
        .annotate(
            n=Count("*"),
            resolved=Count("verdict", filter=Q(verdict__in=RATED)),
            true=Count("verdict", filter=Q(verdict__in=CAME_TRUE)),
        )
    )
    names = dict(
        (pk, (name, slug)) for pk, name, slug in Claimant.objects.values_list("pk", "name", "slug")
    )
    rows = [(*names[pk], n, done, true) for pk, n, done, true in counts]
    return [
        ClaimantRow(
            name, reverse("claims:claimant", args=[slug]), n, resolved, Share(true, resolved)
        )
        for name, slug, n, resolved, true in rows
    ]


# The claimants table's sorts: each a key, best first (ties by name).
RANKINGS = {
    "claims": ("Most claims", lambda row: (-row.claims, row.name)),
    "true": ("Share true", lambda row: (-(row.true.value or 0), -row.true.n, row.name)),
    "resolved": ("Share resolved", lambda row: (-row.share_resolved, -row.claims, row.name)),
}
RANKED_ROWS = 100


@dataclass
class SiteRecord:
    record: Record
    ranked: dict[str, list[ClaimantRow]]  # the top RANKED_ROWS by each of RANKINGS
    ranked_count: int
    unranked_count: int


def _site_record() -> SiteRecord:
    rows = claimant_rows()
    enough = [row for row in rows if row.true.enough]
    ranked = {key: sorted(enough, key=order)[:RANKED_ROWS] for key, (_, order) in RANKINGS.items()}
    record = record_of(Claim.objects.published())
    return SiteRecord(record, ranked, len(enough), len(rows) - len(enough))


def _cached(name: str, compute):
    """`compute()`, kept in the cache under the record's generation: counted again only
    after something changed."""
    return kept(name, compute, SITE_RECORD_SECONDS)


def site_record() -> SiteRecord:
    """The whole site's record and its claimants table: after a change one reader counts it
    again, and the others are shown the record as it was until it is ready."""
    return kept_or_previous("site-record", _site_record, SITE_RECORD_SECONDS)


def claimant_record(claimant) -> Record:
    """A claimant's record: quick to count (their claims are together in an index, 8 ms
    for 5,000 at 1M), kept all the same, as most page views change nothing."""
    claims = Claim.objects.published().filter(claimant=claimant)
    return _cached(f"claimant-record:{claimant.pk}", lambda: record_of(claims))


def topic_record(topic) -> Record:
    """A topic's record: its claims are spread over the whole table (a topic of 7,500
    claims at 1M takes ~100 ms to count), so it is kept like the site's."""
    claims = Claim.objects.published().filter(topics=topic)
    return _cached(f"topic-record:{topic.pk}", lambda: record_of(claims))
