"""`/claimreview.json`: a schema.org DataFeed of every published claim with a rated verdict,
each a `DataFeedItem` holding the same ClaimReview the claim's page carries
(claims.outputs.datafeed_items), in the shape the fact-check DataFeed's readers expect:
`{"@type": "DataFeedItem", "dateCreated", "url", "item": [ClaimReview]}`.

Served from a kept file as the CSV export is (claims.outputs.export_file: built by the task
worker after changes, at most once a refresh interval, never once a claim that was public has
left the record), else streamed live in chunks, so memory stays flat however many claims there
are. Either way it is dated by the generation of the record it holds, which gives its ETag and
Last-Modified, so a reader polling it gets a 304 until something it shows may have changed."""

import datetime

from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from claims.models import RecordState
from claims.outputs import export_file
from claims.outputs.datafeed_items import chunks

CONTENT_TYPE = "application/ld+json; charset=utf-8"


def _dated(response, etag: str, modified: float | None):
    response["ETag"] = etag
    if modified:
        response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "no-cache"  # revalidate: the ETag answers in one query
    return response


def _validators(generation: int, moved_at) -> tuple[str, float | None]:
    """The ETag and Last-Modified time of the record at `generation`."""
    return quote_etag(f"claimreview-{generation}"), moved_at.timestamp() if moved_at else None


@require_safe
def claimreview_feed(request):
    origin = request.build_absolute_uri("/")[:-1]
    kept = export_file.kept_file(origin, "claimreview")
    if kept is not None:
        generation, handle, _ = kept
        # A generation is the time it moved, in microseconds (claims.models.state).
        moved_at = datetime.datetime.fromtimestamp(generation / 1_000_000, tz=datetime.UTC)
        etag, modified = _validators(generation, moved_at)
        if answer := get_conditional_response(request, etag=etag, last_modified=modified):
            handle.close()
            return _dated(answer, etag, modified)
        response = FileResponse(handle, content_type=CONTENT_TYPE)
        response["X-Export-Generation"] = str(generation)
        return _dated(response, etag, modified)
    generation, moved_at = RecordState.objects.filter(pk=1).values_list(
        "generation", "changed_at"
    ).first() or (0, None)
    etag, modified = _validators(generation, moved_at)
    if answer := get_conditional_response(request, etag=etag, last_modified=modified):
        return _dated(answer, etag, modified)
    live = chunks(request.build_absolute_uri, moved_at)
    return _dated(StreamingHttpResponse(live, content_type=CONTENT_TYPE), etag, modified)
