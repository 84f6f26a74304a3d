"""`/claimreview.json`: a schema.org DataFeed of every published claim with a rated verdict,
each item the same ClaimReview the claim's page carries (claims.outputs.serialise). Streamed in
chunks, so memory stays flat however many claims there are."""

import json

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from claims.models import CLAIMREVIEW_SCALE, Claim
from claims.outputs.serialise import SCHEMA, claimreview

CHUNK = 500


def rated_claims():
    published = Claim.objects.published().filter(verdict__in=list(CLAIMREVIEW_SCALE.values()))
    return published.for_data().order_by("pk")


@require_safe
def claimreview_feed(request):
    absolute = request.build_absolute_uri
    head = {"@context": SCHEMA, "@type": "DataFeed", "dateModified": timezone.now().isoformat()}

    def chunks():
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": ['
        for n, claim in enumerate(rated_claims().iterator(chunk_size=CHUNK)):
            item = claimreview(claim, absolute)
            del item["@context"]  # the feed's context holds for its items
            yield ("," if n else "") + json.dumps(item, ensure_ascii=False)
        yield "]}"

    return StreamingHttpResponse(chunks(), content_type="application/ld+json; charset=utf-8")
