"""What sends an alert, and how alerts are grouped: a followed claim's publication,
verdict, correction and new report; a claimant's, a topic's or a saved search's new claims
(and verdicts); never a draft; one mail per address per grouping window; nothing for a
change undone within it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from claims.alerts.dispatch import dispatch, next_due
from claims.models import AlertEvent, Correction, Notice
from claims.workflow.publishing import publish, unpublish
from tests.alerts import committed, confirmed_follow, links_in
from tests.factories import (
    make_appearance,
    make_claim,
    make_claimant,
    make_outcome,
    make_sourced_claim,
    make_topic,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def later(hours: float = 1.01) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


@pytest.fixture
def claim():
    return make_sourced_claim("Talks will resume in a couple of weeks.")


@pytest.fixture
def reader(client, claim):
    confirmed_follow(client, "reader@example.org", claim=claim.slug)
    return "reader@example.org"


def _alerts():
    return [m for m in mail.outbox if "update" in m.subject]


def test_a_verdict_on_a_followed_claim_is_mailed_after_the_grouping_window(reader, claim):
    make_outcome(claim)
    dispatch(now=later(0.5))
    assert _alerts() == []  # within the hour: held, in case it is undone
    dispatch(now=later())
    [alert] = _alerts()
    assert alert.to == [reader]
    assert claim.text in alert.body
    assert "judged: Did not come true (5 October 2019)" in alert.body
    assert f"http://testserver{claim.get_absolute_url()}" in alert.body


def test_a_correction_and_a_new_report_are_mailed(reader, claim):
    Correction.objects.create(claim=claim, note="The date was wrong.")
    make_appearance(claim)
    dispatch(now=later())
    [alert] = _alerts()
    assert "corrected" in alert.body and "reported again" in alert.body
    assert alert.subject.endswith("2 updates on what you follow")


def test_several_changes_are_one_mail_and_the_next_waits_a_window(reader, claim):
    make_outcome(claim)
    Correction.objects.create(claim=claim, note="The explanation named the wrong day.")
    dispatch(now=later())
    assert len(_alerts()) == 1
    make_appearance(claim)
    dispatch(now=later(2.05))  # the report is an hour old, but the last mail went an hour ago
    assert len(_alerts()) == 2
    mail.outbox.clear()
    make_appearance(claim)
    AlertEvent.objects.filter(followers_done=False).update(happened_at=later(1.2) - HOUR)
    dispatch(now=later(2.5))  # the mail at 2.05 was less than an hour ago
    assert _alerts() == []
    assert next_due(later(2.5)) >= later(3.05) - datetime.timedelta(seconds=5)
    dispatch(now=later(3.1))
    assert len(_alerts()) == 1


def test_a_change_undone_within_the_window_sends_nothing(reader, claim):
    outcome = make_outcome(claim)
    outcome.delete()
    appearance = make_appearance(claim)
    appearance.delete()
    dispatch(now=later())
    assert _alerts() == []
    assert not Notice.objects.exists()


def test_a_draft_triggers_nothing(client, claim, chief_editor):
    draft = make_claim("A draft claim nobody sees.", status="draft", claimant=claim.claimant)
    confirmed_follow(client, "reader@example.org", claimant=claim.claimant.slug)
    make_outcome(draft)
    make_appearance(draft)
    Correction.objects.create(claim=draft, note="Not public.")
    assert not AlertEvent.objects.filter(claim=draft).exists()
    dispatch(now=later())
    assert _alerts() == []


def test_an_unpublished_claim_sends_nothing_about_it(reader, claim, chief_editor):
    make_outcome(claim)
    unpublish(claim, chief_editor)
    dispatch(now=later())
    assert _alerts() == []


def test_a_followed_claimant_alerts_on_new_claims_and_verdicts_not_on_corrections(
    client, chief_editor
):
    claimant = make_claimant("Kim Yo Jong")
    old = make_sourced_claim("The old claim.", claimant=claimant)
    confirmed_follow(client, "reader@example.org", claimant=claimant.slug)
    new = make_sourced_claim("The talks will go on.", claimant=claimant, status="draft")
    with committed():
        publish(new, chief_editor)
    make_outcome(old)
    Correction.objects.create(claim=old, note="A typo.")
    dispatch(now=later())
    [alert] = _alerts()
    assert "The talks will go on." in alert.body and "published" in alert.body
    assert "The old claim." in alert.body and "judged" in alert.body
    assert "corrected" not in alert.body


def test_a_followed_topic_alerts_on_its_new_claims(client, chief_editor):
    topic, other = make_topic("Sanctions"), make_topic("Summits")
    make_sourced_claim("A claim on sanctions.", topics=[topic])
    confirmed_follow(client, "reader@example.org", topic=topic.slug)
    on_topic = make_sourced_claim("Sanctions will be lifted.", topics=[topic], status="draft")
    off_topic = make_sourced_claim("The summit will be in Hanoi.", topics=[other], status="draft")
    publish(on_topic, chief_editor)
    publish(off_topic, chief_editor)
    dispatch(now=later())
    [alert] = _alerts()
    assert "Sanctions will be lifted." in alert.body
    assert "Hanoi" not in alert.body


def test_a_saved_search_alerts_on_newly_published_claims_it_finds(client, chief_editor):
    make_sourced_claim("Pyongyang will test a missile.", kind="prediction")
    confirmed_follow(client, "reader@example.org", search="q%3Dmissile")
    found = make_sourced_claim("A missile launch is planned.", status="draft")
    missed = make_sourced_claim("The talks will resume.", status="draft")
    publish(found, chief_editor)
    publish(missed, chief_editor)
    dispatch(now=later())
    [alert] = _alerts()
    assert "A missile launch is planned." in alert.body
    assert "The talks will resume." not in alert.body


def test_a_claim_published_with_its_verdict_is_one_entry(client, chief_editor):
    claimant = make_claimant("John Bolton")
    make_sourced_claim("An earlier claim.", claimant=claimant)
    confirmed_follow(client, "reader@example.org", claimant=claimant.slug)
    draft = make_sourced_claim("Talks will fail.", claimant=claimant, status="draft")
    publish(draft, chief_editor)
    make_outcome(draft)
    make_appearance(draft)
    dispatch(now=later())
    [alert] = _alerts()
    assert alert.body.count("Talks will fail.") == 1
    assert "published, judged" in alert.body


def test_every_alert_carries_one_click_unsubscribe_and_the_follows_page(reader, claim):
    make_outcome(claim)
    dispatch(now=later())
    [alert] = _alerts()
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/follow/unsubscribe/" in unsubscribe and unsubscribe in links_in(alert)
    assert any("/follow/mine/" in link for link in links_in(alert))


def test_each_address_gets_its_own_mail_once(client, claim):
    for n in range(3):
        confirmed_follow(client, f"reader{n}@example.org", claim=claim.slug)
    make_outcome(claim)
    dispatch(now=later())
    dispatch(now=later(1.1))
    assert sorted(m.to[0] for m in _alerts()) == [f"reader{n}@example.org" for n in range(3)]


def test_a_mail_server_that_fails_keeps_the_alert_for_the_next_run(reader, claim, settings):
    make_outcome(claim)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    dispatch(now=later())  # no exception: logged, and the notice kept
    assert Notice.objects.count() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dispatch(now=later(1.1))
    assert len(_alerts()) == 1
