"""An import from upload to undo, each step recorded on its ClaimImport: read the file
(CSV, XLSX or ClaimReview JSON, with an optional articles file), preview it, write it on
confirmation (re-read from the stored bytes, so what is written is what was shown)."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from claims import workflow
from claims.intake.importing.articles_sheet import check_article_columns
from claims.intake.importing.claimreview import read_claimreview
from claims.intake.importing.claims_file import Preview, check_columns, preview
from claims.intake.importing.records import LoadError
from claims.intake.importing.table import (
    XLSX_MAGIC,
    TableError,
    check_size,
    read_csv,
    read_workbook,
)
from claims.intake.importing.writing import Writer
from claims.models import ClaimImport, ImportFormat, ImportStatus

NOT_A_PUBLISHER = "Only a chief editor can publish on import; nothing was imported."


def format_of(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")) or data.startswith(XLSX_MAGIC):
        return ImportFormat.XLSX
    if lower.endswith((".json", ".jsonld")) or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (
        b"{",
        b"[",
    ):
        return ImportFormat.CLAIMREVIEW
    return ImportFormat.CSV


def start(name: str, data: bytes, *, user=None, publish=False, articles=None) -> ClaimImport:
    """Record an upload after checking that it can be read at all (a TableError says why
    not); `articles` is an optional (name, bytes) CSV of the articles the claims cite."""
    if publish and user is not None and not workflow.can_publish(user):
        raise LoadError(NOT_A_PUBLISHER)
    check_size(len(data), name)
    record = ClaimImport(
        file_name=name[:200], format=format_of(name, data), data=data, publish=publish
    )
    record.created_by = user
    if articles:
        record.articles_name, record.articles_data = articles[0][:200], articles[1]
    table, articles, _, _ = _tables(record)  # refuses what cannot be read as a table at all
    check_columns(table)
    if articles is not None:
        check_article_columns(articles)
    record.save()
    return record


def preview_of(record: ClaimImport) -> Preview:
    """Every row's preview, from the stored bytes; its counts are kept on the record."""
    table, articles, notes, problems = _kept_tables(record)
    plan = preview(
        table, articles, notes=notes, problems=problems, publish=record.publish,
        user=record.created_by,
    )  # fmt: skip
    if record.status == ImportStatus.PREVIEWED and record.pk is not None:
        record.counts = plan.summary()
        ClaimImport.objects.filter(pk=record.pk).update(counts=record.counts)
    return plan


def _kept_tables(record: ClaimImport):
    """The record's tables, read once per hour at most: an import's bytes never change, and
    reading a large workbook again for every view of its preview took seconds (a 10k-row
    XLSX). Its checks against the database still run on every view."""
    if record.pk is None:
        return _tables(record)
    key = f"claimtrack:import-tables:{record.pk}"
    kept = cache.get(key)
    if kept is None:
        kept = _tables(record)
        cache.set(key, kept, 3600)
    return kept


def _tables(record: ClaimImport):
    """(claims table, articles table or None, per-row notes, per-row problems)."""
    data = bytes(record.data)
    articles = None
    if record.articles_data:
        articles = read_csv(bytes(record.articles_data), record.articles_name)
    if record.format == ImportFormat.CLAIMREVIEW:
        table, notes, problems = read_claimreview(data, record.file_name)
        return table, articles, notes, problems
    if record.format == ImportFormat.XLSX:
        table, sheet = read_workbook(data, record.file_name)
        if sheet is not None and articles is not None:
            raise TableError("Give the articles either as the workbook's sheet or as a file.")
        return table, sheet or articles, None, None
    return read_csv(data, record.file_name), articles, None, None


def confirm(record: ClaimImport, user=None) -> ClaimImport:
    """Write a previewed import: every row or none. `user` None is the command line."""
    with transaction.atomic():
        record = ClaimImport.objects.select_for_update().get(pk=record.pk)
        if record.status != ImportStatus.PREVIEWED:
            raise LoadError(f"{record} was {record.get_status_display().lower()} already.")
        if record.publish and user is not None and not workflow.can_publish(user):
            raise LoadError(NOT_A_PUBLISHER)
        table, articles, notes, problems = _tables(record)
        plan = preview(
            table, articles, notes=notes, problems=problems, publish=record.publish, user=user
        )
        writer = Writer(plan, reason=record.change_reason, user=user, publish=record.publish)
        counts, log = writer.write()
        record.status, record.imported_at = ImportStatus.IMPORTED, timezone.now()
        record.counts = plan.summary() | {"written": dict(sorted(counts.items()))}
        record.undo_log = log
        record.save()
    return record
