"""The review digest (`manage.py send_review_digest`): each editor gets one email a day
listing the claims that are overdue or fall due in the next week, grouped, each linked to its
admin page. An editor's claims are those they entered; a chief editor's, every claim.

Safe to run as often as cron likes: a digest sent to an editor today is recorded
(DigestSent, one row per editor and day) in the same transaction as the sending, so a second
run the same day sends nothing, and a send that fails leaves no record and is tried again.
"""

import datetime
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from claims.models import Claim, DigestSent
from claims.workflow import can_publish

DUE_WITHIN_DAYS = 7
LISTED = 50  # claims listed per group; the rest are counted and linked


@dataclass
class Digest:
    overdue: list
    overdue_total: int
    due_soon: list
    due_soon_total: int

    @property
    def total(self) -> int:
        return self.overdue_total + self.due_soon_total


def recipients():
    """Active staff in the editors' groups with an email address."""
    groups = Q(groups__name__in=["editors", "chief editors"]) | Q(is_superuser=True)
    users = get_user_model().objects.filter(groups, is_active=True, is_staff=True)
    return users.exclude(email="").distinct().order_by("pk")


def digest_for(user, today: datetime.date) -> Digest:
    claims = Claim.objects.unmerged().pending().select_related("claimant")
    if not can_publish(user):
        claims = claims.filter(created_by=user)
    soon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    overdue = claims.filter(check_by__lt=today).order_by("check_by", "pk")
    due_soon = claims.filter(check_by__gte=today, check_by__lte=soon).order_by("check_by", "pk")
    return Digest(
        list(overdue[:LISTED]), overdue.count(), list(due_soon[:LISTED]), due_soon.count()
    )


def _line(claim, today) -> str:
    url = settings.SITE_URL + reverse("admin:claims_claim_change", args=[claim.pk])
    days = (claim.check_by - today).days
    when = f"{-days} days overdue" if days < 0 else "due today" if days == 0 else f"in {days} days"
    return (
        f"- {claim.text}\n  {claim.claimant.name}; check by {claim.check_by:%Y-%m-%d} ({when}); "
        f"{claim.get_status_display().lower()}\n  {url}"
    )


def _group(title, claims, total, today, desk_key) -> list[str]:
    if not total:
        return []
    lines = [f"{title} ({total})", "", *(_line(c, today) for c in claims)]
    if total > len(claims):
        changelist = settings.SITE_URL + reverse("admin:claims_claim_changelist")
        lines.append(f"- and {total - len(claims)} more: {changelist}?desk={desk_key}")
    return [*lines, ""]


def message(user, digest: Digest, today) -> tuple[str, str]:
    subject = f"{settings.SITE_NAME}: {digest.total} claim(s) to judge ({today:%Y-%m-%d})"
    body = [
        f"Claims {'on the desk' if can_publish(user) else 'you entered'} that are overdue or "
        f"fall due in the next {DUE_WITHIN_DAYS} days, as of {today:%Y-%m-%d}.",
        "",
        *_group("Overdue", digest.overdue, digest.overdue_total, today, "overdue"),
        *_group(
            f"Due in the next {DUE_WITHIN_DAYS} days",
            digest.due_soon,
            digest.due_soon_total,
            today,
            "mine",
        ),  # fmt: skip
        f"Your desk: {settings.SITE_URL}{reverse('admin:index')}",
    ]
    return subject, "\n".join(body)


def send_digests(today: datetime.date | None = None) -> tuple[int, int, list[str]]:
    """Send today's digests: (sent, skipped: already sent today or nothing to say, and why
    each that could not be sent failed; those are tried again on the next run)."""
    today = today or timezone.localdate()
    sent = skipped = 0
    failed = []
    for user in recipients():
        if DigestSent.objects.filter(user=user, sent_on=today).exists():
            skipped += 1
            continue
        digest = digest_for(user, today)
        if not digest.total:
            skipped += 1
            continue
        subject, body = message(user, digest, today)
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, sent_on=today, claims=digest.total)
                send_mail(subject, body, None, [user.email])
        except IntegrityError:  # another run sent it a moment ago
            skipped += 1
            continue
        except (OSError, smtplib.SMTPException) as exc:  # the mail server: no record kept
            failed.append(f"{user.get_username()} <{user.email}>: {exc}")
            continue
        sent += 1
    return sent, skipped, failed


@task()
def send_digests_task() -> dict:
    """The digest as a background task (`send_review_digest --queue` queues it)."""
    sent, skipped, failed = send_digests()
    return {"sent": sent, "skipped": skipped, "failed": failed}
