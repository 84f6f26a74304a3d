"""A claim's verdict for other sites: an embeddable card (`/claims/<slug>/embed/`, the only
page any site may frame) and oEmbed (`/oembed?url=…`) that tells a CMS how to embed it."""

from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from claims.models import Claim
from claims.pages.errors import plain_error

WIDTH, HEIGHT = 480, 260


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def claim_embed(request, slug):
    claim = Claim.objects.published().select_related("claimant").filter(slug=slug).first()
    if claim is None:
        raise Http404("No published claim here.")
    return render(request, "claims/claim_embed.html", {"claim": claim})


@require_safe
def oembed(request):
    wanted = request.GET.get("format", "json")
    if wanted == "xml":  # a format oEmbed defines that this site does not serve
        return plain_error("Only format=json is served.", 501)
    if wanted != "json":
        return plain_error("format: json (or xml, which is not served).", 400)
    claim = _claim_at(request.GET.get("url", ""), request)
    if claim is None:
        return plain_error("url: give the address of a published claim on this site.", 404)
    width = _bounded(request.GET.get("maxwidth"), WIDTH)
    height = _bounded(request.GET.get("maxheight"), HEIGHT)
    src = request.build_absolute_uri(reverse("claims:embed", kwargs={"slug": claim.slug}))
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": settings.SITE_NAME,
            "provider_url": request.build_absolute_uri("/"),
            "title": claim.text,
            "author_name": claim.claimant.name,
            "width": width,
            "height": height,
            "html": (
                f'<iframe src="{src}" width="{width}" height="{height}" '
                f'title="{settings.SITE_NAME}: verdict on a claim" loading="lazy"></iframe>'
            ),
        }
    )


def _claim_at(url: str, request) -> Claim | None:
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.get_host():
        return None
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return None
    if match.view_name not in ("claims:claim", "claims:embed"):
        return None
    published = Claim.objects.published().select_related("claimant")
    return published.filter(slug=match.kwargs["slug"]).first()


def _bounded(raw, default: int) -> int:
    """A maxwidth or maxheight: the card's size, smaller when the consumer asks."""
    if raw and raw.isascii() and raw.isdigit():
        return max(120, min(default, int(raw)))
    return default
