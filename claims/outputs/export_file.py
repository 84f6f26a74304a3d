"""The two whole-record downloads, the most requested and the most expensive, served from
files: the unfiltered CSV export (`claims`) and the ClaimReview data feed (`claimreview`).

A file holds the whole export as of one generation of the record (claims.models.state). A
download serves the newest file; when the record has moved on since, a build is queued as a
task (run by the worker, not the web process) that writes a new one, at most one a minute
(`CLAIMTRACK_EXPORT_REFRESH_SECONDS`), so any number of downloads cost one export query a
minute at most. With no worker running, downloads are live once the file is out of date.

A stale file is served while its successor is built: it lags corrections by a minute or
two, and `Last-Modified` says as of when. It is never served once a claim that was public
may have left the record (unpublished, merged away, deleted): then downloads run the live
export until a file built after the withdrawal is ready. With no file yet, downloads are
live too. Each file is named by the export's URL prefix (its detail links) and generation,
written under a temporary name and renamed into place, so a reader never sees half a file.
"""

import fcntl
import hashlib
import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.utils.http import http_date
from django_tasks import task

from claims.background import queue
from claims.models import RecordState
from claims.outputs.datafeed_items import feed_stream
from claims.outputs.export_table import whole_record_stream

log = logging.getLogger("claimtrack.export")


def _directory() -> Path:
    path = Path(settings.EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


# What each kept file holds: its suffix, its content type, and the stream that writes it
# from a prefix (the CSV's detail links; the feed's site address).
KINDS = {
    "claims": ("csv", "text/csv; charset=utf-8", whole_record_stream),
    "claimreview": ("json", "application/ld+json; charset=utf-8", feed_stream),
}


def _stem(prefix: str, kind: str = "claims") -> str:
    return f"{kind}-" + hashlib.sha256(prefix.encode()).hexdigest()[:16]


def newest(prefix: str, kind: str = "claims") -> tuple[int, Path] | None:
    """(generation, path) of the newest complete file for `prefix`, if any."""
    found = []
    for path in _directory().glob(f"{_stem(prefix, kind)}.*.{KINDS[kind][0]}"):
        generation = path.name.rsplit(".", 2)[-2]
        if generation.isdigit():
            found.append((int(generation), path))
    return max(found, default=None)


def build(prefix: str, kind: str = "claims") -> Path | None:
    """Write the file as of now; None when another build for `prefix` holds the lock."""
    directory = _directory()
    stem = _stem(prefix, kind)
    suffix, _, stream = KINDS[kind]
    with open(directory / f".{stem}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        # Read before the rows: the file is labelled no newer than what it holds.
        generation = RecordState.current()
        partial = directory / f".{stem}.{generation}.{os.getpid()}.{threading.get_ident()}.tmp"
        started = time.perf_counter()
        try:
            with open(partial, "wb") as out:
                for chunk in stream(prefix):
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
        except BaseException:
            partial.unlink(missing_ok=True)  # a failed build leaves nothing behind
            raise
        path = directory / f"{stem}.{generation}.{suffix}"
        os.replace(partial, path)
        _remove_older(stem, generation, suffix)
    log.info(
        "export file built",
        extra={"event": "export_file", "kind": kind, "generation": generation,
               "seconds": round(time.perf_counter() - started, 2)},
    )  # fmt: skip
    return path


def _remove_older(stem: str, generation: int, suffix: str):
    # A reader still sending an older file keeps it open; unlinking it does not cut them off.
    for path in _directory().glob(f"{stem}.*.{suffix}"):
        older = path.name.rsplit(".", 2)[-2]
        if older.isdigit() and int(older) < generation:
            path.unlink(missing_ok=True)


@task()
def build_file(prefix: str, kind: str = "claims") -> str | None:
    """The queued build: nothing when a file as new as the record is there already (several
    downloads may queue one each while the last is being written)."""
    found = newest(prefix, kind)
    if found is not None and found[0] >= RecordState.current():
        return None
    path = build(prefix, kind)
    return path.name if path else None


def _build_in_background(prefix: str, kind: str = "claims"):
    queue(build_file, prefix, kind)


def file_response(prefix: str, filename: str) -> FileResponse | None:
    """The newest servable CSV file as a download, queueing a build when it is out of date;
    None when there is none to serve (the caller exports live)."""
    kept = kept_file(prefix)
    if kept is None:
        return None
    generation, handle, built = kept
    response = FileResponse(handle, content_type=KINDS["claims"][1])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Last-Modified"] = http_date(built)
    response["X-Export-Generation"] = str(generation)
    return response


def kept_file(prefix: str, kind: str = "claims"):
    """(generation, open file, when built) of the newest servable file, queueing a build
    when it is out of date; None when there is none to serve (the caller streams live)."""
    if not settings.EXPORT_REFRESH_SECONDS:
        return None
    try:
        return _servable(prefix, kind)
    except OSError:  # an unwritable or missing directory: the download still works, live
        log.exception("export file unavailable")
        return None


def _servable(prefix: str, kind: str):
    current, withdrawn = RecordState.read()
    found = newest(prefix, kind)
    handle = None
    if found is not None:
        try:
            handle = open(found[1], "rb")  # noqa: SIM115 (the response closes it)
        except FileNotFoundError:  # replaced by a newer file just now
            return None
    built = os.fstat(handle.fileno()).st_mtime if handle else 0.0
    if found is None or (
        found[0] < current and time.time() - built >= settings.EXPORT_REFRESH_SECONDS
    ):
        _build_in_background(prefix, kind)
    # A file newer than the record is from a timeline a restored backup discarded.
    if found is None or found[0] < withdrawn or found[0] > current:
        if handle:
            handle.close()
        return None
    return found[0], handle, built
