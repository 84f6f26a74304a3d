"""The reader's pages of follow and alerts: the follow form, the confirmation link, the
page that lists what an address follows, and the one-click unsubscribe. None is cached; the
bad and the expired (a missing claim, a bad filter, a tampered link) are a page saying why,
never a 500; and whether an address already follows anything is never revealed."""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from claims.alerts import following
from claims.alerts.links import CONFIRM, MANAGE, BadLink, follower_from, token
from claims.alerts.targets import NotFollowable, target
from claims.models import Follow, Follower


class FollowForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address", max_length=254,
        help_text="We send a link to confirm; nothing else until you follow it.",
    )  # fmt: skip


def _address(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


def _too_many(request) -> bool:
    """Per client and per address: the follow form sends mail, so it is rate-limited."""
    limits = [("ip", "follow-client"), (_address, "follow-address")]
    return any(
        is_ratelimited(request, group=group, key=key, rate=settings.FOLLOW_RATE, increment=True)
        for key, group in limits
    )


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request):
    try:
        wanted = target(request.GET)
    except NotFollowable as problem:
        return _problem(request, str(problem), 400)
    form = FollowForm(request.POST or None)
    context = {"form": form, "followed": _describe(wanted), "kind": wanted["kind"]}
    if request.method != "POST" or not form.is_valid():
        return render(request, "alerts/follow.html", context, status=400 if form.errors else 200)
    if _too_many(request):
        form.add_error(None, "Too many requests from here or for this address: try in an hour.")
        return render(request, "alerts/follow.html", context, status=429)
    try:
        following.follow(form.cleaned_data["email"], wanted)
    except following.Refused as problem:
        form.add_error(None, str(problem))
        return render(request, "alerts/follow.html", context, status=400)
    return render(request, "alerts/check_inbox.html", context)


def _describe(wanted: dict) -> str:
    return Follow(**wanted).describe()


def _problem(request, message: str, status: int):
    return render(request, "alerts/problem.html", {"message": message}, status=status)


def _follower(request, value: str, purpose: str):
    try:
        return follower_from(value, purpose), None
    except BadLink as problem:
        return None, _problem(request, str(problem), 400)


@require_http_methods(["GET", "HEAD"])
def confirm(request, link):
    follower, problem = _follower(request, link, CONFIRM)
    if problem:
        return problem
    following.confirm(follower)
    return _manage_page(request, follower, confirmed=True)


def _manage_page(request, follower, confirmed=False):
    follows = follower.follows.select_related("claim", "claimant", "topic")
    context = {"follower": follower, "follows": follows, "confirmed": confirmed,
               "link": token(follower, MANAGE)}  # fmt: skip
    return render(request, "alerts/manage.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, link):
    follower, problem = _follower(request, link, MANAGE)
    if problem:
        return problem
    if request.method == "POST":
        if request.POST.get("everything"):
            following.forget(follower)
            return render(request, "alerts/unsubscribed.html")
        if (pk := request.POST.get("unfollow", "")).isdigit():
            following.unfollow(follower, int(pk))
            if not Follower.objects.filter(pk=follower.pk).exists():
                return render(request, "alerts/unsubscribed.html")
    return _manage_page(request, follower)


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", with no cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, link):
    follower, problem = _follower(request, link, MANAGE)
    if problem:
        return problem
    if request.method == "POST":
        following.forget(follower)
        return render(request, "alerts/unsubscribed.html")
    # A GET (a mail scanner may fetch every link) only asks: one click on the button does it.
    return render(request, "alerts/unsubscribe.html", {"follower": follower})
