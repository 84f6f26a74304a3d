"""What an import's rows refer to, read from the database in a few batched queries (not a
query or two per row), so a preview of 10,000 rows costs tens of queries."""

from collections import defaultdict
from collections.abc import Iterable

from claims.models import Appearance, Article, Claim, Claimant, FormerSlug, Outcome, Topic

BATCH = 500  # values per IN (…): well under SQLite's limit on query parameters


def batches(values: Iterable) -> Iterable[list]:
    values = list(values)
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def by(model, field: str, values: Iterable, queryset=None) -> dict:
    """Rows of `model` whose `field` is one of `values`, keyed by that field."""
    found = {}
    queryset = queryset if queryset is not None else model.objects.all()
    for batch in batches({v for v in values if v}):
        found.update(
            (getattr(obj, field), obj) for obj in queryset.filter(**{f"{field}__in": batch})
        )
    return found


class Known:
    """The claimants, topics, articles and claims an import names, fetched once."""

    def __init__(self, *, claimant_slugs, claimant_names, topic_names, article_slugs,
                 article_urls, claim_ids, claim_slugs):  # fmt: skip
        self.claimants = by(Claimant, "slug", claimant_slugs)
        self.claimants_named: dict[str, list[Claimant]] = defaultdict(list)
        for batch in batches(set(claimant_names)):
            for claimant in Claimant.objects.filter(name__in=batch):
                self.claimants_named[claimant.name].append(claimant)
        self.topics = by(Topic, "name", topic_names)
        self.articles = by(Article, "slug", article_slugs)
        self.articles_at = by(Article, "url", article_urls)
        claims = Claim.objects.select_related("claimant")
        self.claims = by(Claim, "pk", claim_ids, claims)
        self.claims_at = by(Claim, "slug", claim_slugs, claims)
        formers = FormerSlug.objects.select_related("claim", "claim__claimant")
        self.former = {
            slug: f.claim for slug, f in by(FormerSlug, "slug", claim_slugs, formers).items()
        }


class Matched:
    """What the claims an import would update hold now: topics, quotes, latest outcome."""

    def __init__(self, claim_ids: list[int]):
        self.topics: dict[int, set[str]] = defaultdict(set)
        self.quotes: dict[int, dict[int, Appearance]] = defaultdict(dict)
        self.latest: dict[int, Outcome] = {}
        for batch in batches(claim_ids):
            links = Claim.topics.through.objects.filter(claim_id__in=batch)
            for claim_id, name in links.values_list("claim_id", "topic__name"):
                self.topics[claim_id].add(name)
            for appearance in Appearance.objects.filter(claim_id__in=batch):
                self.quotes[appearance.claim_id][appearance.article_id] = appearance
            outcomes = Outcome.objects.filter(claim_id__in=batch).order_by(
                "claim_id", "-decided_on", "-pk"
            )
            for outcome in outcomes:
                self.latest.setdefault(outcome.claim_id, outcome)


class Slugs:
    """Free addresses for new claims (and topics): the given slug, else the next `-N`."""

    def __init__(self, model, candidates: set[str], former=True):
        self.model = model
        taken = set(by(model, "slug", candidates))
        if former:
            taken |= set(by(FormerSlug, "slug", candidates))
        self.taken = set(taken)
        for base in taken:  # only the colliding bases need their numbered variants
            self.taken.update(
                model.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
            )
            if former:
                self.taken.update(
                    FormerSlug.objects.filter(slug__startswith=f"{base}-").values_list(
                        "slug", flat=True
                    )
                )

    def take(self, base: str) -> str:
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug
