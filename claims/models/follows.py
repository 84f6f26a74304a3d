"""Who follows what and what they are told: readers' e-mail follows (double opt-in), the
public events that alert them, and partner newsrooms' webhooks with their delivery log
(claims.alerts). None of it is part of the public record: saving it retires no cached page.

A reader's row holds the least that works: the address, what it follows, when it confirmed.
An address that unsubscribes is deleted, not flagged."""

import secrets

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .choices import ClaimStatus


class FollowKind(models.TextChoices):
    CLAIM = "claim", "a claim"
    CLAIMANT = "claimant", "a claimant"
    TOPIC = "topic", "a topic"
    SEARCH = "search", "a saved search"
    EVERYTHING = "everything", "every published claim"  # webhooks only


class EventKind(models.TextChoices):
    PUBLISHED = "published", "published"
    VERDICT = "verdict", "judged"
    CORRECTION = "correction", "corrected"
    APPEARANCE = "appearance", "reported again"


# What a claimant, a topic or a saved search alerts on: new claims and their verdicts. A
# followed claim alerts on everything that happens to it.
WIDE_EVENTS = (EventKind.PUBLISHED, EventKind.VERDICT)


class Followed(models.Model):
    """What a follow or a webhook is about: one claim, claimant or topic, a saved search (a
    list's query string), or (webhooks) everything."""

    outside_the_record = True

    kind = models.CharField(max_length=10, choices=FollowKind.choices)
    claim = models.ForeignKey("claims.Claim", null=True, blank=True, on_delete=models.CASCADE)
    claimant = models.ForeignKey("claims.Claimant", null=True, blank=True, on_delete=models.CASCADE)
    topic = models.ForeignKey("claims.Topic", null=True, blank=True, on_delete=models.CASCADE)
    search = models.CharField(
        max_length=500, blank=True, help_text="A saved search: the list's query string."
    )

    class Meta:
        abstract = True

    @classmethod
    def one_target(cls, prefix: str) -> models.CheckConstraint:
        """Each kind names its own target and nothing else."""
        empty = {"claim__isnull": True, "claimant__isnull": True, "topic__isnull": True}

        def only(**given):
            return Q(**{**empty, **given})

        return models.CheckConstraint(
            condition=(
                Q(kind=FollowKind.CLAIM) & only(claim__isnull=False) & Q(search="")
                | Q(kind=FollowKind.CLAIMANT) & only(claimant__isnull=False) & Q(search="")
                | Q(kind=FollowKind.TOPIC) & only(topic__isnull=False) & Q(search="")
                | Q(kind=FollowKind.SEARCH) & only() & ~Q(search="")
                | Q(kind=FollowKind.EVERYTHING) & only() & Q(search="")
            ),
            name=f"{prefix}_one_target",
        )

    @property
    def target(self):
        return self.claim or self.claimant or self.topic

    def describe(self) -> str:
        if self.kind == FollowKind.SEARCH:
            return f"the claims list filtered by “{self.search}”"
        if self.kind == FollowKind.EVERYTHING:
            return "every published claim"
        return f"{self.get_kind_display()}: {self.target}"


class Follower(models.Model):
    outside_the_record = True

    email = models.EmailField(unique=True)  # stored in lower case
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the last confirmation mail went: never two within an hour to one address.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # When the last alert went: one mail per grouping window at most.
    alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # Forgetting addresses never confirmed: unconfirmed rows by age.
            models.Index(
                fields=["created_at"],
                condition=Q(confirmed_at__isnull=True),
                name="follower_unconfirmed_idx",
            ),
        ]

    def __str__(self):
        return self.email


class Follow(Followed):
    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)
    # A follow alerts only once its address confirmed it (the link in the confirmation mail).
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            Followed.one_target("follow"),
            models.CheckConstraint(
                condition=~Q(kind=FollowKind.EVERYTHING), name="follow_not_everything"
            ),
            *(
                models.UniqueConstraint(
                    fields=["follower", field], condition=Q(kind=kind), name=f"follow_{field}_once"
                )
                for kind, field in [
                    (FollowKind.CLAIM, "claim"),
                    (FollowKind.CLAIMANT, "claimant"),
                    (FollowKind.TOPIC, "topic"),
                    (FollowKind.SEARCH, "search"),
                ]
            ),
        ]

    def __str__(self):
        return f"{self.follower} follows {self.describe()}"


class AlertEventQuerySet(models.QuerySet):
    def standing(self):
        """Events whose change still stands: the claim is published and the outcome,
        correction or appearance that made the event still exists. A change undone before
        its alert goes sends nothing."""
        from .claims import Claim
        from .evidence import Appearance, Correction, Outcome

        def exists(model):
            return Exists(model.objects.filter(pk=OuterRef("object_id"), claim=OuterRef("claim")))

        published = Exists(Claim.objects.filter(pk=OuterRef("claim"), status=ClaimStatus.PUBLISHED))
        return self.filter(published).filter(
            Q(kind=EventKind.PUBLISHED)
            | Q(kind=EventKind.VERDICT) & exists(Outcome)
            | Q(kind=EventKind.CORRECTION) & exists(Correction)
            | Q(kind=EventKind.APPEARANCE) & exists(Appearance)
        )


class AlertEvent(models.Model):
    """A public change someone may follow, recorded in the transaction that made it."""

    outside_the_record = True

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    # The outcome, correction or appearance the event is about (none for a publication).
    object_id = models.BigIntegerField(null=True, blank=True)
    happened_at = models.DateTimeField(default=timezone.now)
    webhooks_done = models.BooleanField(default=False)
    followers_done = models.BooleanField(default=False)

    objects = AlertEventQuerySet.as_manager()

    class Meta:
        ordering = ["happened_at", "pk"]
        indexes = [
            # The dispatch passes: events not yet handed to webhooks or followers, oldest first.
            models.Index(
                fields=["happened_at"],
                condition=Q(webhooks_done=False) | Q(followers_done=False),
                name="alert_event_waiting_idx",
            ),
        ]

    def __str__(self):
        return f"{self.claim_id} {self.get_kind_display()} at {self.happened_at:%Y-%m-%d %H:%M}"


class Notice(models.Model):
    """An event waiting for its follower's next mail (several are grouped into one)."""

    outside_the_record = True

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(AlertEvent, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            # Also the lookup of a follower's waiting notices.
            models.UniqueConstraint(fields=["follower", "event"], name="notice_once"),
        ]

    def __str__(self):
        return f"{self.event} for {self.follower}"


class DispatchDue(models.Model):
    """A dispatch of alerts queued for this minute: one per minute, however many changes
    ask (claims.alerts.dispatch.schedule)."""

    outside_the_record = True

    due_at = models.DateTimeField(unique=True)

    def __str__(self):
        return f"dispatch at {self.due_at:%Y-%m-%d %H:%M}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(Followed):
    """A partner newsroom's receiver: what it follows, where to send, the shared secret."""

    name = models.CharField(max_length=200, help_text="Whose receiver this is.")
    url = models.URLField(
        "address", max_length=500, help_text="https, outside private networks; no redirects."
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Signs each delivery (HMAC-SHA256); give it to the partner once.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [Followed.one_target("webhook")]

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "to be tried"
    DELIVERED = "delivered", "delivered"
    FAILED = "failed", "given up"


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: the body as first signed, and how each try went."""

    outside_the_record = True

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        AlertEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(max_length=20, help_text="The event's kind, or “test”.")
    body = models.TextField(help_text="The JSON sent, the same bytes at every try.")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            # The retry pass: deliveries still to be tried whose time has come.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.what} to {self.endpoint} ({self.get_status_display()})"
