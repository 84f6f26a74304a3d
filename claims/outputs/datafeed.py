"""`/claimreview.json`: a schema.org DataFeed of every published claim with a rated verdict,
each a `DataFeedItem` holding the same ClaimReview the claim's page carries
(claims.outputs.serialise), in the shape the fact-check DataFeed's readers expect:
`{"@type": "DataFeedItem", "dateCreated", "url", "item": [ClaimReview]}`. Streamed in chunks, so
memory stays flat however many claims there are.

The feed is dated by the public record's last change (claims.models.state: the generation moves
after every committed public change, a claimant's new name or a withdrawal included), which
gives its ETag and Last-Modified, so a reader polling it gets a 304 until something it shows
may have changed: one small query instead of the whole feed."""

import json

from django.http import StreamingHttpResponse
from django.views.decorators.http import condition, require_safe

from claims.models import CLAIMREVIEW_SCALE, Claim, RecordState
from claims.outputs.serialise import SCHEMA, claimreview

CHUNK = 500


def rated_claims():
    return Claim.objects.published().filter(verdict__in=list(CLAIMREVIEW_SCALE.values()))


def _state(request):
    """(generation, when it moved) of the public record, read once per request."""
    if not hasattr(request, "_record_state"):
        found = RecordState.objects.filter(pk=1).values_list("generation", "changed_at").first()
        request._record_state = found or (0, None)
    return request._record_state


def _etag(request, *args, **kwargs):
    return f"claimreview-{_state(request)[0]}"


def _last_modified(request, *args, **kwargs):
    return _state(request)[1]


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def claimreview_feed(request):
    absolute = request.build_absolute_uri
    latest = _state(request)[1]
    head = {"@context": SCHEMA, "@type": "DataFeed", "url": absolute(request.path)}
    if latest:
        head["dateModified"] = latest.isoformat()

    def chunks():
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": ['
        claims = rated_claims().for_data().order_by("pk").iterator(chunk_size=CHUNK)
        for n, claim in enumerate(claims):
            review = claimreview(claim, absolute)
            del review["@context"]  # the feed's context holds for its items
            item = {
                "@type": "DataFeedItem",
                "dateCreated": review["datePublished"],
                "dateModified": review["dateModified"],
                "url": review["url"],
                "item": [review],
            }
            yield ("," if n else "") + json.dumps(item, ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/ld+json; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # revalidate: the ETag answers in one query
    return response  # `condition` adds the ETag and Last-Modified
