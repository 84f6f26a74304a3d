"""Following by e-mail: double opt-in, the least kept, one-click unsubscribe, and every bad
request a page saying why (never a 500, never a mail to an unconfirmed address)."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims.alerts.dispatch import dispatch
from claims.alerts.links import CONFIRM, MANAGE, token
from claims.models import Follow, Follower, FollowKind
from tests.alerts import confirmed_follow, follow, links_in, path_of
from tests.factories import make_claim, make_outcome, make_sourced_claim, make_topic

pytestmark = pytest.mark.django_db
FOLLOW = reverse("alerts:follow")


@pytest.fixture
def claim():
    return make_sourced_claim("Talks will resume in a couple of weeks.")


def test_the_claim_page_links_to_its_follow_form(client, claim):
    page = client.get(claim.get_absolute_url()).content.decode()
    assert f'href="{FOLLOW}?claim={claim.slug}"' in page
    form = client.get(f"{FOLLOW}?claim={claim.slug}")
    assert form.status_code == 200
    assert claim.text in form.content.decode()


def test_following_sends_one_confirmation_and_nothing_else_until_confirmed(client, claim):
    response = follow(client, "Reader@Example.org ", claim=claim.slug)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    follower = Follower.objects.get()
    assert follower.email == "reader@example.org"
    assert follower.confirmed_at is None
    assert Follow.objects.get().confirmed_at is None
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert claim.text in mail.outbox[0].body
    assert any("/follow/confirm/" in link for link in links_in(mail.outbox[0]))


def test_an_unconfirmed_address_gets_no_alert(client, claim, settings):
    settings.ALERT_GROUP_SECONDS = 0
    follow(client, "reader@example.org", claim=claim.slug)
    mail.outbox.clear()
    make_outcome(claim)
    dispatch()
    assert mail.outbox == []


def test_the_confirmation_link_turns_the_follow_on(client, claim):
    response = confirmed_follow(client, "reader@example.org", claim=claim.slug)
    assert "Confirmed" in response.content.decode()
    assert Follower.objects.get().confirmed_at is not None
    assert Follow.objects.get().confirmed_at is not None


def test_no_second_confirmation_mail_within_the_hour(client, claim):
    other = make_sourced_claim("The summit will take place in Hanoi.")
    follow(client, "reader@example.org", claim=claim.slug)
    follow(client, "reader@example.org", claim=other.slug)
    assert len(mail.outbox) == 1
    Follower.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=2))
    follow(client, "reader@example.org", claim=other.slug)
    assert len(mail.outbox) == 2
    assert other.text in mail.outbox[1].body  # the waiting follows, both of them
    assert claim.text in mail.outbox[1].body


def test_the_answer_is_the_same_whether_or_not_the_address_follows_already(client, claim):
    first = follow(client, "reader@example.org", claim=claim.slug).content
    again = follow(client, "reader@example.org", claim=claim.slug).content
    stranger = follow(client, "someone@example.org", claim=claim.slug).content

    def text(page):
        return page.decode().replace("csrfmiddlewaretoken", "")

    assert text(first) == text(again) == text(stranger)


@pytest.mark.parametrize(
    "query, message",
    [
        ("claim=no-such-claim", "There is no published claim at that address."),
        ("claimant=nobody", "no claimant with published claims"),
        ("topic=nothing", "no topic with published claims"),
        ("search=verdict%3Dnonsense", "This search’s filters are not valid"),
        ("search=page%3D2", "Choose some filters on the list first"),
        ("search=" + "q%3Dmissile%26" * 60, "too long to follow"),
        ("", "Say what to follow"),
    ],
)
def test_what_cannot_be_followed_is_a_page_saying_why(client, query, message):
    response = client.get(f"{FOLLOW}?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_drafts_address_cannot_be_followed(client):
    draft = make_claim("A draft nobody sees.", status="draft")
    response = follow(client, "reader@example.org", claim=draft.slug)
    assert response.status_code == 400
    assert "no published claim" in response.content.decode()
    assert not Follower.objects.exists()
    assert mail.outbox == []


def test_an_invalid_address_is_a_form_error(client, claim):
    response = follow(client, "not an address", claim=claim.slug)
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Follower.objects.exists()


def test_a_saved_search_keeps_its_filters_not_its_page_or_order(client):
    topic = make_topic("Sanctions")
    make_sourced_claim("Sanctions will stay.", topics=[topic])
    follow(client, "reader@example.org", search="page%3D3%26topic%3Dsanctions%26sort%3Dnewest")
    followed = Follow.objects.get()
    assert (followed.kind, followed.search) == (FollowKind.SEARCH, "topic=sanctions")


def test_one_address_follows_a_bounded_number_of_things(client, settings):
    settings.ALERTS_MAX_FOLLOWS = 2
    claims = [make_sourced_claim(f"Claim number {i} will happen.") for i in range(3)]
    for claim in claims[:2]:
        assert follow(client, "reader@example.org", claim=claim.slug).status_code == 200
    refused = follow(client, "reader@example.org", claim=claims[2].slug)
    assert refused.status_code == 400
    assert "already follows 2 things" in refused.content.decode()
    assert Follow.objects.count() == 2


def test_the_follow_form_is_rate_limited_per_client_and_per_address(client, claim, settings):
    settings.FOLLOW_RATE = "2/h"
    for n in range(2):
        assert follow(client, f"reader{n}@example.org", claim=claim.slug).status_code == 200
    limited = follow(client, "reader9@example.org", claim=claim.slug)
    assert limited.status_code == 429
    assert "Too many requests" in limited.content.decode()
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    for _ in range(2):
        follow(elsewhere, "same@example.org", claim=claim.slug)
    other_client = Client(REMOTE_ADDR="192.0.2.8")
    assert follow(other_client, "same@example.org", claim=claim.slug).status_code == 429


def test_tampered_and_expired_links_are_a_page_saying_why(client, claim):
    follow(client, "reader@example.org", claim=claim.slug)
    follower = Follower.objects.get()
    good = token(follower, CONFIRM)
    tampered = client.get(reverse("alerts:confirm", args=[good[:-3] + "abc"]))
    assert tampered.status_code == 400
    assert "not one we sent" in tampered.content.decode()
    wrong_purpose = client.get(reverse("alerts:manage", args=[good]))
    assert wrong_purpose.status_code == 400
    eight_days_ago = (timezone.now() - datetime.timedelta(days=8)).timestamp()
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        old = token(follower, CONFIRM)
    expired = client.get(reverse("alerts:confirm", args=[old]))
    assert expired.status_code == 400
    assert "expired" in expired.content.decode()
    assert Follower.objects.get().confirmed_at is None


def test_an_alerts_page_lists_what_the_address_follows_and_stops_any_of_it(client, claim):
    other = make_sourced_claim("The summit will take place in Hanoi.")
    confirmed_follow(client, "reader@example.org", claim=claim.slug)
    confirmed_follow(client, "reader@example.org", claim=other.slug)
    follower = Follower.objects.get()
    page = reverse("alerts:manage", args=[token(follower, MANAGE)])
    listed = client.get(page).content.decode()
    assert claim.text in listed and other.text in listed
    first = follower.follows.get(claim=claim)
    client.post(page, {"unfollow": first.pk})
    assert list(follower.follows.values_list("claim", flat=True)) == [other.pk]
    gone = client.post(page, {"unfollow": follower.follows.get().pk})
    assert "Alerts stopped" in gone.content.decode()
    assert not Follower.objects.exists()  # following nothing: the address is deleted


def test_one_click_unsubscribe_deletes_the_address_and_a_get_only_asks(client, claim):
    confirmed_follow(client, "reader@example.org", claim=claim.slug)
    follower = Follower.objects.get()
    link = reverse("alerts:unsubscribe", args=[token(follower, MANAGE)])
    asked = client.get(link)
    assert asked.status_code == 200 and Follower.objects.exists()
    # RFC 8058: the mail client POSTs, with no cookie and no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert not Follower.objects.exists() and not Follow.objects.exists()
    again = client.get(link)
    assert again.status_code == 400
    assert "no longer follows" in again.content.decode()


def test_addresses_never_confirmed_are_forgotten_after_seven_days(client, claim):
    follow(client, "late@example.org", claim=claim.slug)
    confirmed_follow(client, "kept@example.org", claim=claim.slug)
    dispatch(now=timezone.now() + datetime.timedelta(days=6))
    assert Follower.objects.count() == 2
    dispatch(now=timezone.now() + datetime.timedelta(days=8))
    assert list(Follower.objects.values_list("email", flat=True)) == ["kept@example.org"]


def test_a_confirmation_the_mail_server_refuses_is_sent_at_the_next_ask(client, claim, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    response = follow(client, "reader@example.org", claim=claim.slug)
    assert response.status_code == 200  # the reader is not shown the mail server's failure
    assert Follower.objects.get().confirmation_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    follow(client, "reader@example.org", claim=claim.slug)
    assert len(mail.outbox) == 1
    assert path_of(links_in(mail.outbox[0])[0]).startswith("/follow/confirm/")
