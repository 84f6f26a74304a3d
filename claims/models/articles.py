from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.text.quotes import find_quote

from .choices import DatePrecision, format_partial_date
from .versioning import Versioned


class ArticleQuerySet(models.QuerySet):
    def in_public(self):
        """Articles a published claim quotes: the ones with a public page of their own."""
        # By name: the claims' module imports this one's queries.
        claims = apps.get_model("claims", "Claim").objects.published()
        appearances = apps.get_model("claims", "Appearance").objects
        quoted = appearances.filter(article=models.OuterRef("pk"), claim__in=claims)
        return self.filter(models.Exists(quoted))


class Article(Versioned):
    """A news article that is evidence for claims (or for their outcomes)."""

    slug = models.SlugField(max_length=100, db_index=False)
    title = models.CharField(max_length=300)
    publication = models.CharField("outlet", max_length=200, blank=True)
    byline = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    published_on = models.DateField("published", null=True, blank=True)
    published_on_precision = models.CharField(
        "published date precision",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    retrieved_on = models.DateField("retrieved", null=True, blank=True)
    text = models.TextField(
        blank=True, help_text="The full text as published; quotes are checked against it."
    )
    body_starts_at = models.PositiveIntegerField(
        "body starts at",
        default=0,
        db_default=0,
        help_text="How many characters at the start of the text are page furniture (a "
        "picture slug, a wire code): kept byte for byte, not shown on the public page.",
    )
    notes = models.TextField(
        blank=True,
        db_default="",
        help_text="What a reader should know about this record, e.g. “headline not in the "
        "text” or how its date was worked out. Shown on the public page.",
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="article_slug_unique"),
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="article_url_unique_when_present",
                violation_error_message="An article with this URL is already entered: two "
                "articles cannot share one.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_blank"),
            models.CheckConstraint(
                condition=Q(published_on_precision__in=DatePrecision.values),
                name="article_precision_valid",
            ),
        ]

    def touches_the_record(self) -> bool:
        """Public when a published claim quotes it (its page and the quotes' context)."""
        return Article.objects.in_public().filter(pk=self.pk).exists()

    def __str__(self):
        return f"{self.title} ({self.publication})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.reanchor_appearances()

    def get_absolute_url(self):
        return reverse("claims:article", kwargs={"slug": self.slug})

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_on_precision)

    @property
    def body(self) -> str:
        """The text a reader is shown: without the furniture at its start."""
        return self.text[self.body_starts_at :]

    def clean(self):
        if self.body_starts_at > len(self.text):
            raise ValidationError(
                {"body_starts_at": "The text is shorter than that: it would show nothing."}
            )
        orphaned = self.orphaned_appearances()
        if orphaned:
            names = "; ".join(f"“{a.claim}”" for a in orphaned)
            raise ValidationError(
                {
                    "text": "This text no longer contains the quotes of these claims, "
                    f"which would be left without evidence: {names}. "
                    "Fix the text or edit those appearances first."
                }
            )

    def orphaned_appearances(self):
        """Appearances whose quote would not occur in this (possibly edited) text."""
        if self.pk is None or not self.text:
            return []
        appearances = self.appearances.select_related("claim")
        return [a for a in appearances if find_quote(self.text, a.quote) is None]

    def reanchor_appearances(self):
        """Recompute where each quote sits after the text changed."""
        if self.pk is None:
            return
        for appearance in self.appearances.all():
            appearance.article = self
            if appearance.set_anchor():
                appearance.save(update_fields=_ANCHOR_FIELDS)


_ANCHOR_FIELDS = ["quote_start", "quote_end", "quote_prefix", "quote_suffix"]
