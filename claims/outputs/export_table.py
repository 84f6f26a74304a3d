"""The whole published record's export rows, kept in a table on PostgreSQL.

Computing every row afresh (each claim's first quote, latest outcome and topics, then a
sort of 950k wide rows) took 17-20 s at 1M claims; reading them from a table in its
index's order takes a third of that, beside a COPY of the plain claim columns
(bench/README.md). The table (migration 0025) holds one row per claim of the public list,
each cell as the export writes it (formula-safe), the detail link without the site's
address.

Triggers mark each claim whose row may be out of date, whatever wrote the change (a form,
a queryset, a bulk load, psql). Before an export reads the table, `refresh` recomputes the
marked claims' rows with the live export's own query, in one repeatable-read transaction:
the marks it clears are exactly those its snapshot saw, so a change committed meanwhile
stays marked for the next refresh. Refreshes take turns (an advisory lock). After a bulk
load (many marks, or a NULL mark: a table truncated, the table just created) every row is
rebuilt at once, the whole-record way (claims.outputs.export), by the task worker: that
takes ~30 s at 1M, which a request used to wait before its first byte (42 s); meanwhile
exports are streamed live, claim by claim in the list's index order, so the first byte comes
at once (bench/README.md).

A filtered export of the public list reads the same rows: the filter chooses the claims
and their order (a row number over its own ORDER BY), the table gives their cells. One
topic's 7,148 claims took 0.47-1.14 s computed claim by claim (bench/README.md).
"""

from django.db import connections, router, transaction
from django.db.models import BooleanField, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django_tasks import task

from claims.background import queue
from claims.models import Claim
from claims.outputs.export import (
    COLUMNS,
    copy_stream,
    csv_response,
    csv_stream,
    download,
    export_rows,
    url_prefix,
    whole_record_sql,
)
from claims.pages.filters import ClaimFilter
from claims.vendor import is_postgresql

# pg_advisory_lock's key for refreshes (any constant no other lock in the site uses).
REFRESH_LOCK = 7_140_515
# Past this many marked claims, rebuilding every row (~29 s at 1M) beats recomputing
# them claim by claim (10,000 in ~1.1 s; bench/README.md).
REBUILD_AFTER = 100_000
_STALE = "SELECT claim_id FROM claims_exportstale"
_COUNT_MARKS = (
    "SELECT count(DISTINCT claim_id), coalesce(bool_or(claim_id IS NULL), false) "
    "FROM claims_exportstale"
)
_ANY_MARK = "SELECT EXISTS (SELECT FROM claims_exportstale)"
# A bulk load's worth of marks: a NULL mark, or more marks than REBUILD_AFTER (read with a
# LIMIT: counting a million marks would cost what it saves).
_BULK_MARKS = (
    "SELECT EXISTS (SELECT FROM claims_exportstale WHERE claim_id IS NULL) OR "
    "(SELECT count(*) FROM (SELECT FROM claims_exportstale LIMIT %s) AS marks) > %s"
)
_COPY = "COPY ({}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)"
_DROP_MARKED = "DELETE FROM claims_exportrow WHERE id IN (SELECT claim_id FROM claims_exportstale)"


def whole_record_stream(prefix: str, using: str | None = None):
    """The CSV of the whole public list, unfiltered, its detail links starting at `prefix`.
    On PostgreSQL read from the kept rows, brought up to date first, on the primary: read on
    a replica that has not caught up with the refresh, the new claims' rows would be missing."""
    using = using or router.db_for_read(Claim)
    if not is_postgresql(using):
        return csv_stream(public_claims(using), prefix)
    primary = router.db_for_write(Claim)
    if not rows_ready(primary):
        return live_copy(public_claims(primary), prefix)
    return copy_stream(primary, copy_statement(COLUMNS), [prefix])


def whole_record_response(request, using: str):
    """The unfiltered export as a download, read from `using` (a reader's: a replica)."""
    return download(whole_record_stream(url_prefix(request), using), request)


def filtered_response(queryset, request):
    """A filtered export of public claims (`queryset`, a filter of the public list, in its
    order) as a download; on PostgreSQL read from the kept rows."""
    queryset = queryset.using(queryset.db)  # a reader's database: chosen now (csv_response)
    if not is_postgresql(queryset):
        return csv_response(queryset, request)
    primary = router.db_for_write(Claim)  # where the rows are refreshed is where they are read
    if not rows_ready(primary):
        return download(live_copy(queryset.using(primary), url_prefix(request)), request)
    chosen_sql, params = _chosen(queryset.using(primary)).query.sql_with_params()
    statement = copy_statement(COLUMNS, chosen_sql)
    return download(copy_stream(primary, statement, [url_prefix(request), *params]), request)


def _chosen(queryset):
    """(claim id, position) of the claims `queryset` lists, numbered in its order."""
    ordering = list(queryset.query.order_by or Claim._meta.ordering)
    numbered = queryset.annotate(export_position=Window(RowNumber(), order_by=ordering))
    return numbered.order_by().values_list("pk", "export_position")


def public_claims(using: str = "default"):
    """The claims the unfiltered export lists, in its order (the public list, unfiltered)."""
    return ClaimFilter({}, queryset=Claim.objects.using(using).published()).qs


def live_copy(queryset, prefix: str):
    """The CSV of `queryset`'s claims computed claim by claim, in its order: its first rows
    come at once when the order is an index's (the public list's is)."""
    sql, params = export_rows(queryset, prefix).query.sql_with_params()
    return copy_stream(queryset.db, _COPY.format(sql), params)


def rows_ready(using: str) -> bool:
    """Bring the kept rows up to date for a request and say True; after a bulk load, queue
    their rebuild for the task worker and say False (the request exports live meanwhile)."""
    with connections[using].cursor() as cursor:
        cursor.execute(_BULK_MARKS, [REBUILD_AFTER + 1, REBUILD_AFTER])
        bulk = cursor.fetchone()[0]
    if bulk:
        queue(rebuild, using)
        return False
    refresh(using)
    return True


@task()
def rebuild(using: str = "default") -> int:
    """The kept rows brought up to date in the background (after a bulk load)."""
    return refresh(using)


def refresh(using: str = "default") -> int:
    """Bring the rows of every marked claim up to date; how many marks it cleared."""
    connection = connections[using]
    with connection.cursor() as cursor:
        # Nothing marked, nothing to do: a mark goes only in the commit that brings its
        # claim's row up to date, so no marks seen means every committed change is in.
        cursor.execute(_ANY_MARK)
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT pg_advisory_lock(%s)", [REFRESH_LOCK])
        try:
            with transaction.atomic(using=using):
                # Only as a transaction's first statement; inside an outer transaction (a
                # test's) that one's isolation holds, and no refresh runs beside it.
                if not connection.savepoint_ids:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                return _recompute(cursor, using)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [REFRESH_LOCK])


def _recompute(cursor, using: str) -> int:
    cursor.execute(_COUNT_MARKS)
    marked, everything = cursor.fetchone()
    if not marked and not everything:
        return 0
    claims = public_claims(using)
    if everything or marked > REBUILD_AFTER:
        cursor.execute("TRUNCATE claims_exportrow")
        sql, params = whole_record_sql(export_rows(claims, "", whole=True))
    else:
        cursor.execute(_DROP_MARKED)
        # Constant SQL, no input.
        marked_claims = RawSQL(f'"claims_claim"."id" IN ({_STALE})', [], BooleanField())  # noqa: S611
        sql, params = export_rows(claims.filter(marked_claims), "").query.sql_with_params()
    cursor.execute("INSERT INTO claims_exportrow " + sql, params)
    cursor.execute("DELETE FROM claims_exportstale")
    return cursor.rowcount


def copy_statement(columns: list[str], chosen_sql: str | None = None) -> str:
    """COPY of the table in the export's order, or of the claims `chosen_sql` selects
    (claim id, position) in its order. The first parameter is where the detail links start
    (this site's list address); `chosen_sql`'s own follow."""
    cells = ", ".join("%s || detail_url" if name == "detail_url" else name for name in columns)
    if chosen_sql is None:
        rows = " FROM claims_exportrow ORDER BY date_made DESC, id DESC"
    else:
        rows = (
            f" FROM claims_exportrow JOIN ({chosen_sql}) AS chosen(claim_id, position)"
            " ON chosen.claim_id = claims_exportrow.id ORDER BY chosen.position"
        )
    query = "SELECT " + cells + rows  # noqa: S608 (the export's own column names and query)
    return "COPY (" + query + ") TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)"
