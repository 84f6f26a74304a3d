"""The mails readers get: the confirmation, and the alert that groups what happened to what
they follow since the last one. Each alert carries the one-click unsubscribe of RFC 8058
(`List-Unsubscribe` and `List-Unsubscribe-Post`) and a link to the address's follows."""

from django.conf import settings
from django.core.mail import EmailMessage

from claims.alerts.links import confirm_url, manage_url, unsubscribe_url
from claims.models import EventKind, Follower

LISTED = 30  # events listed in one mail; the rest are counted


def confirmation(follower: Follower) -> EmailMessage:
    pending = [f.describe() for f in follower.follows.filter(confirmed_at__isnull=True)]
    body = [
        f"Someone, we hope you, asked {settings.SITE_NAME} to e-mail this address when "
        "something happens to:",
        "",
        *(f"- {what}" for what in pending),
        "",
        "To confirm, follow this link within 7 days:",
        confirm_url(follower),
        "",
        "If it was not you, ignore this mail: nothing will be sent, and the address is deleted "
        "after 7 days.",
    ]
    subject = f"{settings.SITE_NAME}: confirm that you want alerts"
    return EmailMessage(subject, "\n".join(body), None, [follower.email])


def _said(event) -> str:
    claim = event.claim
    if event.kind == EventKind.VERDICT and claim.verdict_on:
        on = claim.verdict_on
        return f"judged: {claim.verdict_label} ({on.day} {on:%B %Y})"
    if event.kind == EventKind.PUBLISHED and claim.verdict_on:
        return f"published, judged {claim.verdict_label}"
    return EventKind(event.kind).label


def _entry(event) -> str:
    claim = event.claim
    url = settings.SITE_URL + claim.get_absolute_url()
    return f"- {claim.claimant.name}: “{claim.text}”\n  {_said(event)}\n  {url}"


def collapse(events: list) -> list:
    """A claim published in the same batch is one entry: its new quotes and verdicts are part
    of its publication, not news about it."""
    published = {e.claim_id for e in events if e.kind == EventKind.PUBLISHED}
    kept, seen = [], set()
    for event in events:
        key = (event.claim_id, event.kind, event.object_id)
        if (event.claim_id in published and event.kind != EventKind.PUBLISHED) or key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def alert(follower: Follower, events: list) -> EmailMessage:
    """One mail for `events` (standing, collapsed, oldest first)."""
    shown = events[:LISTED]
    body = [
        f"What happened on {settings.SITE_NAME} to what you follow:",
        "",
        *(_entry(e) for e in shown),
    ]
    if len(events) > len(shown):
        body.append(f"- and {len(events) - len(shown)} more: {settings.SITE_URL}/claims/")
    body += [
        "",
        f"What you follow, and stopping any of it: {manage_url(follower)}",
        f"Stop all alerts to this address: {unsubscribe_url(follower)}",
    ]
    count = len(events)
    subject = f"{settings.SITE_NAME}: {count} update{'s' if count != 1 else ''} on what you follow"
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url(follower)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return EmailMessage(subject, "\n".join(body), None, [follower.email], headers=headers)
