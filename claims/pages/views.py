"""Public pages: only published claims exist here."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from claims.models import (
    Article,
    Claim,
    Claimant,
    ClaimKind,
    ClaimStatus,
    Outcome,
    Topic,
    Verdict,
    claimreview_rating,
    verdict_label,
)
from claims.pages.charts import scorecard, year_histogram
from claims.pages.chips import active_filters
from claims.pages.counting import Counts
from claims.pages.facets import Facets, facets_for
from claims.pages.filters import ClaimFilter, is_filtered
from claims.pages.fragments import kept
from claims.pages.listing import build_listing, claimant_options, topic_options
from claims.pages.records import MIN_RESOLVED, RANKINGS, claimant_record, site_record, topic_record
from claims.text.context import highlighted_paragraphs
from claims.workflow import moved_to


def _list_context(request, queryset, record=None, **extra):
    """`record`: a claimant's or topic's, when the page has it: exact counts and claims per
    year without reading the claims again."""
    known = Counts(dict(record.by_verdict())) if record else None
    filterset = ClaimFilter(request.GET, queryset=queryset)  # the query, parsed once
    filtered = is_filtered(request.GET)
    listing = build_listing(
        request, filterset, known, omit_claimant="claimant" in extra, filtered=filtered
    )
    choices = {
        **filterset.choices,
        # A claimant's (or topic's) own page has no claimant (or topic) filter to offer.
        "claimant": [] if "claimant" in extra else claimant_options(filterset),
        "topic": [] if "topic" in extra else topic_options(),
    }
    facets = Facets()
    if listing.status == 200:
        exact = None if listing.approximate else listing.counts.by_verdict
        skip = {"claimant", "topic"} & set(extra)
        kinds = record.kind_totals() if record else None
        large = listing.total > settings.EXACT_COUNT_CAP
        facets = facets_for(filterset, skip, verdicts=exact, kinds=kinds, large=large)
    years = listing.years
    if not years and record and not filtered:
        years = record.year_totals()
    return listing.status, {
        "listing": listing,
        "options": {name: _with_counts(facets, name, rows) for name, rows in choices.items()},
        "histogram": year_histogram("years-hist", years) if len(years) > 1 else None,
        "chips": active_filters(request.path, filterset, choices),
        "form": filterset.form,
        "choices": choices,
        "selected_verdicts": request.GET.getlist("verdict"),
        **extra,
    }


def _with_counts(facets, name: str, rows) -> list[tuple[str, str]]:
    """Each option's label with what choosing it would give: "Promise (120)"."""
    about = "about " if name in facets.approximate else ""
    labelled = []
    for value, label in rows:
        count = facets.count(name, value)
        labelled.append((value, label if count is None else f"{label} ({about}{count:,})"))
    return labelled


def _scorecard(name: str, record, prefix: str) -> dict:
    # Its charts and tables are drawn from the record alone: kept with it (~4 ms a page).
    return kept(f"scorecard:{name}", lambda: scorecard(record, prefix))


def claim_list(request):
    status, context = _list_context(request, Claim.objects.published())
    return render(request, "claims/claim_list.html", context, status=status)


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.in_public(), slug=slug)
    claims = Claim.objects.published().filter(topics=topic)
    record = topic_record(topic)
    status, context = _list_context(request, claims, record, topic=topic)
    context["card"] = _scorecard(f"topic:{topic.pk}", record, "topic")
    return render(request, "claims/claim_list.html", context, status=status)


# What each point of the scale means, for the scale page that every badge links to.
_MEANINGS = {
    Verdict.TRUE: "The claim is accurate, or what was predicted or promised happened in full.",
    Verdict.MOSTLY_TRUE: "Accurate or fulfilled in the main, with details wrong or missing.",
    Verdict.MIXED: "Partly accurate and partly not, or fulfilled in part.",
    Verdict.MOSTLY_FALSE: "Inaccurate in the main, with some truth in it, or mostly unfulfilled.",
    Verdict.FALSE: "The claim is inaccurate, or what was predicted or promised did not happen.",
    Verdict.PENDING: "Not judged yet: the evidence is not in, or the check-by date has not come.",
    Verdict.UNRESOLVABLE: "It can never be judged: an opinion, or a claim no evidence can settle.",
}


def scale(request):
    rows = [
        {
            "value": verdict.value,
            "meaning": _MEANINGS[verdict],
            "promise": verdict_label(verdict, ClaimKind.PROMISE),
            "prediction": verdict_label(verdict, ClaimKind.PREDICTION),
            "rating": (claimreview_rating(verdict) or (None,))[0],
        }
        for verdict in Verdict
    ]
    return render(request, "claims/scale.html", {"rows": rows})


def claim_detail(request, slug):
    claim = Claim.objects.published().for_detail().filter(slug=slug).first()
    if claim is None:
        return _merged_claim_redirect(slug)
    return _claim_page(request, claim)


def claim_preview(request, pk):
    """A claim (a draft, most often) exactly as its public page shows it, for staff who may
    see claims in the admin; a 404 to everyone else, as for any address that is not public."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("claims.view_claim")):
        raise Http404("No published claim here.")
    claim = get_object_or_404(Claim.objects.unmerged().for_detail(), pk=pk)
    response = _claim_page(request, claim, preview=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _claim_page(request, claim, preview=False):
    others = (
        Claim.objects.published()
        .filter(claimant=claim.claimant_id)
        .exclude(pk=claim.pk)
        .order_by("-made_on", "-pk")[:5]
    )
    context = {
        "claim": claim,
        "others": others,
        "claim_url": request.build_absolute_uri(claim.get_absolute_url()),
        "preview": preview,
    }
    return render(request, "claims/claim_detail.html", context)


def _merged_claim_redirect(slug):
    """A claim's old address (a former slug, or a merged duplicate's) leads, permanently, to
    the published claim it now belongs to."""
    target = moved_to(slug)
    if target is None:
        raise Http404("No published claim here.")
    return redirect(target, permanent=True)


def claimant_detail(request, slug):
    claimant = get_object_or_404(Claimant.objects.select_related("affiliation"), slug=slug)
    claims = Claim.objects.published().filter(claimant=claimant)
    record = claimant_record(claimant)
    if not record.total:
        raise Http404("No published claims by this claimant.")
    status, context = _list_context(request, claims, record, claimant=claimant)
    context["card"] = _scorecard(f"claimant:{claimant.pk}", record, "claimant")
    return render(request, "claims/claimant_detail.html", context, status=status)


def site_record_page(request):
    found = site_record()
    ranking = request.GET.get("rank")
    if ranking not in RANKINGS:
        ranking = "claims"
    context = {
        "card": scorecard(found.record, "site"),
        "found": found,
        "ranking": ranking,
        "ranking_label": RANKINGS[ranking][0].lower(),
        "rankings": [(key, label) for key, (label, _) in RANKINGS.items()],
        "rows": found.ranked[ranking],
        "min_resolved": MIN_RESOLVED,
    }
    return render(request, "claims/record.html", context)


def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    appearances = list(
        article.appearances.filter(claim__status=ClaimStatus.PUBLISHED)
        .select_related("claim", "claim__claimant")
        .order_by("quote_start", "pk")
    )
    cited = Outcome.objects.filter(evidence_articles=article, claim__status=ClaimStatus.PUBLISHED)
    if not appearances and not cited.exists():
        raise Http404("No published claim uses this article.")
    context = {
        "article": article,
        "appearances": appearances,
        "paragraphs": highlighted_paragraphs(article.text, appearances, article.body_starts_at),
    }
    return render(request, "claims/article_detail.html", context)
