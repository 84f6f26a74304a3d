"""Every named constraint refuses a violating save, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from claims.models import Appearance, Claim, ClaimStatus
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db


def refused(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def update_claim(claim, **fields):
    return lambda: Claim.objects.filter(pk=claim.pk).update(**fields)


def test_claim_field_constraints():
    claim = make_claim()
    refused(update_claim(claim, text=""))
    refused(update_claim(claim, kind="rumour"))
    refused(update_claim(claim, verdict="banana"))
    refused(update_claim(claim, status="archived"))
    refused(update_claim(claim, made_on_precision="decade"))
    refused(update_claim(claim, check_by=claim.made_on - datetime.timedelta(days=1)))
    refused(update_claim(claim, published_at=None))


def test_check_by_on_the_day_made_is_allowed():
    claim = make_claim(check_by=datetime.date(2019, 7, 1), made_on=datetime.date(2019, 7, 1))
    assert claim.check_by == claim.made_on


def test_draft_needs_no_publication_date():
    claim = make_claim(status=ClaimStatus.DRAFT)
    assert claim.published_at is None


def test_slugs_are_unique():
    claim = make_claim()
    refused(lambda: make_claim(slug=claim.slug))
    claimant = make_claimant("Mike Pompeo")
    refused(lambda: make_claimant("Mike Pompeo II", slug=claimant.slug))
    topic = make_topic("Sanctions")
    refused(lambda: make_topic("Sanctions relief", slug=topic.slug))
    article = make_article("Stalemate")
    refused(lambda: make_article("Stalemate 2", slug=article.slug))


def test_article_url_unique_only_when_present():
    make_article(url="https://example.org/a")
    refused(lambda: make_article(url="https://example.org/a"))
    make_article(url="")
    make_article(url="")  # many articles without a known URL are fine


def test_blank_names_and_titles_refused():
    refused(lambda: make_claimant(name="", slug="x"))
    refused(lambda: make_topic(name="", slug="y"))
    refused(lambda: make_article(title="", slug="z"))
    refused(lambda: make_claimant(kind="alien"))
    refused(lambda: make_article(published_on_precision="century"))


def test_claimant_cannot_be_its_own_affiliation():
    org = make_claimant("State Department", kind="organization")
    refused(lambda: type(org).objects.filter(pk=org.pk).update(affiliation=org))


def test_appearance_constraints():
    claim = make_claim()
    appearance = make_appearance(claim)
    refused(lambda: Appearance.objects.create(claim=claim, article=appearance.article, quote="x"))
    refused(lambda: Appearance.objects.filter(pk=appearance.pk).update(quote=""))
    refused(lambda: Appearance.objects.filter(pk=appearance.pk).update(quote_start=5, quote_end=5))


def test_outcome_constraints():
    claim = make_claim()
    refused(lambda: make_outcome(claim, verdict="banana"))
    refused(lambda: make_outcome(claim, explanation=""))


def test_deleting_claimant_in_use_is_refused():
    claim = make_claim()
    with pytest.raises(ProtectedError):
        claim.claimant.delete()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_deleting_article_in_use_is_refused():
    appearance = make_appearance(make_claim())
    with pytest.raises(ProtectedError):
        appearance.article.delete()
    assert Appearance.objects.filter(pk=appearance.pk).exists()


def test_deleting_organization_with_members_is_refused():
    org = make_claimant("State Department", kind="organization")
    make_claimant("Morgan Ortagus", affiliation=org)
    with pytest.raises(ProtectedError):
        org.delete()


def test_evidence_link_and_correction_constraints():
    claim = make_claim()
    outcome = make_outcome(claim)
    refused(lambda: outcome.links.create(title="", url="https://example.org"))
    refused(lambda: outcome.links.create(title="Source", url=""))
    refused(lambda: claim.corrections.create(note=""))


def test_merge_constraints():
    kept, duplicate = make_claim("Kept claim."), make_claim("Duplicate claim.")
    refused(update_claim(duplicate, merged_into=duplicate))
    # A merged claim is a draft: it cannot be published while it points elsewhere.
    refused(update_claim(duplicate, merged_into=kept))
    Claim.objects.filter(pk=duplicate.pk).update(merged_into=kept, status=ClaimStatus.DRAFT)
    assert Claim.objects.get(pk=duplicate.pk).merged_into == kept
