"""The dispatch: events whose hold is over go to the webhooks that follow them and wait as
notices for the readers who do; readers whose last alert is a grouping window old get one
mail with all that waits; what was never confirmed is forgotten.

Run by the `dispatch_alerts` task, queued after every change that records events (at most
one run a minute, `DispatchDue`), and by `manage.py send_alerts` (cron: the fallback when no
worker runs or the queue was down). Any number of runs at once send each mail once: a pass
takes its rows with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite has one writer)."""

import datetime
import logging
import math
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.http import QueryDict
from django.utils import timezone
from django_tasks import task

from claims.alerts import mails, webhooks
from claims.alerts.following import forget_unconfirmed
from claims.background import queue
from claims.models import (
    WIDE_EVENTS,
    AlertEvent,
    Claim,
    DispatchDue,
    EventKind,
    Follow,
    Follower,
    FollowKind,
    Notice,
    WebhookDelivery,
    WebhookEndpoint,
)
from claims.pages.filters import ClaimFilter

log = logging.getLogger("claimtrack.alerts")
BATCH = 200  # followers per mail batch: a few queries each, whatever the number of followers
KEPT_DAYS = 7  # handled events are kept this long for the log, then deleted


def _seconds(value: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=value)


def dispatch(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """One run of every pass; when the next is due (None: nothing waits)."""
    now = now or timezone.now()
    hand_to_webhooks(now)
    hand_to_followers(now)
    send_alerts(now)
    webhooks.retry_due(now)
    forget_unconfirmed(now)
    cutoff = now - datetime.timedelta(days=KEPT_DAYS)
    AlertEvent.objects.filter(webhooks_done=True, followers_done=True,
                              happened_at__lt=cutoff).delete()  # fmt: skip
    DispatchDue.objects.filter(due_at__lt=now).delete()
    return next_due(now)


def _matching(rows, event, searches: dict[str, set[int]]):
    """The follows (or endpoints) in `rows`, confirmed (registered) before `event`, that it
    concerns: its claim's and (webhooks) everything's always; its claimant's and its topics'
    for new claims and verdicts; the saved searches that find it, for new claims."""
    since = "confirmed_at" if rows.model is Follow else "created_at"
    rows = rows.filter(**{f"{since}__lte": event.happened_at})  # nothing from before it
    wanted = Q(kind=FollowKind.CLAIM, claim_id=event.claim_id) | Q(kind=FollowKind.EVERYTHING)
    if event.kind in WIDE_EVENTS:
        wanted |= Q(kind=FollowKind.CLAIMANT, claimant_id=event.claim.claimant_id)
        wanted |= Q(kind=FollowKind.TOPIC, topic__in=[t.pk for t in event.claim.topics.all()])
    if event.kind == EventKind.PUBLISHED:
        found = [search for search, claims in searches.items() if event.claim_id in claims]
        wanted |= Q(kind=FollowKind.SEARCH, search__in=found)
    return rows.filter(wanted)


def _searches(rows, claim_ids: set[int]) -> dict[str, set[int]]:
    """Each saved search in `rows`, with which of `claim_ids` it finds now."""
    found = {}
    for search in rows.filter(kind=FollowKind.SEARCH).values_list("search", flat=True).distinct():
        published = Claim.objects.published().filter(pk__in=claim_ids)
        filterset = ClaimFilter(QueryDict(search), queryset=published)
        valid = filterset.is_valid()  # a filter that names what is gone finds nothing
        found[search] = set(filterset.qs.values_list("pk", flat=True)) if valid else set()
    return found


def _standing(waiting) -> list:
    events = waiting.standing().select_related("claim").prefetch_related("claim__topics")
    return mails.collapse(list(events.order_by("happened_at", "pk")))


def hand_to_followers(now: datetime.datetime) -> int:
    """Events a grouping window old become notices for the confirmed follows they concern."""
    waiting = AlertEvent.objects.filter(
        followers_done=False, happened_at__lte=now - _seconds(settings.ALERT_GROUP_SECONDS)
    )
    follows = Follow.objects.filter(confirmed_at__isnull=False)
    made = 0
    with transaction.atomic():
        events = _standing(waiting.select_for_update(skip_locked=True, of=("self",)))
        searches = _searches(follows, {e.claim_id for e in events})
        for event in events:
            followers = _matching(follows, event, searches).values_list("follower_id", flat=True)
            notices = [Notice(follower_id=f, event=event) for f in set(followers)]
            Notice.objects.bulk_create(notices, ignore_conflicts=True, batch_size=1000)
            made += len(notices)
        waiting.update(followers_done=True)
    return made


def hand_to_webhooks(now: datetime.datetime) -> int:
    """Events whose webhook hold is over become deliveries to the endpoints they concern."""
    waiting = AlertEvent.objects.filter(
        webhooks_done=False, happened_at__lte=now - _seconds(settings.WEBHOOK_HOLD_SECONDS)
    )
    endpoints = WebhookEndpoint.objects.filter(active=True)
    deliveries = []
    with transaction.atomic():
        if endpoints.exists():
            events = _standing(waiting.select_for_update(skip_locked=True, of=("self",)))
            searches = _searches(endpoints, {e.claim_id for e in events})
            claims = Claim.objects.for_data().in_bulk({e.claim_id for e in events})
            for event in events:
                payload = webhooks.body(event.kind, event.happened_at, claims[event.claim_id])
                deliveries += [
                    WebhookDelivery(endpoint=endpoint, event=event, what=event.kind, body=payload)
                    for endpoint in _matching(endpoints, event, searches)
                ]
            WebhookDelivery.objects.bulk_create(deliveries)
        waiting.update(webhooks_done=True)
        transaction.on_commit(lambda: webhooks.queue_all(deliveries))
    return len(deliveries)


def _due_followers(now: datetime.datetime):
    window = now - _seconds(settings.ALERT_GROUP_SECONDS)
    ready = Q(alerted_at__isnull=True) | Q(alerted_at__lte=window)
    waiting = Exists(Notice.objects.filter(follower=OuterRef("pk")))
    return Follower.objects.filter(ready, waiting, confirmed_at__isnull=False)


def send_alerts(now: datetime.datetime) -> int:
    """One mail to each address with notices whose last alert is a window old; how many
    went. A mail server that fails stops the run: what was not sent waits for the next."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                _due_followers(now).order_by("pk").select_for_update(skip_locked=True)[:BATCH]
            )
            if not batch:
                return sent
            mailed, failed = _send_batch(batch, now)
            sent += mailed
        if failed:
            return sent


def _send_batch(followers: list, now) -> tuple[int, bool]:
    """Mail one batch; (how many mails went, whether the mail server failed)."""
    notices = list(Notice.objects.filter(follower__in=followers).order_by("pk"))
    event_ids = {n.event_id for n in notices}
    events = AlertEvent.objects.filter(pk__in=event_ids).standing()
    by_id = {e.pk: e for e in events.select_related("claim__claimant")}
    waiting = {f.pk: [] for f in followers}
    for notice in notices:
        if notice.event_id in by_id:
            waiting[notice.follower_id].append(by_id[notice.event_id])
    handled, mailed = [], []
    try:
        with get_connection() as connection:
            for follower in followers:
                events = mails.collapse(sorted(waiting[follower.pk], key=_when))
                if events:
                    connection.send_messages([mails.alert(follower, events)])
                    mailed.append(follower.pk)
                handled.append(follower.pk)
        failed = False
    except (OSError, smtplib.SMTPException):
        log.exception("alert not sent", extra={"event": "alert_not_sent"})
        failed = True
    Notice.objects.filter(pk__in=[n.pk for n in notices if n.follower_id in set(handled)]).delete()
    Follower.objects.filter(pk__in=mailed).update(alerted_at=now)
    return len(mailed), failed


def _when(event):
    return event.happened_at, event.pk


def next_due(now: datetime.datetime) -> datetime.datetime | None:
    """When the next pass has something to do."""
    hold, group = _seconds(settings.WEBHOOK_HOLD_SECONDS), _seconds(settings.ALERT_GROUP_SECONDS)
    waiting = AlertEvent.objects.aggregate(
        webhooks=Min("happened_at", filter=Q(webhooks_done=False)),
        followers=Min("happened_at", filter=Q(followers_done=False)),
    )
    times = []
    if waiting["webhooks"]:
        times.append(waiting["webhooks"] + hold)
    if waiting["followers"]:
        times.append(waiting["followers"] + group)
    noticed = Follower.objects.filter(
        Exists(Notice.objects.filter(follower=OuterRef("pk"))), confirmed_at__isnull=False
    ).aggregate(first=Min("alerted_at"), any=Min("pk"))
    if noticed["any"] is not None:
        times.append(noticed["first"] + group if noticed["first"] else now)
    return max(min(times), now) if times else None


@task()
def dispatch_alerts() -> str | None:
    following = dispatch()
    if following is not None:
        schedule(following)
    return following.isoformat() if following else None


def schedule(at: datetime.datetime):
    """Queue a dispatch for `at` (rounded up to the minute): one per minute at most, however
    many changes asked for it."""
    due = datetime.datetime.fromtimestamp(math.ceil(at.timestamp() / 60) * 60, tz=datetime.UTC)
    _, created = DispatchDue.objects.get_or_create(due_at=due)
    if created:
        queue(dispatch_alerts, run_after=due)


def dispatch_soon():
    """After a change recorded events: a dispatch when their webhook hold is over, and one
    when their grouping window is."""
    now = timezone.now()
    schedule(now + _seconds(settings.WEBHOOK_HOLD_SECONDS))
    schedule(now + _seconds(settings.ALERT_GROUP_SECONDS))
