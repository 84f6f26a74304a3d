"""Previewing an import of claims from a table with the CSV export's own columns (README,
"CSV export"), with the articles that come with it.

`preview()` reads every row and says what it would do, writing nothing: each row is new,
an update (matched by `id`, else by the slug in `detail_url`), unchanged, or an error in
words (row number, column, what is wrong, what is expected). `claims.intake.importing.writing`
then writes a clean preview, all rows or none. A change to a published claim is asked of the
workflow, as in the admin (claims.intake.importing.published).
"""

from collections import Counter
from dataclasses import dataclass, field

from claims import workflow
from claims.intake.importing import published
from claims.intake.importing.articles_sheet import ArticleRow, read_articles
from claims.intake.importing.cells import Cells
from claims.intake.importing.matching import Resolver
from claims.intake.importing.records import LoadError
from claims.intake.importing.row import Row
from claims.intake.importing.table import EXTRA, Table
from claims.models import (
    ClaimantKind,
    ClaimKind,
    DatePrecision,
    Verdict,
    needs_criteria,
)
from claims.outputs.export import COLUMNS

REQUIRED = ["claim", "kind", "date_made"]
# Columns a ClaimReview import adds: the review's page, kept as the outcome's evidence.
EVIDENCE = ["evidence_url", "evidence_title", "evidence_date"]
ACTIONS = ("new", "update", "unchanged", "error")


@dataclass
class Preview:
    name: str
    encoding: str
    rows: list[Row]
    unknown_columns: list[str]
    new_claimants: list[str]
    new_topics: list[str]
    articles: list[ArticleRow] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    @property
    def article_counts(self) -> Counter:
        return Counter(row.action for row in self.articles)

    @property
    def errors(self) -> list:
        return [row for row in [*self.articles, *self.rows] if row.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict:
        counts = self.counts
        return {action: counts[action] for action in ACTIONS} | {
            "articles": dict(self.article_counts),
            "new_claimants": len(self.new_claimants),
            "new_topics": len(self.new_topics),
        }


def preview(
    table: Table,
    articles: Table | None = None,
    notes=None,
    problems=None,
    publish=False,
    user=None,
) -> Preview:
    """`notes` and `problems`, when given, are each row's notes and errors (by index) from a
    format that was mapped onto these columns (ClaimReview). `publish`: the rows are to be
    published, so each must meet what publishing asks of it. `user`: who imports (None from
    the command line), for the workflow's rules on published claims."""
    check_columns(table)
    article_rows, unknown_articles = read_articles(articles) if articles else ([], [])
    rows = []
    for index, (number, cells) in enumerate(table.numbered()):
        rows.append(_parse(number, cells))
        if notes:
            rows[-1].notes.extend(notes[index])
        if problems:
            rows[-1].errors.extend(problems[index])
    resolver = Resolver(rows, article_rows, user)
    for row in rows:
        resolver.resolve(row)
        if publish:
            _check_publishable(row)
    known = set(COLUMNS) | set(EVIDENCE) | {published.NOTE_COLUMN}
    unknown = [name for name in table.header if name not in known]
    unknown += [f"articles: {name}" for name in unknown_articles]
    return Preview(
        table.name,
        table.encoding,
        rows,
        unknown,
        sorted(c["name"] for c in resolver.new_claimants.values()),
        sorted(resolver.new_topics),
        article_rows,
    )


def check_columns(table: Table):
    missing = [name for name in REQUIRED if name not in table.header]
    if "claimant" not in table.header and "claimant_slug" not in table.header:
        missing.append("claimant (or claimant_slug)")
    if missing:
        raise LoadError(
            f"{table.name}: missing column(s) {', '.join(missing)}; the columns are the "
            f"export's: {', '.join(COLUMNS)}."
        )


def _parse(number: int, cells: dict) -> Row:
    """What a row says, read without the database."""
    row = Row(number)
    cell = Cells(cells, row.errors)
    if cells.get(EXTRA):
        row.errors.append(f"has {len(cells[EXTRA])} more cell(s) than the header has columns")
    row.values = {
        "text": cell.text("claim", required=True),
        "claimant_role": cell.text("role"),
        "kind": cell.choice("kind", ClaimKind, required=True),
        "made_on": cell.date("date_made", required=True),
        "made_on_precision": cell.choice("date_precision", DatePrecision) or DatePrecision.DAY,
        "check_by": cell.date("check_by"),
    }
    if "resolution_criteria" in cells:  # optional: a file without it keeps what is stored
        row.values["resolution_criteria"] = cell.text("resolution_criteria")
    row.topics = sorted({t.strip() for t in cell.text("topics").split(";") if t.strip()})
    row.quote = cell.text("quote")
    row.note = cell.text(published.NOTE_COLUMN)
    raw_id = cell.text("id")
    row.keys = {
        "claimant_slug": cell.text("claimant_slug"),
        "claimant": cell.text("claimant"),
        "claimant_kind": cell.choice("claimant_kind", ClaimantKind),
        "article_slug": cell.text("first_article_slug"),
        "article_url": cell.text("first_article_url"),
        "id": int(raw_id) if raw_id.isascii() and raw_id.isdigit() else None,
        "slug": cell.text("detail_url").rstrip("/").rsplit("/", 1)[-1],
    }
    if raw_id and row.keys["id"] is None:
        row.errors.append(f"id: “{raw_id}” is not a claim id (a whole number)")
    _outcome(cell, row)
    _evidence_link(cell, row)
    return row


def _check_publishable(row: Row):
    stored = row.claim.resolution_criteria if row.claim else ""
    criteria = row.values.get("resolution_criteria", stored)
    if needs_criteria(row.values["kind"], criteria):
        row.errors.append(f"resolution_criteria: empty. {workflow.NO_CRITERIA}")


def _outcome(cell, row):
    verdict = cell.choice("verdict", Verdict) or Verdict.PENDING
    if verdict == Verdict.PENDING:
        return
    decided_on = cell.date("verdict_date", required=True)
    explanation = cell.text("outcome_explanation")
    if not explanation:
        row.errors.append("outcome_explanation: a verdict needs its explanation")
    made_on = row.values["made_on"]
    if decided_on and made_on and decided_on < made_on:
        row.errors.append(
            f"verdict_date: {decided_on} is before the claim was made ({made_on}); an outcome "
            "cannot come first"
        )
    row.outcome = {"verdict": verdict, "decided_on": decided_on, "explanation": explanation}


def _evidence_link(cell, row):
    url = cell.text("evidence_url")
    if url and row.outcome:
        title = cell.text("evidence_title") or url
        row.evidence = {
            "url": url,
            "title": title[:300],
            "published_on": cell.date("evidence_date"),
        }
