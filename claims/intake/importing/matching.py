"""Looking a previewed import's rows up in what the database holds (fetched once, in batches)
and in what earlier rows of the same file would create: each row's claim, claimant, topics,
article and quote, and what it would do (new, update, unchanged, or an error in words)."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from claims.intake.importing import published
from claims.intake.importing.articles_sheet import ArticleRow
from claims.intake.importing.lookups import Known, Matched, Slugs
from claims.intake.importing.records import messages
from claims.intake.importing.row import Row
from claims.models import Appearance, Article, Claim, Claimant, Outcome
from claims.text.quotes import find_quote


class Resolver:
    """Looks each parsed row up in what the database holds (fetched once, in batches) and in
    what earlier rows of the same file would create."""

    def __init__(self, rows: list[Row], articles: list[ArticleRow], user=None):
        self.user = user
        keys = [row.keys for row in rows]
        self.known = Known(
            claimant_slugs={k["claimant_slug"] for k in keys},
            claimant_names={k["claimant"] for k in keys if not k["claimant_slug"]},
            topic_names={t for row in rows for t in row.topics},
            article_slugs={k["article_slug"] for k in keys},
            article_urls={k["article_url"] for k in keys},
            claim_ids={k["id"] for k in keys},
            claim_slugs={k["slug"] for k in keys},
        )
        self.incoming = {a.slug: a for a in articles if a.article}
        self.incoming_at = {a.article.url: a for a in articles if a.article and a.article.url}
        self.seen: dict[str, int] = {}
        self.new_claimants: dict[str, dict] = {}
        self.new_topics: set[str] = set()
        matched = [self._match(row) for row in rows]
        self.matched = Matched([c.pk for c in matched if c is not None])
        candidates = {self._slug_base(row) for row in rows if row.claim is None}
        self.slugs = Slugs(Claim, candidates)
        self._claimant_slugs = self._free_claimant_slugs(rows)

    def _free_claimant_slugs(self, rows: list[Row]) -> dict[str, str]:
        """Slugs for claimants created by name alone, none taken by a stored claimant."""
        names = {
            row.keys["claimant"]
            for row in rows
            if not row.keys["claimant_slug"]
            and row.keys["claimant"] not in self.known.claimants_named
        }
        bases = {name: slugify(name)[:90] or "claimant" for name in names}
        slugs = Slugs(Claimant, set(bases.values()), former=False)
        return {name: slugs.take(base) for name, base in sorted(bases.items())}

    def resolve(self, row: Row):
        self._claimant(row)
        self._topics(row)
        self._evidence(row)
        self._check_duplicate(row)
        if row.claim is not None and row.claim.merged_into_id:
            row.errors.append(
                f"matches claim {row.claim.pk}, which was merged into claim "
                f"{row.claim.merged_into_id}; import onto that one instead"
            )
        row.slug = row.claim.slug if row.claim else self.slugs.take(self._slug_base(row))
        if not row.errors:
            self._validate(row)
        if not row.errors:
            row.action = self._action(row)

    def _match(self, row: Row) -> Claim | None:
        known, slug = self.known, row.keys["slug"]
        claim = known.claims.get(row.keys["id"])
        if claim is None and slug:
            claim = known.claims_at.get(slug) or known.former.get(slug)
        row.claim = claim
        return claim

    def _slug_base(self, row: Row) -> str:
        return slugify(row.keys["slug"] or row.text)[:90] or "claim"

    def _check_duplicate(self, row: Row):
        slug = row.keys["slug"]
        key = f"claim {row.claim.pk}" if row.claim else f"slug {slug}" if slug else None
        if key and key in self.seen:
            row.errors.append(f"repeats row {self.seen[key]} (the same claim)")
        if key:
            self.seen.setdefault(key, row.number)

    def _claimant(self, row: Row):
        slug, name, kind = (row.keys[k] for k in ("claimant_slug", "claimant", "claimant_kind"))
        existing = self.known.claimants.get(slug) if slug else None
        if existing is None and not slug and name:
            matches = self.known.claimants_named.get(name, [])
            if len(matches) > 1:
                row.errors.append(
                    f"claimant: more than one claimant is named “{name}”; give claimant_slug"
                )
            existing = matches[0] if len(matches) == 1 else None
        if existing is not None:
            row.claimant = {"object": existing}
            return
        if not name:
            what = f"claimant_slug “{slug}” is not a claimant here" if slug else "claimant is empty"
            row.errors.append(f"{what}, and the row gives no claimant name to create one from")
            return
        if not kind:
            row.errors.append(
                f"claimant_kind: “{name}” is a new claimant; say whether a person, an "
                "organization or unnamed sources (person, organization, unnamed)"
            )
            return
        slug = slug or self._claimant_slugs.get(name) or slugify(name)[:100] or "claimant"
        self._new_claimant(row, {"slug": slug, "name": name, "kind": kind})

    def _new_claimant(self, row: Row, values: dict):
        earlier = self.new_claimants.setdefault(values["slug"], {**values, "row": row.number})
        if (earlier["name"], earlier["kind"]) != (values["name"], values["kind"]):
            row.errors.append(
                f"claimant: row {earlier['row']} creates claimant “{values['slug']}” as "
                f"“{earlier['name']}” ({earlier['kind']}); this row says “{values['name']}” "
                f"({values['kind']})"
            )
        elif len(values["name"]) > 200:
            row.errors.append("claimant: a name has at most 200 characters")
        row.claimant = values

    def _topics(self, row: Row):
        for name in row.topics:
            if name not in self.known.topics:
                if len(name) > 100:
                    row.errors.append(f"topics: “{name[:40]}…” is longer than 100 characters")
                self.new_topics.add(name)

    def _evidence(self, row: Row):
        slug, url = row.keys["article_slug"], row.keys["article_url"]
        if not row.quote:
            return
        row.article_key = slug or url
        incoming = self.incoming.get(slug) or self.incoming_at.get(url)
        known = self.known
        article = (
            incoming.article if incoming else known.articles.get(slug) or known.articles_at.get(url)
        )
        if article is None:
            row.errors.append(
                f"quote: its article ({slug or url or 'no first_article_slug or URL'}) is not "
                "in this database or in the file's articles; add the article, with its text"
            )
        elif not article.text or find_quote(article.text, row.quote) is None:
            row.errors.append(f"quote: it does not occur in the text of “{article.title}”")
        row.article = article

    def _validate(self, row: Row):
        """The model's own field rules (lengths, choices) and the constraints a database
        would refuse, checked here so that the error names its row."""
        claim = Claim(slug=row.slug, **row.values)
        # Field rules only: the slug was found free (former addresses included) by Slugs,
        # which is what Claim.clean() would ask the database row by row.
        try:
            claim.clean_fields(exclude=["claimant", "topics", "version"])
        except ValidationError as exc:
            row.errors.append(messages(exc))
        check_by, made_on = row.values["check_by"], row.values["made_on"]
        if check_by and made_on and check_by < made_on:
            row.errors.append(f"check_by: {check_by} is before the claim was made ({made_on})")

    def _action(self, row: Row) -> str:
        claim = row.claim
        if claim is None:
            return "new"
        row.changed = [name for name, value in row.values.items() if getattr(claim, name) != value]
        if row.claimant.get("object") != claim.claimant:
            row.changed.append("claimant")
        if self.matched.topics.get(claim.pk, set()) != set(row.topics):
            row.changed.append("topics")
        current = self.matched.quotes.get(claim.pk, {})
        stored_quote = _quote_of(current, row.article) if row.quote and row.article.pk else None
        if row.quote and (row.article.pk is None or stored_quote != row.quote):
            row.changed.append("quote")
            row.quote_replaced = stored_quote is not None
        latest = self.matched.latest.get(claim.pk)
        if row.outcome and (latest is None or outcome_values(latest) != row.outcome):
            row.changed.append("outcome")
            key = ("decided_on", "verdict")
            row.outcome_replaced = latest is not None and all(
                getattr(latest, k) == row.outcome[k] for k in key
            )
        if row.changed and claim.is_published:
            row.errors.extend(published.review(row, self.user))
            if row.errors:
                return "error"
        return "update" if row.changed else "unchanged"


def _quote_of(quotes: dict[int, Appearance], article: Article) -> str | None:
    appearance = quotes.get(article.pk)
    return appearance.quote if appearance else None


def outcome_values(outcome: Outcome) -> dict:
    return {k: getattr(outcome, k) for k in ("verdict", "decided_on", "explanation")}
