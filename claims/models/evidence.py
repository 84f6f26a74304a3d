from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.text.quotes import find_quote

from .choices import Verdict, verdict_label
from .versioning import Versioned

# A claim's appearances, earliest article first: the first is its "first appearance".
EARLIEST_FIRST = (models.F("article__published_on").asc(nulls_last=True), "pk")


def claim_is_published(**claim) -> bool:
    """Whether the claim a row hangs off is published: only then is a change to the row a
    public change (claims.models.state moves the generation)."""
    claims = apps.get_model("claims", "Claim").objects  # by name: claims.py imports this room
    return claims.published().filter(**claim).exists()


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
                fields=["claim", "article"],
                name="appearance_once_per_article",
                violation_error_message=(
                    "This claim is already quoted from this article; edit that quote instead."
                ),
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="appearance_quote_not_blank"),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True) | Q(quote_end__gt=models.F("quote_start")),
                name="appearance_anchor_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.claim} — {self.article.title}"

    def touches_the_record(self) -> bool:
        return claim_is_published(pk=self.claim_id)

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
        # Where it was anchored before (or where the editor chose) wins, if it still fits.
        text = self.article.text
        anchor = find_quote(text, self.quote, at=self.quote_start) if text else None
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
            # The "new verdicts" Atom feed: outcomes, most recently entered first.
            models.Index(fields=["-created_at", "-id"], name="outcome_recent_idx"),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()} on {self.decided_on}"

    def touches_the_record(self) -> bool:
        return claim_is_published(pk=self.claim_id)

    @property
    def verdict_label(self) -> str:
        """The verdict in its claim's kind's words (the claim is prefetched with it)."""
        return verdict_label(self.verdict, self.claim.kind)


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

    def touches_the_record(self) -> bool:
        return claim_is_published(pk=self.claim_id)


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

    def touches_the_record(self) -> bool:
        return claim_is_published(outcomes=self.outcome_id)
