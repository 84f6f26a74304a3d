"""Atom feeds (django.contrib.syndication) of what the public pages show: newly published
claims, new verdicts, a claimant's and a topic's claims, and any filtered list (the list's
own query string, read by the same FilterSet). Only published claims, as everywhere."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim, Claimant, Outcome, Topic
from claims.outputs.serialise import summary
from claims.pages.filters import ClaimFilter
from claims.text.characters import xml_safe


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom whose every text is one XML can carry (claims.text.characters): a control character
    in a row saved before the rule, or by a bulk load, never takes a feed down."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_safe, args), **_safe(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_safe, args), **_safe(kwargs))


def _safe(kwargs: dict) -> dict:
    return {
        name: [xml_safe(v) for v in value] if isinstance(value, list | tuple) else xml_safe(value)
        for name, value in kwargs.items()
    }


class StableIds:
    """Entry ids that never change (a tag URI on the site's host and the row's id, RFC 4151):
    a page address changes with a claim's slug, and a reader would show the entry again as
    new. The date in it is fixed: the year the seed record begins."""

    def get_feed(self, obj, request):
        self.tag_host = request.get_host().split(":")[0]
        return super().get_feed(obj, request)

    def tag(self, name: str, pk: int) -> str:
        return f"tag:{self.tag_host},2018:{name}-{pk}"


class ClaimFeed(StableIds, Feed):
    """Published claims, most recently published first."""

    feed_type = XmlSafeAtom1Feed
    title_template = None

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: newly published claims"

    def link(self, obj=None):
        return reverse("claims:list")

    def subtitle(self, obj=None):
        return f"Claims as {settings.PUBLISHER_NAME} publishes them, with their verdicts."

    def claims(self, obj):
        return Claim.objects.published()

    def items(self, obj=None):
        claims = self.claims(obj).select_related("claimant")
        return claims.order_by("-published_at", "-pk")[: settings.FEED_ITEMS]

    def item_title(self, claim):
        return f"{claim.text} ({claim.verdict_label})"

    def item_description(self, claim):
        return summary(claim)

    def item_link(self, claim):
        return claim.get_absolute_url()

    def item_guid(self, claim):
        return self.tag("claim", claim.pk)

    def item_author_name(self, claim):
        return claim.claimant.name

    def item_pubdate(self, claim):
        return claim.published_at

    def item_updateddate(self, claim):
        return claim.updated_at


class VerdictFeed(StableIds, Feed):
    """New outcomes of published claims: each a verdict with its date and explanation."""

    feed_type = XmlSafeAtom1Feed

    def title(self):
        return f"{settings.SITE_NAME}: new verdicts"

    def link(self):
        return f"{reverse('claims:list')}?sort=resolved"

    def items(self):
        outcomes = Outcome.objects.filter(claim__in=Claim.objects.published())
        outcomes = outcomes.select_related("claim", "claim__claimant")
        return outcomes.order_by("-created_at", "-pk")[: settings.FEED_ITEMS]

    def item_title(self, outcome):
        return f"{outcome.verdict_label}: {outcome.claim.text}"

    def item_description(self, outcome):
        return f"Decided on {format_date(outcome.decided_on, 'j F Y')}. {outcome.explanation}"

    def item_link(self, outcome):
        return f"{outcome.claim.get_absolute_url()}#outcome-{outcome.pk}"

    def item_guid(self, outcome):
        return self.tag("outcome", outcome.pk)

    def item_author_name(self, outcome):
        return outcome.claim.claimant.name

    def item_pubdate(self, outcome):
        return outcome.created_at

    def item_updateddate(self, outcome):
        # Outcomes keep no time of change: a correction to one is its own dated public entry
        # on the claim's page, so the entry's <updated> is when the outcome was published.
        return outcome.created_at


class ClaimantFeed(ClaimFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Claimant.objects.in_public(), slug=slug)

    def title(self, claimant):
        return f"{settings.SITE_NAME}: claims by {claimant.name}"

    def link(self, claimant):
        return claimant.get_absolute_url()

    def claims(self, claimant):
        return Claim.objects.published().filter(claimant=claimant)


class TopicFeed(ClaimFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.in_public(), slug=slug)

    def title(self, topic):
        return f"{settings.SITE_NAME}: claims on {topic.name}"

    def link(self, topic):
        return topic.get_absolute_url()

    def claims(self, topic):
        return Claim.objects.published().filter(topics=topic)


class FilteredFeed(ClaimFeed):
    """The list page's own filters (its query string), newest published first."""

    def get_object(self, request):
        return ClaimFilter(request.GET, queryset=Claim.objects.published())

    def title(self, filterset):
        return f"{settings.SITE_NAME}: claims matching a filter"

    def link(self, filterset):
        query = filterset.data.urlencode()
        return f"{reverse('claims:list')}?{query}" if query else reverse("claims:list")

    def feed_url(self, filterset):
        # The feed's own address with its filters (rel="self"); Django's default drops them.
        query = filterset.data.urlencode()
        return f"{reverse('claims:list_feed')}?{query}" if query else reverse("claims:list_feed")

    def claims(self, filterset):
        return filterset.qs

    def __call__(self, request, *args, **kwargs):
        filterset = ClaimFilter(request.GET, queryset=Claim.objects.published())
        if not filterset.is_valid():
            return filterset.bad_filter_response()
        return super().__call__(request, *args, **kwargs)
