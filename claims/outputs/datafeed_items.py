"""The ClaimReview data feed's content, streamed: a schema.org DataFeed whose items each hold
the ClaimReview a claim's page carries (claims.outputs.serialise). Served live or from a kept
file (claims.outputs.export_file) by claims.outputs.datafeed."""

import json

from django.urls import reverse

from claims.models import CLAIMREVIEW_SCALE, Claim, RecordState
from claims.outputs.serialise import SCHEMA, claimreview

CHUNK = 500


def rated_claims():
    return Claim.objects.published().filter(verdict__in=list(CLAIMREVIEW_SCALE.values()))


def chunks(absolute, latest):
    """The feed as text chunks; `absolute` makes a path a full URL, `latest` dates it."""
    head = {
        "@context": SCHEMA,
        "@type": "DataFeed",
        "url": absolute(reverse("claims:claimreview_feed")),
    }
    if latest:
        head["dateModified"] = latest.isoformat()
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


def feed_stream(origin: str):
    """The feed for a kept file: `origin` is the site's address (https://claims.example.org)."""
    latest = RecordState.objects.filter(pk=1).values_list("changed_at", flat=True).first()
    return chunks(lambda path: origin + path, latest)
