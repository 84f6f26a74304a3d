"""Importing claims from a table with the CSV export's own columns (README, "CSV export").

`preview()` reads every row and says what it would do, writing nothing: each row is new,
an update (matched by `id`, else by the slug in `detail_url`), unchanged, or an error in
words (row number, column, what is wrong, what is expected). `apply()` then writes all rows
or none, in one transaction, through the record loader and the workflow. Imported claims
are drafts unless publishing is asked for; a published claim is never changed by an import
(its changes go through the admin, where they are recorded publicly).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from claims import workflow
from claims.export import COLUMNS
from claims.importing.records import LoadError, RecordLoader
from claims.importing.table import EXTRA, Table, unguard
from claims.models import (
    Article,
    Claim,
    Claimant,
    ClaimantKind,
    ClaimKind,
    DatePrecision,
    FormerSlug,
    Topic,
    Verdict,
)
from claims.params import iso_date
from claims.quotes import find_quote

REQUIRED = ["claim", "kind", "date_made"]
# Columns the export writes that an import reads only to find things, or not at all.
IGNORED = {"verdict_label", "first_article_title", "first_article_outlet"}


@dataclass
class Row:
    number: int  # the line in the file (the header is line 1)
    errors: list[str] = field(default_factory=list)
    action: str = "error"
    slug: str = ""
    claim: Claim | None = None
    values: dict = field(default_factory=dict)
    claimant: dict = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    article: Article | None = None
    quote: str = ""
    outcome: dict | None = None
    changed: list[str] = field(default_factory=list)


@dataclass
class Preview:
    table: Table
    rows: list[Row]
    unknown_columns: list[str]
    new_claimants: list[str]
    new_topics: list[str]

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    @property
    def errors(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.errors


def preview(table: Table) -> Preview:
    missing = [name for name in REQUIRED if name not in table.header]
    if "claimant" not in table.header and "claimant_slug" not in table.header:
        missing.append("claimant (or claimant_slug)")
    if missing:
        raise LoadError(
            f"{table.name}: missing column(s) {', '.join(missing)}; the columns are the "
            f"export's: {', '.join(COLUMNS)}."
        )
    reader = _RowReader()
    rows = [reader.read(number, cells) for number, cells in enumerate(table.rows, start=2)]
    unknown = [name for name in table.header if name not in COLUMNS]
    return Preview(table, rows, unknown, sorted(reader.new_claimants), sorted(reader.new_topics))


class _RowReader:
    """Reads rows one by one, remembering what earlier rows claimed (duplicates, new slugs)."""

    def __init__(self):
        self.seen: dict[str, int] = {}
        self.new_claimants: set[str] = set()
        self.new_topics: set[str] = set()
        self.taken_slugs: set[str] = set()

    def read(self, number: int, cells: dict) -> Row:
        row = Row(number)
        cell = _Cells(cells, row.errors)
        if cells.get(EXTRA):
            row.errors.append(f"has {len(cells[EXTRA])} more cell(s) than the header has columns")
        self._claim_fields(cell, row)
        self._claimant(cell, row)
        self._evidence(cell, row)
        self._outcome(cell, row)
        self._match(cell, row)
        if not row.errors:
            row.action = _action(row)
        return row

    def _claim_fields(self, cell, row):
        row.values = {
            "text": cell.text("claim", required=True),
            "claimant_role": cell.text("role"),
            "kind": cell.choice("kind", ClaimKind, required=True),
            "made_on": cell.date("date_made", required=True),
            "made_on_precision": cell.choice("date_precision", DatePrecision) or "day",
            "check_by": cell.date("check_by"),
        }
        row.topics = [t.strip() for t in cell.text("topics").split(";") if t.strip()]
        known = set(Topic.objects.filter(name__in=row.topics).values_list("name", flat=True))
        self.new_topics.update(t for t in row.topics if t not in known)

    def _claimant(self, cell, row):
        slug, name = cell.text("claimant_slug"), cell.text("claimant")
        kind = cell.choice("claimant_kind", ClaimantKind)
        existing = Claimant.objects.filter(slug=slug).first() if slug else None
        if existing is None and not slug and name:
            matches = list(Claimant.objects.filter(name=name)[:2])
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
                "organization or unnamed sources"
            )
            return
        row.claimant = {"slug": slug or slugify(name)[:100], "name": name, "kind": kind}
        self.new_claimants.add(name)

    def _evidence(self, cell, row):
        row.quote = cell.text("quote")
        slug, url = cell.text("first_article_slug"), cell.text("first_article_url")
        if not row.quote:
            return
        article = Article.objects.filter(slug=slug).first() if slug else None
        article = article or (Article.objects.filter(url=url).first() if url else None)
        if article is None:
            row.errors.append(
                f"quote: its article ({slug or url or 'no first_article_slug or URL'}) is not "
                "in this database; add the article, with its text, first"
            )
        elif not article.text or find_quote(article.text, row.quote) is None:
            row.errors.append(f"quote: it does not occur in the text of “{article.title}”")
        row.article = article

    def _outcome(self, cell, row):
        verdict = cell.choice("verdict", Verdict) or Verdict.PENDING
        if verdict == Verdict.PENDING:
            return
        decided_on = cell.date("verdict_date", required=True)
        explanation = cell.text("outcome_explanation")
        if not explanation:
            row.errors.append("outcome_explanation: a verdict needs its explanation")
        row.outcome = {"verdict": verdict, "decided_on": decided_on, "explanation": explanation}

    def _match(self, cell, row):
        raw_id = cell.text("id")
        claim = (
            Claim.objects.filter(pk=int(raw_id)).first()
            if raw_id.isascii() and raw_id.isdigit()
            else None
        )
        slug = cell.text("detail_url").rstrip("/").rsplit("/", 1)[-1]
        if claim is None and slug:
            claim = Claim.objects.filter(slug=slug).first()
            former = FormerSlug.objects.filter(slug=slug).select_related("claim").first()
            claim = claim or (former.claim if former else None)
        if claim is not None and claim.merged_into_id:
            row.errors.append(
                f"matches claim {claim.pk}, which was merged into claim {claim.merged_into_id}; "
                "import onto that one instead"
            )
        key = f"claim {claim.pk}" if claim else f"slug {slug}" if slug else None
        if key and key in self.seen:
            row.errors.append(f"repeats row {self.seen[key]} (the same claim)")
        if key:
            self.seen.setdefault(key, row.number)
        row.claim = claim
        row.slug = claim.slug if claim else self._new_slug(slug, row.values.get("text") or "")

    def _new_slug(self, given: str, text: str) -> str:
        base = slugify(given or text)[:90] or "claim"
        slug, n = base, 1
        while slug in self.taken_slugs or Claim.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        self.taken_slugs.add(slug)
        return slug


class _Cells:
    """A row's cells read as the import reads them; each problem is added to `errors`."""

    def __init__(self, cells: dict, errors: list[str]):
        self.cells, self.errors = cells, errors

    def text(self, name: str, required=False) -> str:
        value = unguard((self.cells.get(name) or "").strip())
        if required and not value:
            self.errors.append(f"{name}: empty; it is required")
        return value

    def date(self, name: str, required=False):
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return iso_date(value)
        except ValueError:
            self.errors.append(f"{name}: “{value}” is not a date written YYYY-MM-DD")
            return None

    def choice(self, name: str, choices, required=False) -> str:
        value = self.text(name, required=required)
        if value and value not in choices.values:
            self.errors.append(f"{name}: “{value}” is not one of {', '.join(choices.values)}")
            return ""
        return value


def _action(row: Row) -> str:
    claim = row.claim
    if claim is None:
        return "new"
    row.changed = [name for name, value in row.values.items() if getattr(claim, name) != value]
    if row.claimant.get("object") != claim.claimant:
        row.changed.append("claimant")
    if sorted(claim.topics.values_list("name", flat=True)) != sorted(row.topics):
        row.changed.append("topics")
    quotes = set(claim.appearances.values_list("article_id", "quote"))
    if row.quote and (row.article.pk, row.quote) not in quotes:
        row.changed.append("quote")
    latest = claim.outcomes.order_by("-decided_on", "-pk").first()
    if row.outcome and (latest is None or _outcome_of(latest) != row.outcome):
        row.changed.append("outcome")
    if row.changed and claim.is_published:
        row.errors.append(
            f"claim {claim.pk} is published: change it in the admin, where the change is "
            f"shown publicly ({', '.join(row.changed)} differ)"
        )
        return "error"
    return "update" if row.changed else "unchanged"


def _outcome_of(outcome) -> dict:
    return {k: getattr(outcome, k) for k in ("verdict", "decided_on", "explanation")}


def apply(plan: Preview, *, user=None, publish=False) -> Counter:
    """Write every row of a clean preview, all or nothing. `user` is who imports (None for
    the command line); publishing needs a user who may publish, or the command line."""
    if not plan.ok:
        raise LoadError(f"{len(plan.errors)} row(s) have errors; nothing was imported.")
    if publish and user is not None and not workflow.can_publish(user):
        raise LoadError("Only a chief editor can publish on import; nothing was imported.")
    loader = RecordLoader(f"Imported from {plan.table.name}"[:100])
    with transaction.atomic():
        for row in plan.rows:
            if row.action in ("new", "update"):
                _write(loader, row, f"row {row.number}", user, publish)
    return loader.counts


def _write(loader: RecordLoader, row: Row, where: str, user, publish: bool):
    claimant = row.claimant.get("object") or loader.claimant(
        row.claimant["slug"], {"name": row.claimant["name"], "kind": row.claimant["kind"]}, where
    )
    topics = {_topic(loader, name, where) for name in row.topics}
    claim = loader.claim(row.slug, {**row.values, "claimant": claimant}, topics, where)
    if row.quote:
        loader.appearance(claim, row.article, {"quote": row.quote}, where)
    if row.outcome:
        loader.outcome(claim, row.outcome, None, where)
    if publish:
        loader.set_status(claim, "published", where, user=user)


def _topic(loader: RecordLoader, name: str, where: str) -> Topic:
    existing = Topic.objects.filter(name=name).first()
    if existing:
        return existing
    base = slugify(name)[:90] or "topic"
    slug, n = base, 1
    while Topic.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return loader.topic(slug, name, where)
