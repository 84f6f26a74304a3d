"""A claim's verdict for other sites: an embeddable card (`/claims/<slug>/embed/`, the only
page any site may frame) and oEmbed (`/oembed?url=…`) that tells a CMS how to embed it."""

from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from claims.models import Claim
from claims.pages.errors import plain_error
from claims.pages.params import whole_number
from claims.workflow import moved_to

WIDTH, HEIGHT = 480, 260


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def claim_embed(request, slug):
    claim = Claim.objects.published().select_related("claimant").filter(slug=slug).first()
    if claim is None:  # an old address: the card follows the claim, as its page does
        if moved := moved_to(slug):
            return redirect("claims:embed", slug=moved.slug, permanent=True)
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
    width = whole_number(request.GET.get("maxwidth"), default=WIDTH)
    height = whole_number(request.GET.get("maxheight"), default=HEIGHT)
    if width is None or height is None:
        return plain_error("maxwidth and maxheight: a whole number of pixels, 1 or more.", 400)
    # oEmbed: the size given MUST NOT exceed maxwidth or maxheight; the card scrolls if small.
    width, height = min(width, WIDTH), min(height, HEIGHT)
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
    slug = match.kwargs["slug"]
    published = Claim.objects.published().select_related("claimant")
    return published.filter(slug=slug).first() or moved_to(slug)
