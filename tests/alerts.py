"""Shared helpers for the follow-and-alerts tests: a reader's follow, confirmed from the
link in the mail, and the links an alert carries."""

import re

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from claims.models import Follower

URL = re.compile(r"https?://\S+")


def links_in(message) -> list[str]:
    return URL.findall(message.body)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def committed():
    """What a change queues after its commit runs at the end of the block (a test's own
    transaction never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def follow(client, email, **what):
    """Ask to follow from the follow page, as a reader does; the response."""
    query = "&".join(f"{key}={value}" for key, value in what.items())
    with committed():
        return client.post(f"{reverse('alerts:follow')}?{query}", {"email": email})


def confirmed_follow(client, email, **what):
    """Follow and confirm from the mail's link, an hour after any earlier confirmation mail
    (one an hour at most); the mail outbox is left empty."""
    Follower.objects.filter(email=email).update(confirmation_sent_at=None)
    follow(client, email, **what)
    confirmation = [m for m in mail.outbox if email in m.to][-1]
    confirm = next(link for link in links_in(confirmation) if "/confirm/" in link)
    response = client.get(path_of(confirm))
    assert response.status_code == 200
    mail.outbox.clear()
    return response
