"""Parts of public pages kept in the cache under the record's generation, for
the pages the page cache (claims/pages/caching.py) does not hold yet: a new filter, a new page of
results. A claim's row in a list is the same in every list it appears in, so it is rendered
once per generation; the filter form's claimants and topics are read once per generation.
Any committed change moves the generation (claims.models.state), so nothing kept here
is shown after a change, exactly as for whole pages.

The generation is read once per request (`current_generation`) however many parts ask:
the page cache, the rows, the options, a claimant's record. Outside a request (commands,
background threads) it is read afresh each time. `CLAIMTRACK_FRAGMENT_CACHE_SECONDS`
bounds how long a part is kept; 0 turns this off (every row rendered, every list read)."""

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import router
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.models import Claim, RecordState
from claims.pages.rows import SNIPPET_MARK, TEXT_END, TEXT_START, claim_row, read_rows
from claims.text.search import snippets
from claims.text.snippets import Match

_request = threading.local()


class ClaimRow(SafeString):
    """A claim's rendered row, knowing which claim it shows."""

    pk: int

    @classmethod
    def of(cls, pk: int, html: str) -> "ClaimRow":
        row = cls(html)
        row.pk = pk
        return row


def _started(**kwargs):
    _request.active, _request.generation, _request.stale = True, None, False


def _finished(**kwargs):
    _request.active, _request.generation, _request.stale = False, None, False


request_started.connect(_started, dispatch_uid="claimtrack-generation-started")
request_finished.connect(_finished, dispatch_uid="claimtrack-generation-finished")


def current_generation() -> int:
    """The record's generation: read once per request, afresh outside one, from the database
    the request reads its data from (a reader's replica: config/replicas.py)."""
    if not getattr(_request, "active", False):
        return RecordState.current()
    if _request.generation is None:
        _request.generation = RecordState.current(router.db_for_read(RecordState))
    return _request.generation


def kept(name: str, compute, seconds: int | None = None):
    """`compute()`, kept under the record's generation (`seconds` at most; default the
    fragment setting): computed again only after something changed."""
    seconds = settings.FRAGMENT_CACHE_SECONDS if seconds is None else seconds
    if not seconds:
        return compute()
    key = f"claimtrack:{name}:{current_generation()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


# How long one process may take to count a part before another may try (the site record
# takes 1-2.6 s at 1M; a process that died counting frees it after this).
COUNTING_SECONDS = 60


def kept_or_previous(name: str, compute, seconds: int):
    """kept(), for parts too costly to count once per reader after each change (the site
    record: 1-2.6 s at 1M). One process counts the new generation's part; while it does,
    the others are given the part last counted, and the page they build is kept for a moment
    only (served_stale; claims.pages.caching.STALE_PAGE_SECONDS). At 1M, 8 readers of
    `/record/` with a change every 4 s: 1,193 req/s and p99 23 ms, against 264 req/s and a
    7.9 s wait when every reader counted (bench.record_after_change)."""
    if not seconds:
        return compute()
    key = f"claimtrack:{name}:{current_generation()}"
    found = cache.get(key)
    if found is not None:
        return found
    latest = f"claimtrack:{name}:latest"
    counting = f"{key}:counting"
    if cache.add(counting, True, COUNTING_SECONDS):
        try:
            found = compute()
        finally:
            cache.delete(counting)
        cache.set_many({key: found, latest: found}, seconds)
        return found
    previous = cache.get(latest)
    if previous is None:  # nothing counted before (or the cache is down): count it here
        return compute()
    _request.stale = True
    return previous


def served_stale() -> bool:
    """Whether this request was given a part of an earlier generation (kept_or_previous)."""
    return getattr(_request, "stale", False)


def kept_each(name: str, pks: list[int], compute) -> dict:
    """pk → part for each of `pks`, kept one by one under the record's generation:
    `compute(missing_pks)` (pk → part) runs once, for those not kept yet. A pk `compute`
    leaves out is left out here too."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return compute(pks)
    prefix = f"claimtrack:{name}:{current_generation()}"
    keys = {f"{prefix}:{pk}": pk for pk in pks}
    found = {keys[key]: part for key, part in cache.get_many(list(keys)).items()}
    missing = [pk for pk in pks if pk not in found]
    if missing:
        fresh = compute(missing)
        by_pk = {pk: key for key, pk in keys.items()}
        cache.set_many({by_pk[pk]: part for pk, part in fresh.items()}, seconds)
        found.update(fresh)
    return found


def claim_rows(pks: list[int], omit_claimant: bool, snippets: dict) -> list[ClaimRow]:
    """Each claim's row (`<li>`) of a list, in the order of `pks`; rendered only for claims
    whose row is not kept yet, read in one query. `omit_claimant`: a claimant's own page,
    whose rows do not name them. `snippets`: pk → where a search matched, marked."""
    # The script prefix is in every link of the row.
    # "row2": rows kept before the heading carried its TEXT_START/TEXT_END marks are not read.
    variant = f"row2:{int(omit_claimant)}:{get_script_prefix()}"
    found = kept_each(variant, pks, lambda missing: _render_rows(missing, omit_claimant))
    # A claim gone between the list's query and this read is left out.
    return [_with_snippet(pk, found[pk], snippets.get(pk)) for pk in pks if pk in found]


def search_snippets(pks: list[int], q: str) -> dict[int, Match]:
    """claims.text.search.snippets(), each claim's kept for the search words until the record
    changes: ts_headline re-reads every claim's text (~3 ms a page at 1M), and the same
    search's pages are asked again and again. A claim without a snippet is kept as ""."""
    q = q.strip()
    if not q or not pks:
        return {}
    words = hashlib.sha256(q.encode()).hexdigest()

    def compute(missing):
        found = snippets(Claim.objects.all(), missing, q)
        return {pk: found.get(pk, "") for pk in missing}

    return {pk: text for pk, text in kept_each(f"match:{words}", pks, compute).items() if text}


def _render_rows(pks: list[int], omit_claimant: bool) -> dict[int, str]:
    return {claim["pk"]: claim_row(claim, omit_claimant) for claim in read_rows(pks)}


def _with_snippet(pk: int, row: str, match: Match | None) -> ClaimRow:
    # The row is kept without a search's marks: each search puts its own in, the claim's
    # words marked in its heading and any other field that matched in a snippet.
    start, end = row.find(TEXT_START), row.find(TEXT_END)
    if match and match.text and 0 <= start < end:
        row = row[:start] + match.text + row[end + len(TEXT_END) :]
    if match and match.elsewhere:
        marked = format_html('<p class="snippet">{}</p>', match.elsewhere)
        row = row.replace(SNIPPET_MARK, marked, 1)
    return ClaimRow.of(pk, row)  # claims.pages.rows escapes every value
