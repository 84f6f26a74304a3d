"""What a reader may follow, read from the follow page's query string: a published claim,
a claimant or a topic the public can see, or a saved search (a list's filters that the list
itself accepts). Anything else is refused with why."""

from django.http import QueryDict

from claims.models import Claim, Claimant, Follow, FollowKind, Topic
from claims.pages.filters import ClaimFilter

# Not part of what a saved search finds: where the reader was in the list, and its order.
NOT_A_FILTER = {"page", "sort", "cursor"}
SEARCH_LENGTH = Follow._meta.get_field("search").max_length


class NotFollowable(Exception):
    """Why this cannot be followed, in words."""


def saved_search(query: str) -> str:
    """The query string's filters, in a stable order; NotFollowable when they are not ones
    the list accepts, or there are none."""
    params = QueryDict(query, mutable=True)
    for name in NOT_A_FILTER:
        params.pop(name, None)
    filterset = ClaimFilter(params, queryset=Claim.objects.none())
    if not filterset.is_valid():
        problems = "; ".join(f"{field}: {' '.join(errors)}"
                             for field, errors in filterset.errors_by_field().items())  # fmt: skip
        raise NotFollowable(f"This search’s filters are not valid ({problems}).")
    kept = sorted((key, value) for key in params for value in params.getlist(key) if value)
    if not kept:
        raise NotFollowable("Choose some filters on the list first: a search follows those.")
    encoded = QueryDict("", mutable=True)
    for key, value in kept:
        encoded.appendlist(key, value)
    if len(saved := encoded.urlencode()) > SEARCH_LENGTH:
        raise NotFollowable(
            f"This search is too long to follow (at most {SEARCH_LENGTH} characters)."
        )
    return saved


def target(params) -> dict:
    """The Follow fields for the page's query string (claim=, claimant=, topic= or search=)."""
    if slug := params.get("claim"):
        claim = Claim.objects.published().filter(slug=slug).first()
        if claim is None:
            raise NotFollowable("There is no published claim at that address.")
        return {"kind": FollowKind.CLAIM, "claim": claim}
    if slug := params.get("claimant"):
        claimant = Claimant.objects.in_public().filter(slug=slug).first()
        if claimant is None:
            raise NotFollowable("There is no claimant with published claims at that address.")
        return {"kind": FollowKind.CLAIMANT, "claimant": claimant}
    if slug := params.get("topic"):
        topic = Topic.objects.in_public().filter(slug=slug).first()
        if topic is None:
            raise NotFollowable("There is no topic with published claims at that address.")
        return {"kind": FollowKind.TOPIC, "topic": topic}
    if "search" in params:
        return {"kind": FollowKind.SEARCH, "search": saved_search(params["search"])}
    raise NotFollowable("Say what to follow: a claim, a claimant, a topic or a search.")
