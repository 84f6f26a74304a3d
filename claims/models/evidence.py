from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from claims.quotes import find_quote

from .choices import Verdict
from .versioning import Versioned

# A claim's appearances, earliest article first: the first is its "first appearance".
EARLIEST_FIRST = (models.F("article__published_on").asc(nulls_last=True), "pk")


class Appearance(Versioned):
    """The evidence that a claim was made: an article and the exact quote it printed."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="appearances")
    article = models.ForeignKey(
        "claims.Article", on_delete=models.PROTECT, related_name="appearances"
    )
    quote = models.TextField(help_text="The exact words as printed in the article.")
    attribution_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="When attribution is indirect, how the article puts it ('officials said').",
    )
    # Where the quote sits in the article text (W3C TextQuoteSelector style), set on save.
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_prefix = models.CharField(max_length=64, blank=True, editable=False)
    quote_suffix = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "article"], name="appearance_once_per_article"
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="appearance_quote_not_blank"),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True) | Q(quote_end__gt=models.F("quote_start")),
                name="appearance_anchor_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.claim} — {self.article.title}"

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.set_anchor()
        super().save(*args, **kwargs)

    def clean(self):
        if self.article_id is None or not self.quote:
            return
        if self.article.text and find_quote(self.article.text, self.quote) is None:
            raise ValidationError(
                {
                    "quote": f"This quote does not occur in the text of “{self.article.title}”. "
                    "Copy it exactly as printed (differences in spacing and curly or "
                    "straight quotes are ignored)."
                }
            )

    def set_anchor(self) -> bool:
        """Store where the quote sits in the article text; True when that changed."""
        anchor = find_quote(self.article.text, self.quote) if self.article.text else None
        values = (
            (anchor.start, anchor.end, anchor.prefix, anchor.suffix)
            if anchor
            else (None, None, "", "")
        )
        old = (self.quote_start, self.quote_end, self.quote_prefix, self.quote_suffix)
        self.quote_start, self.quote_end, self.quote_prefix, self.quote_suffix = values
        return old != values


class Outcome(Versioned):
    """One entry in a claim's outcome timeline. The latest sets the claim's current verdict."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="outcomes")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    decided_on = models.DateField("date decided")
    explanation = models.TextField(help_text="Why this verdict: name the facts that decide it.")
    evidence_articles = models.ManyToManyField(
        "claims.Article", blank=True, related_name="cited_by_outcomes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[evidence_articles])

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="outcome_verdict_valid"
            ),
            models.CheckConstraint(
                condition=~Q(explanation=""), name="outcome_explanation_not_blank"
            ),
        ]
        indexes = [
            # Claim.sync_verdict(): a claim's latest outcome.
            models.Index(fields=["claim", "-decided_on", "-id"], name="outcome_latest_idx"),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()} on {self.decided_on}"


class Correction(models.Model):
    """A public, dated record that a published claim changed: the editor's note saying why,
    and claimtrack's own account of what changed. Written only by claims.workflow."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="corrections")
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections"
    )
    note = models.TextField(help_text="What was corrected and why; shown on the public page.")
    changes = models.TextField(
        blank=True, help_text="What changed, as claimtrack recorded it; shown with the note."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_blank"),
        ]

    def __str__(self):
        return f"Correction of {self.created_at:%Y-%m-%d}: {self.note[:60]}"


class EvidenceLink(Versioned):
    """A source for an outcome that is not a stored article: a title, a link and its date."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=500)
    published_on = models.DateField("date", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="evidencelink_title_not_blank"),
            models.CheckConstraint(condition=~Q(url=""), name="evidencelink_url_not_blank"),
        ]

    def __str__(self):
        return self.title


def _claim_left_behind(instance):
    """When a row is saved onto another claim (a merge moves them), the claim it leaves."""
    if instance.pk is None:
        return None
    stored = type(instance).objects.filter(pk=instance.pk).values_list("claim_id", flat=True)
    left = stored.first()
    return left if left not in (None, instance.claim_id) else None


@receiver(pre_save, sender=Appearance)
@receiver(pre_save, sender=Outcome)
def _remember_claim_left(sender, instance, raw=False, **kwargs):
    _note_raw_load(sender, instance, raw)
    instance._claim_left = None if raw else _claim_left_behind(instance)


def _resync_claim_left(instance, resync):
    from .claims import Claim

    left, instance._claim_left = getattr(instance, "_claim_left", None), None
    if left is not None and (claim := Claim.objects.filter(pk=left).first()):
        resync(claim)
        Claim.touch(left)


def _live_claim(instance):
    """The claim an appearance or outcome belongs to; None while that claim is deleted."""
    from .claims import Claim

    try:
        return instance.claim
    except Claim.DoesNotExist:
        return None


@receiver(post_save, sender=Appearance)
@receiver(post_delete, sender=Appearance)
def _appearance_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata restores stored values as they were
    # Quotes are searchable with their claim.
    if claim := _live_claim(instance):
        claim.refresh_search_text()
    _claim_touched(instance.claim_id)
    _resync_claim_left(instance, lambda claim: claim.refresh_search_text())


@receiver(post_save, sender=Outcome)
@receiver(post_delete, sender=Outcome)
def _outcome_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata restores stored values as they were
    # Signals rather than Outcome.save()/delete(), so queryset and cascade deletes count too.
    if claim := _live_claim(instance):
        claim.sync_verdict()
    _claim_touched(instance.claim_id)
    _resync_claim_left(instance, lambda claim: claim.sync_verdict())


@receiver(post_save, sender=EvidenceLink)
@receiver(post_delete, sender=EvidenceLink)
def _link_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    Outcome.touch(instance.outcome_id)
    _claim_touched(Outcome.objects.filter(pk=instance.outcome_id).values("claim_id")[:1])


@receiver(m2m_changed, sender=Outcome.evidence_articles.through)
def _evidence_articles_changed(sender, instance, action, **kwargs):
    if _upkeep_wanted(instance, action, Outcome):
        Outcome.touch(instance.pk)
        _claim_touched(instance.claim_id)


def _upkeep_wanted(instance, action, model) -> bool:
    """An m2m change after the fact, not one a fixture load (loaddata) replays."""
    loading = getattr(instance, "_raw_load", False)
    return action.startswith("post_") and isinstance(instance, model) and not loading


@receiver(pre_save, sender=EvidenceLink)
def _note_raw_load(sender, instance, raw=False, **kwargs):
    """A fixture load (loaddata) writes rows as they were: no upkeep of derived values or
    versions, and no history for the many-to-many links it replays."""
    instance._raw_load = raw
    if raw:
        instance.skip_history_when_saving = True


def _claim_touched(claim_id):
    """Anything hanging off a claim changed: move its version, so a claim form opened before
    (whose inlines show the old state) is refused rather than silently reverting it."""
    from .claims import Claim

    Claim.touch(claim_id)
