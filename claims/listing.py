"""A filtered, paginated list of claims: shared by the claim list, topic and claimant pages."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef

from claims.filters import ClaimFilter
from claims.models import Claim, Claimant, Verdict

# How many claimants the filter form lists; more are reached through search.
CLAIMANT_OPTIONS = 200


@dataclass
class ClaimListing:
    filterset: ClaimFilter
    status: int = 200
    errors: list[str] = field(default_factory=list)
    page: Page | None = None
    verdict_counts: list[tuple[str, str, int]] = field(default_factory=list)
    total: int = 0


def verdict_counts(queryset) -> dict[str, int]:
    """Published claims per verdict for the current filter, in one query."""
    rows = queryset.order_by().values_list("verdict").annotate(n=Count("pk"))
    return dict(rows)


def _page_number(raw: str | None) -> int | None:
    if raw in (None, ""):
        return 1
    if not raw.isdigit() or int(raw) < 1:
        return None
    return int(raw)


def build_listing(request, queryset) -> ClaimListing:
    filterset = ClaimFilter(request.GET, queryset=queryset)
    listing = ClaimListing(filterset=filterset)
    if not filterset.is_valid():
        listing.status = 400
        listing.errors = [
            f"{filterset.form.fields[name].label or name}: {' '.join(errors)}"
            if name in filterset.form.fields
            else " ".join(errors)
            for name, errors in filterset.form.errors.items()
        ]
        return listing
    number = _page_number(request.GET.get("page"))
    if number is None:
        listing.status = 400
        listing.errors = ["Page: must be a whole number of 1 or more."]
        return listing
    qs = filterset.qs
    counts = verdict_counts(qs)
    listing.total = sum(counts.values())
    listing.verdict_counts = [(v.value, v.label, counts[v.value]) for v in Verdict if counts.get(v)]
    paginator = Paginator(qs.for_list(), settings.CLAIMS_PER_PAGE)
    paginator.__dict__["count"] = listing.total  # known from the verdict counts: no COUNT(*)
    if number > paginator.num_pages:
        listing.status = 404
        listing.errors = [
            f"Page {number} does not exist: these results have {paginator.num_pages} page(s)."
        ]
        return listing
    listing.page = paginator.page(number)
    return listing


def claimant_options(filterset: ClaimFilter):
    """Claimants for the filter form: those with published claims, plus any selected."""
    published = Claim.objects.published().filter(claimant=OuterRef("pk"))
    options = list(Claimant.objects.filter(Exists(published)).order_by("name")[:CLAIMANT_OPTIONS])
    cleaned = getattr(filterset.form, "cleaned_data", {})
    selected = list(cleaned.get("claimant") or [])
    known = {c.pk for c in options}
    return options + [c for c in selected if c.pk not in known], {c.slug for c in selected}
