"""Plain factories: each makes one valid object, with overrides for what a test cares about."""

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import slugify

from claims.models import (
    Appearance,
    Article,
    Claim,
    Claimant,
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    Outcome,
    Topic,
    Verdict,
)

_seq = itertools.count(1)

ARTICLE_TEXT = (
    "Officials said the talks would resume “in a couple of weeks.”\n\n"
    "The envoy’s   statement was brief: “We are ready when they are.”"
)


def make_claimant(name=None, **kw):
    name = f"Claimant {next(_seq)}" if name is None else name
    kw.setdefault("kind", ClaimantKind.PERSON)
    kw.setdefault("slug", slugify(name))
    return Claimant.objects.create(name=name, **kw)


def make_topic(name=None, **kw):
    name = f"Topic {next(_seq)}" if name is None else name
    kw.setdefault("slug", slugify(name))
    return Topic.objects.create(name=name, **kw)


def make_article(title=None, **kw):
    title = f"Article {next(_seq)}" if title is None else title
    kw.setdefault("slug", slugify(title))
    kw.setdefault("publication", "The Daily Record")
    kw.setdefault("published_on", datetime.date(2019, 6, 15))
    kw.setdefault("text", ARTICLE_TEXT)
    return Article.objects.create(title=title, **kw)


def make_claim(text=None, **kw):
    text = text or f"Talks will resume within two weeks (claim {next(_seq)})."
    kw.setdefault("slug", slugify(text)[:90] or f"claim-{next(_seq)}")
    if "claimant" not in kw:
        kw["claimant"] = make_claimant()
    kw.setdefault("made_on", datetime.date(2019, 7, 1))
    kw.setdefault("kind", ClaimKind.PREDICTION)
    if kw["kind"] in (ClaimKind.PREDICTION, ClaimKind.PROMISE):
        kw.setdefault("resolution_criteria", "True if the talks resume by the check-by date.")
    kw.setdefault("status", ClaimStatus.PUBLISHED)
    if kw["status"] == ClaimStatus.PUBLISHED:
        kw.setdefault("published_at", timezone.now())  # factories skip the workflow's checks
    topics = kw.pop("topics", [])
    claim = Claim.objects.create(text=text, **kw)
    claim.topics.set(topics)
    return claim


def make_sourced_claim(text=None, **kw):
    """A claim with the evidence that publishing requires: one quote found in its article."""
    claim = make_claim(text, **kw)
    make_appearance(claim)
    return claim


def make_appearance(claim, article=None, quote="in a couple of weeks", **kw):
    article = article or make_article()
    appearance = Appearance(claim=claim, article=article, quote=quote, **kw)
    appearance.full_clean()
    appearance.save()
    return appearance


def make_outcome(claim, verdict=Verdict.FALSE, decided_on=datetime.date(2019, 10, 5), **kw):
    kw.setdefault("explanation", "No meeting took place within two weeks.")
    return Outcome.objects.create(claim=claim, verdict=verdict, decided_on=decided_on, **kw)


def make_user(username, groups=(), **kw):
    user = User.objects.create_user(username=username, password="correct horse battery", **kw)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_editor(username="edna"):
    """Edna, an editor: enters claims and outcomes in the admin."""
    return make_user(username, groups=["editors"], is_staff=True)


def make_chief_editor(username="charles"):
    """Charles, a chief editor: publishes, unpublishes, corrects verdicts, merges."""
    return make_user(username, groups=["chief editors"], is_staff=True)
