"""One serialisation of a published claim, feeding the ClaimReview JSON-LD, the ClaimReview
data feed, the Atom feeds and the embeds, so that they cannot drift apart. It reads a claim
fetched with `Claim.objects.for_data()` or `for_detail()` (claimant, topics, appearances,
outcomes); a list's rows, `claim_summary`, need only `for_summary()`."""

from django.conf import settings

from claims.models import ClaimantKind, DatePrecision, claimreview_rating, verdict_label

SCHEMA = "https://schema.org"
_PRECISION = {DatePrecision.DAY: 10, DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}


def partial_date(value, precision: str) -> str | None:
    """An ISO 8601 date no more precise than it is known: 2019-06-12, 2019-06 or 2019."""
    return value.isoformat()[: _PRECISION.get(precision, 10)] if value else None


def latest_outcome(claim):
    outcomes = list(claim.outcomes.all())  # prefetched, earliest first
    return outcomes[-1] if outcomes else None


def claim_summary(claim, absolute) -> dict:
    """The claim as a row of data: who said what, when, where, and what came of it (the
    verdict and the latest outcome's explanation). `absolute` turns a path into a full URL.
    Reads a claim fetched with `Claim.objects.for_summary()` or richer."""
    latest = latest_outcome(claim)
    appearances = [
        {
            "article": a.article.title,
            "outlet": a.article.publication,
            "url": a.article.url or None,
            "published": partial_date(a.article.published_on, a.article.published_on_precision),
            "quote": a.quote,
        }
        for a in claim.appearances.all()
    ]
    return {
        "id": claim.pk,
        "url": absolute(claim.get_absolute_url()),
        "claim": claim.text,
        "claimant": {
            "name": claim.claimant.name,
            "kind": claim.claimant.kind,
            "url": absolute(claim.claimant.get_absolute_url()),
        },
        "role": claim.claimant_role,
        "kind": claim.kind,
        "kind_label": claim.get_kind_display(),
        "made": partial_date(claim.made_on, claim.made_on_precision),
        "check_by": claim.check_by.isoformat() if claim.check_by else None,
        "resolution_criteria": claim.resolution_criteria or None,
        "verdict": claim.verdict,
        "verdict_label": claim.verdict_label,
        "verdict_date": claim.verdict_on.isoformat() if claim.verdict_on else None,
        "explanation": latest.explanation if latest else None,
        "topics": [topic.name for topic in claim.topics.all()],
        "appearances": appearances,
        "published": claim.published_at.isoformat() if claim.published_at else None,
        "modified": claim.updated_at.isoformat(),
    }


def claim_dict(claim, absolute) -> dict:
    """The whole record: the summary, the outcome timeline with its evidence, and the
    corrections. Reads a claim fetched with `Claim.objects.for_data()` or `for_detail()`."""
    return {
        **claim_summary(claim, absolute),
        "outcomes": [_outcome(o) for o in claim.outcomes.all()],
        "corrections": [
            {"date": c.created_at.isoformat(), "note": c.note, "changes": c.changes}
            for c in claim.corrections.all()
        ],
    }


def _outcome(outcome) -> dict:
    evidence = [
        {
            "title": a.title,
            "url": a.url or None,
            "published": partial_date(a.published_on, a.published_on_precision),
        }
        for a in outcome.evidence_articles.all()
    ] + [
        {"title": link.title, "url": link.url, "published": _iso(link.published_on)}
        for link in outcome.links.all()
    ]
    return {
        "verdict": outcome.verdict,
        "verdict_label": outcome.verdict_label,
        "decided": outcome.decided_on.isoformat(),
        "explanation": outcome.explanation,
        "evidence": evidence,
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def summary(claim) -> str:
    """The claim in one line, as the feeds give it: kind, who, when, verdict."""
    who = claim.claimant.name + (f", {claim.claimant_role}" if claim.claimant_role else "")
    verdict = claim.verdict_label
    since = f" (since {claim.verdict_on.isoformat()})" if claim.verdict_on else ""
    return (
        f"{claim.get_kind_display()} by {who}, {claim.made_on_display}. Verdict: {verdict}{since}."
    )


def claimreview(claim, absolute) -> dict:
    """schema.org JSON-LD: a ClaimReview when the verdict is rated, else a plain Claim."""
    data = claim_dict(claim, absolute)
    item = {
        "@type": "Claim",
        "name": data["claim"],
        "author": _author(claim, data),
        "datePublished": data["made"],
        "appearance": [_work(a) for a in data["appearances"]],
    }
    if item["appearance"]:
        item["firstAppearance"] = item["appearance"][0]
    rating = claimreview_rating(claim.verdict)
    if rating is None:
        return {"@context": SCHEMA, **item, "url": data["url"]}
    publisher = {"@type": "Organization", "name": settings.PUBLISHER_NAME}
    if settings.PUBLISHER_URL:
        publisher["url"] = settings.PUBLISHER_URL
    review_rating = {
        "@type": "Rating",
        "ratingValue": rating[0],
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": verdict_label(claim.verdict, claim.kind),
    }
    if data["explanation"]:
        review_rating["ratingExplanation"] = data["explanation"]
    return {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "url": data["url"],
        "claimReviewed": claim.short_text or data["claim"],
        # The review is the verdict: it was published when the verdict was reached, not when
        # the claim was (an import or a seed load dates the claim's page today).
        "datePublished": data["verdict_date"],
        "dateModified": data["modified"],
        "author": publisher,
        "reviewRating": review_rating,
        "itemReviewed": item,
    }


def _author(claim, data) -> dict:
    # Unnamed sources ("officials said") are people; an organisation speaks as one.
    kind = "Organization" if claim.claimant.kind == ClaimantKind.ORGANIZATION else "Person"
    author = {"@type": kind, "name": data["claimant"]["name"], "url": data["claimant"]["url"]}
    if claim.claimant.reference_url:
        author["sameAs"] = claim.claimant.reference_url
    if data["role"]:  # schema.org gives a job title to people only; an organisation describes
        author["jobTitle" if kind == "Person" else "description"] = data["role"]
    return author


def _work(appearance: dict) -> dict:
    work = {"@type": "CreativeWork", "headline": appearance["article"]}
    if appearance["url"]:
        work["url"] = appearance["url"]
    if appearance["published"]:
        work["datePublished"] = appearance["published"]
    if appearance["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": appearance["outlet"]}
    return work
