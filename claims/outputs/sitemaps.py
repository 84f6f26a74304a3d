"""The sitemap (django.contrib.sitemaps) of every public page: published claims, and the
claimants, topics and articles that published claims use; and robots.txt pointing to it."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from claims.models import Article, Claim, Claimant, Topic


class ClaimSitemap(Sitemap):
    limit = 10_000  # per sitemap page; the index lists the pages

    def items(self):
        return Claim.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, claim):
        return claim.updated_at


class ClaimantSitemap(Sitemap):
    def items(self):
        return Claimant.objects.in_public().only("slug").order_by("pk")


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.in_public().only("slug").order_by("pk")


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.in_public().only("slug").order_by("pk")


SITEMAPS = {
    "claims": ClaimSitemap,
    "claimants": ClaimantSitemap,
    "topics": TopicSitemap,
    "articles": ArticleSitemap,
}


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
