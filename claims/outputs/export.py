"""CSV export of claims, streamed so memory stays flat at any size. (Past 300 lines on
purpose: the one query every export path shares, its formula guard in Python and in SQL, and
the two ways it is streamed; split, the paths would drift apart.)

Every column is computed by one SQL query (`export_rows`). On PostgreSQL that query runs
inside `COPY (…) TO STDOUT WITH CSV`, with the formula neutralising done in SQL, and the
database's own CSV is streamed to the client chunk by chunk; elsewhere the same query is
iterated in chunks and written with Python's csv module.
"""

import csv
import logging
import re

from django.conf import settings
from django.db import connections
from django.db.models import Case, F, Func, OuterRef, Subquery, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from claims.models import Appearance, ClaimKind, Outcome, Verdict, verdict_label
from claims.models.evidence import EARLIEST_FIRST
from claims.vendor import is_postgresql

COLUMNS = [
    "id",
    "detail_url",
    "claim",
    "claimant",
    "role",
    "kind",
    "date_made",
    "date_precision",
    "check_by",
    "resolution_criteria",
    "verdict",
    "verdict_label",
    "verdict_date",
    "outcome_explanation",
    "topics",
    "first_article_title",
    "first_article_outlet",
    "first_article_url",
    "quote",
    "claimant_slug",
    "claimant_kind",
    "first_article_slug",
]
# Columns an editor or a source wrote, which could start with a formula character.
FREE_TEXT = {
    "claim",
    "claimant",
    "role",
    "resolution_criteria",
    "outcome_explanation",
    "topics",
    "first_article_title",
    "first_article_outlet",
    "first_article_url",
    "quote",
}

# OWASP CSV injection: a cell starting with one of these could run as a formula. Spreadsheets
# skip white space and invisible characters (a BOM, zero-width spaces) before the first one,
# so the guard looks at the first visible character; and every field is quoted, so a
# spreadsheet that splits on ";" cannot start a new cell inside one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet may skip before the first visible character, written out code point by
# code point (never \s: Python's and PostgreSQL's differ, and both paths must guard alike):
# controls and spaces, the soft hyphen, the combining grapheme joiner, the Arabic letter mark,
# the Hangul fillers, every Unicode space, format and bidi character, variation selectors, the
# byte-order mark and the tag characters.
_INVISIBLE = (
    r"\u0001-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u180e"
    r"\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0"
    r"\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
# = + - @, their fullwidth and small forms, and the minus sign: LibreOffice and Excel read
# the fullwidth ones as the ASCII operators in some locales.
_TRIGGERS = r"=+@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212-"
FORMULA_PATTERN = rf"^([\t\r]|[{_INVISIBLE}]*[{_TRIGGERS}])"
_FORMULA = re.compile(FORMULA_PATTERN)
CHUNK_SIZE = 2000
log = logging.getLogger("claimtrack.export")
WRITE_SIZE = 64 * 1024
UTF8_BOM = "\ufeff"  # so Excel reads the file as UTF-8

_TOPICS_SQL = {
    # A primary-key lookup per link: a plain join hashes all topics for every claim.
    "postgresql": (
        "SELECT string_agg(t.name, '; ' ORDER BY t.name) FROM claims_claim_topics ct, "
        "LATERAL (SELECT name FROM claims_topic WHERE id = ct.topic_id) t "
        'WHERE ct.claim_id = "claims_claim"."id"'
    ),
    # SQLite before 3.44 has no ORDER BY in group_concat: aggregate an ordered subquery.
    "default": (
        "SELECT group_concat(name, '; ') FROM (SELECT t.name FROM claims_topic t "
        'JOIN claims_claim_topics ct ON ct.topic_id = t.id WHERE ct.claim_id = "claims_claim"."id" '
        "ORDER BY t.name)"
    ),
}


# The whole published record at once (the file of claims.outputs.export_file, an unfiltered
# download), on PostgreSQL: each claim's first quote, latest outcome and topics are read
# once for all claims (DISTINCT ON, GROUP BY; then hash joins) rather than looked up claim by
# claim: 949,983 rows in ~18 s instead of ~60 (bench/README.md). A filtered export keeps
# the lookups: for a few thousand claims they are quicker than reading every quote. The
# orders are those of EARLIEST_FIRST and of the latest outcome below.
_WHOLE_RECORD = {
    "export_first": (
        "SELECT DISTINCT ON (ap.claim_id) ap.claim_id, ap.quote, a.title, a.publication, "
        "a.url, a.slug FROM claims_appearance ap JOIN claims_article a ON a.id = ap.article_id "
        "ORDER BY ap.claim_id, a.published_on ASC NULLS LAST, ap.id"
    ),
    "export_latest": (
        "SELECT DISTINCT ON (claim_id) claim_id, explanation FROM claims_outcome "
        "ORDER BY claim_id, decided_on DESC, id DESC"
    ),
    "export_topics": (
        "SELECT ct.claim_id, string_agg(t.name, '; ' ORDER BY t.name) AS names "
        "FROM claims_claim_topics ct JOIN claims_topic t ON t.id = ct.topic_id "
        "GROUP BY ct.claim_id"
    ),
}
_FROM_WHOLE_RECORD = {
    "outcome_explanation": "export_latest.explanation",
    "topics": "export_topics.names",
    "first_article_title": "export_first.title",
    "first_article_outlet": "export_first.publication",
    "first_article_url": "export_first.url",
    "quote": "export_first.quote",
    "first_article_slug": "export_first.slug",
}


def neutralise(value) -> str:
    """A cell that a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text


class NeutraliseFormula(Func):
    """neutralise() in PostgreSQL: prefix a leading formula character with a quote."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        # The same pattern as neutralise(); PostgreSQL's regular expressions read \s and
        # \uXXXX alike. The quote goes before the whole cell, as in Python.
        super().__init__(expression, Value(FORMULA_PATTERN), Value("'\\1"))


def _columns(vendor: str, url_prefix: str) -> dict:
    first = Appearance.objects.filter(claim=OuterRef("pk")).order_by(*EARLIEST_FIRST)
    latest = Outcome.objects.filter(claim=OuterRef("pk")).order_by("-decided_on", "-pk")
    # Each kind's verdict in its own words ("Kept", "Came true"), as the pages say it.
    labels = [
        When(kind=kind, verdict=v.value, then=Value(verdict_label(v.value, kind)))
        for kind in ClaimKind.values
        for v in Verdict
    ]
    return {
        "id": F("pk"),
        "detail_url": Concat(Value(url_prefix), "slug", Value("/"), output_field=TextField()),
        "claim": F("text"),
        "claimant": F("claimant__name"),
        "role": F("claimant_role"),
        "kind": F("kind"),
        "date_made": F("made_on"),
        "date_precision": F("made_on_precision"),
        "check_by": F("check_by"),
        "resolution_criteria": F("resolution_criteria"),
        "verdict": F("verdict"),
        "verdict_label": Case(*labels, default=Value(""), output_field=TextField()),
        "verdict_date": F("verdict_on"),
        "outcome_explanation": Subquery(latest.values("explanation")[:1]),
        # Constant SQL chosen by vendor, no user input.
        "topics": RawSQL(_TOPICS_SQL.get(vendor, _TOPICS_SQL["default"]), []),  # noqa: S611
        "first_article_title": Subquery(first.values("article__title")[:1]),
        "first_article_outlet": Subquery(first.values("article__publication")[:1]),
        "first_article_url": Subquery(first.values("article__url")[:1]),
        "quote": Subquery(first.values("quote")[:1]),
        # Keys that let an import of this file find the same claimant and article again.
        "claimant_slug": F("claimant__slug"),
        "claimant_kind": F("claimant__kind"),
        "first_article_slug": Subquery(first.values("article__slug")[:1]),
    }


def export_rows(queryset, url_prefix: str, whole: bool = False):
    """One row per claim, the CSV's columns in order (formula-safe in SQL on PostgreSQL).
    `whole`: the columns read from _WHOLE_RECORD (see _whole_record_sql), PostgreSQL only."""
    vendor = connections[queryset.db].vendor
    columns = _columns(vendor, url_prefix)
    if whole:
        # Constant SQL of this module, no user input.
        columns |= {
            name: RawSQL(column, [], output_field=TextField())  # noqa: S611
            for name, column in _FROM_WHOLE_RECORD.items()
        }
    if vendor == "postgresql":
        columns = {
            name: NeutraliseFormula(Cast(expr, TextField())) if name in FREE_TEXT else expr
            for name, expr in columns.items()
        }
    names = {name: f"csv_{name}" for name in COLUMNS}
    return queryset.annotate(**{names[n]: columns[n] for n in COLUMNS}).values_list(*names.values())


class _Echo:
    def write(self, value):
        return value


def _header() -> str:
    return UTF8_BOM + csv.writer(_Echo(), quoting=csv.QUOTE_ALL).writerow(COLUMNS)


def _python_csv(rows):
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield _header()
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow([neutralise(value) for value in row])


def whole_record_sql(rows) -> tuple[str, list]:
    """The export's SQL with _WHOLE_RECORD joined in, each part once for all claims."""
    sql, params = rows.query.sql_with_params()
    # Django writes FROM claims, its claimant join, then the one WHERE (every column is a
    # field, a CASE or a parameter: no subquery of its own with a WHERE in it).
    if sql.count(" WHERE ") != 1:
        raise ValueError("the whole-record export expects one WHERE clause")
    head, condition = sql.split(" WHERE ")
    ctes = ", ".join(f"{name} AS ({body})" for name, body in _WHOLE_RECORD.items())
    joins = " ".join(
        f'LEFT JOIN {name} ON {name}.claim_id = "claims_claim"."id"' for name in _WHOLE_RECORD
    )
    return f"WITH {ctes} {head} {joins} WHERE {condition}", params


def copy_stream(using: str, statement: str, params):
    """The header, then what PostgreSQL's `COPY … TO STDOUT` `statement` writes."""
    yield _header().encode()
    connection = connections[using]
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(statement, params) as copy:
        # COPY hands over about a row at a time; send the client fewer, larger writes.
        buffer = bytearray()
        for chunk in copy:
            buffer += chunk
            if len(buffer) >= WRITE_SIZE:
                yield bytes(buffer)
                buffer.clear()
        if buffer:
            yield bytes(buffer)


def csv_stream(queryset, url_prefix: str):
    """The CSV of `queryset`'s claims."""
    rows = export_rows(queryset, url_prefix)
    if is_postgresql(rows):
        sql, params = rows.query.sql_with_params()
        statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)"
        return copy_stream(rows.db, statement, params)
    return _python_csv(rows)


def download_name(name: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}.csv"


def url_prefix(request) -> str:
    """Where the export's detail links start: this site's list address."""
    return request.build_absolute_uri(reverse("claims:list"))


def csv_response(queryset, request, name="claims") -> StreamingHttpResponse:
    """`queryset`'s claims as a download."""
    # The database is chosen now, while the request is known (a reader's export reads a
    # replica), not when the stream is read after the view has returned.
    queryset = queryset.using(queryset.db)
    return download(csv_stream(queryset, url_prefix(request)), request, name)


def download(stream, request, name="claims") -> StreamingHttpResponse:
    """A CSV `stream` as a download named after `name` and today, logged when large."""
    filename = download_name(name)
    stream = _logged(stream, request.GET.urlencode(), name)
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _logged(chunks, query: str, name: str):
    """Pass the export through, and log it when it was big (who asks for whole databases)."""
    size = 0
    for chunk in chunks:
        size += len(chunk.encode() if isinstance(chunk, str) else chunk)
        yield chunk
    if size > settings.EXPORT_LOG_BYTES:
        log.info(
            "large export", extra={"event": "export", "bytes": size, "query": query, "export": name}
        )
