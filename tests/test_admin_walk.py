"""Every admin door, walked: each change page, history restore page, delete page
and bulk action of the claims app is posted with each of its fields changed in turn (and
unchanged, which on a restore page is a change), by an editor and by a chief editor. None
may change a published claim's public record without the public correction the rule
demands, break its address, or leave it without evidence."""

import re

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from claims import workflow
from claims.models import Claim, Correction, EvidenceLink, Outcome, Verdict
from tests.admin_forms import form_data
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db

# The slug is not here: the rule for an address is that the old one redirects (checked apart).
CLAIM_FIELDS = [
    "text", "claimant", "claimant_role", "made_on", "made_on_precision", "kind",
    "check_by", "status", "verdict", "verdict_on", "merged_into",
]  # fmt: skip
CHOICES = {
    "kind": ["prediction", "promise"],
    "made_on_precision": ["day", "month"],
    "published_on_precision": ["day", "year"],
    "verdict": ["false", "true"],
    "status": ["published", "draft"],
}
SKIPPED = re.compile(
    r"(^csrfmiddlewaretoken$|^version$|^_|__prefix__|_FORMS$|-id$|-claim$|-outcome$|"
    r"correction_note$|^not_a_duplicate$)"
)


def public_record(pk):
    """What a reader can see of a claim (beyond shared names and article texts)."""
    claim = Claim.objects.get(pk=pk)
    outcomes = Outcome.objects.filter(claim=claim)
    return {
        "claim": model_to_dict(claim, fields=CLAIM_FIELDS),
        "topics": sorted(claim.topics.values_list("pk", flat=True)),
        "quotes": sorted(
            claim.appearances.values_list("pk", "article", "quote", "attribution_note")
        ),
        "outcomes": sorted(outcomes.values_list("pk", "verdict", "decided_on", "explanation")),
        "evidence": sorted(outcomes.values_list("pk", "evidence_articles")),
        "links": sorted(EvidenceLink.objects.filter(outcome__claim=claim).values_list(
            "pk", "title", "url", "published_on"
        )),
    }  # fmt: skip


@pytest.fixture
def world():
    """A published claim with every kind of row hanging off it, each with an earlier
    version in its history; and the other rows a forged post might point them at."""
    claimant, article = make_claimant("Stephen Biegun"), make_article("Talks report")
    claim = make_claim("Talks will resume soon.", claimant=claimant)
    claim.text = "Talks will resume within two weeks."
    claim.save()
    appearance = make_appearance(claim, article)
    appearance.attribution_note = "officials said"
    appearance.save()
    outcome = make_outcome(claim, Verdict.TRUE)
    outcome.verdict = Verdict.FALSE
    outcome.save()
    outcome.evidence_articles.add(article)
    link = outcome.links.create(title="Old title", url="https://example.org/a")
    link.title = "Wire report"
    link.save()
    draft = make_claim("A draft.", status="draft")
    workflow.record(None, claim, [workflow.Change("claim", "change", "x")], "Earlier fix.")
    return {
        "published": claim,
        "rows": {
            "claim": claim,
            "appearance": appearance,
            "outcome": outcome,
            "evidencelink": link,
            "claimant": claimant,
            "article": article,
            "topic": make_topic(
                "Summits",
            ),
            "correction": Correction.objects.get(),
        },
        "alternates": {
            "claim": draft.pk,
            "claimant": make_claimant("Mike Pompeo").pk,
            "affiliation": make_claimant("State Department", kind="organization").pk,
            "article": make_article("Other report").pk,
            "evidence_articles": make_article("Third report").pk,
            "topics": make_topic("Sanctions").pk,
            "outcome": make_outcome(draft).pk,
        },
    }


def mutate(key, value, alternates):
    base = key.split("-")[-1]
    if base in alternates:
        return str(alternates[base])
    if base in CHOICES:
        return next(v for v in CHOICES[base] if v != value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        return "2019-07-15"
    return {
        "quote": "We are ready when they are.",
        "url": "https://example.org/changed",
        "slug": f"{value}-changed",
    }.get(base, f"{value} (changed)" if value else "changed")


def variants(data, alternates):
    yield "unchanged", data
    for key, values in data.items():
        if not SKIPPED.search(key):
            yield key, {**data, key: [mutate(key, values[0] if values else "", alternates)]}
    for key in data:
        if key.endswith("-id") and data[key] != [""]:
            yield f"{key[:-3]}-DELETE", {**data, f"{key[:-3]}-DELETE": ["on"]}


def with_notes(data):
    return {k: (["A note."] if k.endswith("correction_note") else v) for k, v in data.items()}


def door_urls(rows):
    for model, obj in rows.items():
        yield f"admin:claims_{model}_change", [obj.pk], None
        earliest = obj.history.order_by("history_id").first()
        yield f"admin:claims_{model}_simple_history", [obj.pk, earliest.history_id], None
        yield f"admin:claims_{model}_delete", [obj.pk], {"post": ["yes"]}
        action = {"action": ["delete_selected"], "_selected_action": [obj.pk], "post": ["yes"]}
        yield f"admin:claims_{model}_changelist", [], action
    for action in ("publish_selected", "unpublish_selected", "merge_selected"):
        data = {"action": [action], "_selected_action": [rows["claim"].pk], "confirm": ["1"]}
        yield "admin:claims_claim_changelist", [], data


@pytest.mark.parametrize("persona", ["editor_client", "chief_client"])
def test_no_admin_door_changes_a_published_claim_without_its_record(request, persona, world):
    client = request.getfixturevalue(persona)
    claim = world["published"]
    address = claim.get_absolute_url()
    walked = 0
    for name, args, fixed in door_urls(world["rows"]):
        url = reverse(name, args=args)
        if fixed is not None:
            attempts = [(name, fixed)]
        elif client.get(url).status_code != 200:
            continue  # a page this persona may not open (a correction's change page)
        else:
            attempts = variants(form_data(client, url), world["alternates"])
        for label, data in attempts:
            for posted in (data, with_notes(data)):
                walked += 1
                _post_and_check(client, url, posted, claim, address, f"{url} {label}")
    assert walked > 150  # every field of every page, not a handful


def _post_and_check(client, url, data, claim, address, what):
    before = public_record(claim.pk)
    records = Correction.objects.filter(claim=claim).count()
    with transaction.atomic():
        response = client.post(url, data)
        assert response.status_code in (200, 302, 403), what
        after = public_record(claim.pk)
        if after["claim"]["status"] != "published":
            # Taking a claim out of public is the workflow's unpublish: chief editors only.
            latest = claim.history.first()
            assert workflow.can_publish(latest.history_user), f"{what} unpublished it"
            assert latest.history_change_reason == "Unpublished", what
        else:
            _check_public(client, before, after, records, claim, address, what)
        transaction.set_rollback(True)


def _check_public(client, before, after, records, claim, address, what):
    if after != before:
        changed = [k for k in after if after[k] != before[k]]
        new_records = Correction.objects.filter(claim=claim).count() - records
        assert new_records > 0, f"{what} changed {changed} with no public record"
    page = client.get(address, follow=True)
    assert page.status_code == 200, f"{what} broke the claim's address"
    assert "<mark>" in page.content.decode(), f"{what} left the claim without a quote"
