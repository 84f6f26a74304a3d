"""CSV export of claims, streamed row by row so memory stays flat at any size."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

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
    "verdict",
    "verdict_label",
    "verdict_date",
    "outcome_explanation",
    "topics",
    "first_article_title",
    "first_article_outlet",
    "first_article_url",
    "quote",
]

# OWASP CSV injection: a cell starting with one of these could run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
UTF8_BOM = "\ufeff"  # so Excel reads the file as UTF-8


def neutralise(value) -> str:
    """A cell that a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def claim_row(claim, detail_url: str) -> list[str]:
    outcomes = list(claim.outcomes.all())
    latest = max(outcomes, key=lambda o: (o.decided_on, o.pk)) if outcomes else None
    first = claim.first_appearance()
    article = first.article if first else None
    values = [
        claim.pk,
        detail_url,
        claim.text,
        claim.claimant.name,
        claim.claimant_role,
        claim.kind,
        claim.made_on.isoformat(),
        claim.made_on_precision,
        claim.check_by.isoformat() if claim.check_by else "",
        claim.verdict,
        claim.get_verdict_display(),
        claim.verdict_on.isoformat() if claim.verdict_on else "",
        latest.explanation if latest else "",
        "; ".join(t.name for t in claim.topics.all()),
        article.title if article else "",
        article.publication if article else "",
        article.url if article else "",
        first.quote if first else "",
    ]
    return [neutralise(v) for v in values]


class _Echo:
    def write(self, value):
        return value


def csv_rows(queryset, build_url):
    writer = csv.writer(_Echo())
    yield UTF8_BOM + writer.writerow(COLUMNS)
    for claim in queryset.for_export().iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow(claim_row(claim, build_url(claim.get_absolute_url())))


def csv_response(queryset, request, name="claims") -> StreamingHttpResponse:
    filename = f"{name}-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(
        csv_rows(queryset, request.build_absolute_uri), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
