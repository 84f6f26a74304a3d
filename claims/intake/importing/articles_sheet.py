"""The articles that come with an import (a workbook's `articles` sheet, or a second CSV):
each row new, an update (matched by slug, else by URL) or unchanged, validated as the admin
validates an article; their text is what the claims' quotes are checked against."""

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from claims.intake.importing.cells import Cells
from claims.intake.importing.lookups import by
from claims.intake.importing.records import messages
from claims.intake.importing.table import EXTRA, Table, TableError
from claims.models import Article, DatePrecision

COLUMNS = ["slug", "title", "outlet", "byline", "url", "date", "date_precision", "text"]
FIELDS = {  # column: model field
    "title": "title",
    "outlet": "publication",
    "byline": "byline",
    "url": "url",
    "date": "published_on",
    "date_precision": "published_on_precision",
    "text": "text",
}


@dataclass
class ArticleRow:
    number: int
    slug: str = ""
    action: str = "error"
    errors: list[str] = field(default_factory=list)
    article: Article | None = None  # the article as it will be (unsaved when new or changed)
    changed: list[str] = field(default_factory=list)
    before: dict = field(default_factory=dict)  # the stored values an update replaces


def read_articles(table: Table) -> tuple[list[ArticleRow], list[str]]:
    """The sheet's rows, and its unknown columns."""
    check_article_columns(table)
    rows = list(table.numbered())
    slugs = {Cells(r, []).text("slug") for _, r in rows}
    urls = {Cells(r, []).text("url") for _, r in rows}
    stored, stored_at = by(Article, "slug", slugs), by(Article, "url", urls)
    seen: dict[str, int] = {}
    result = [_row(n, r, stored, stored_at, seen) for n, r in rows]
    return result, [c for c in table.header if c not in COLUMNS]


def check_article_columns(table: Table):
    if "title" not in table.header or not {"slug", "url"} & set(table.header):
        raise TableError(
            f"{table.name}: an articles sheet needs the columns title and slug (or url); "
            f"its columns are: {', '.join(COLUMNS)}."
        )


def _row(number, cells, stored, stored_at, seen) -> ArticleRow:
    row = ArticleRow(number)
    cell = Cells(cells, row.errors)
    slug, url = cell.text("slug"), cell.text("url")
    if cells.get(EXTRA):
        row.errors.append(f"has {len(cells[EXTRA])} more cell(s) than the header has columns")
    existing = stored.get(slug) or stored_at.get(url)
    row.slug = existing.slug if existing else slug or slugify(cell.text("title"))[:100]
    for key in filter(None, (row.slug, url and f"url {url}")):
        if key in seen:
            row.errors.append(f"repeats article row {seen[key]} ({key})")
        seen.setdefault(key, number)
    values = _values(cells, cell)
    article = Article(slug=row.slug) if existing is None else _copy(existing)
    row.before = {name: getattr(article, name) for name in values} if existing else {}
    for name, value in values.items():
        setattr(article, name, value)
    row.changed = [n for n in values if existing and getattr(existing, n) != values[n]]
    if existing is None or row.changed:  # an unchanged stored article was valid already
        _validate(article, existing, row)
    row.article = article
    if not row.errors:
        row.action = "new" if existing is None else "update" if row.changed else "unchanged"
    return row


def _values(cells: dict, cell: Cells) -> dict:
    values = {}
    for column, name in FIELDS.items():
        if column not in cells:
            continue
        if column == "text":  # kept byte for byte: quotes are checked against it
            values[name] = cells[column]
        elif column == "date":
            values[name] = cell.date("date")
        elif column == "date_precision":
            values[name] = cell.choice("date_precision", DatePrecision) or DatePrecision.DAY
        else:
            values[name] = cell.text(column)
    return values


def _copy(article: Article) -> Article:
    return copy.copy(article)  # the stored one stays as it is, for comparison


def _validate(article: Article, existing: Article | None, row: ArticleRow):
    # A new article's slug and URL were looked up already (none is stored); an update runs
    # every check against the database, the orphaned-quote one (clean) included.
    checked = existing is not None
    try:
        article.full_clean(
            exclude=["version"], validate_unique=checked, validate_constraints=checked
        )
    except ValidationError as exc:
        row.errors.append(messages(exc))
