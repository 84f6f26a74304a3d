"""The Claim: one checkable sentence someone said, and the addresses it had. (Past 300 lines
on purpose: most of it is the model's constraints and indexes, each commented with the query
it serves; its rules as queries are in claim_queries.py.)"""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.vendor import PostgresOnlyGinIndex, PostgresOnlyIndex, SqliteOnlyIndex

from .choices import (
    ClaimKind,
    ClaimStatus,
    DatePrecision,
    Verdict,
    claimreview_rating,
    format_partial_date,
    needs_criteria,
    verdict_label,
)
from .claim_queries import ClaimQuerySet
from .derived import verdict_updates
from .evidence import claim_is_published
from .versioning import Versioned


def _someone():
    """A user this claim names (who published it, entered it, handed it over): kept blank,
    never the claim deleted, when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class Claim(Versioned):
    """One checkable sentence someone said, in the editor's words."""

    text = models.TextField(
        "claim", max_length=1000, help_text="The claim as one checkable sentence."
    )
    short_text = models.CharField(
        "short form",
        max_length=75,
        blank=True,
        db_default="",  # rows written by bulk loads (bench/fill.py) leave it out
        help_text="The claim in 75 characters or fewer, for fact-check readers' ClaimReview "
        "(Google shows it on a phone without wrapping). Blank: the claim itself.",
    )
    slug = models.SlugField("address", max_length=100, db_index=False)
    claimant = models.ForeignKey("claims.Claimant", on_delete=models.PROTECT, related_name="claims")
    claimant_role = models.CharField(
        "role at the time",
        max_length=200,
        blank=True,
        help_text="The claimant's role when the claim was made, e.g. 'National Security Adviser'.",
    )
    made_on = models.DateField("date made")
    made_on_precision = models.CharField(
        "date precision", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    check_by = models.DateField(
        "check by",
        null=True,
        blank=True,
        help_text="From when a prediction or promise can be judged.",
    )
    resolution_criteria = models.TextField(
        "resolution criteria",
        max_length=2000,
        blank=True,
        db_default="",  # bulk loaders (bench.fill's COPY) may leave the column out
        help_text=(
            "What would make it come true or false, and by when: written when the claim is "
            "entered. Required to publish a prediction or a promise; once published, a change "
            "is a public correction by a chief editor."
        ),
    )
    topics = models.ManyToManyField("claims.Topic", blank=True, related_name="claims")
    # Derived from the outcome timeline by sync_verdict(); never edited directly.
    verdict = models.CharField(
        max_length=20, choices=Verdict.choices, default=Verdict.PENDING, editable=False
    )
    verdict_on = models.DateField("verdict date", null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = _someone()
    # Who entered it (the desk's "your drafts"); blank where no record says.
    created_by = _someone()
    # A draft handed to a chief editor (claims.workflow.hand_over): "ready for review"
    # from then until it is published or handed back.
    review_requested_at = models.DateTimeField(
        "ready for review since", null=True, blank=True, editable=False
    )
    review_requested_by = _someone()
    review_note = models.TextField(
        "note to the chief editor",
        blank=True,
        db_default="",
        help_text="What to look at when reviewing this draft (kept with the claim, never public).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_claims",
        help_text="The claim this duplicate was merged into; its URL redirects there.",
    )
    # How many times it was reported said (its appearances); kept with the search text, as
    # both change with the quotes. The list sorts by it (sort=repeated).
    appearance_count = models.PositiveIntegerField(
        "times reported", default=0, db_default=0, editable=False
    )
    # Claim text, claimant name and quotes, for search; kept by refresh_search_text().
    search_text = models.TextField(blank=True, editable=False)
    # PostgreSQL only: the stored tsvector of search_text (NULL on other databases).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[topics],
        excluded_fields=["search_text", "search_vector", "appearance_count"],
    )

    class Meta:
        ordering = ["-made_on", "-pk"]
        permissions = [
            ("publish_claim", "Can publish and unpublish claims and change published verdicts"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="claim_slug_unique"),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="claim_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(status=ClaimStatus.DRAFT),
                name="claim_merged_is_not_published",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_blank"),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="claim_verdict_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(made_on_precision__in=DatePrecision.values),
                name="claim_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(check_by__isnull=True) | Q(check_by__gte=F("made_on")),
                name="claim_check_by_not_before_made",
            ),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.DRAFT) | Q(published_at__isnull=False),
                name="claim_published_has_date",
            ),
        ]
        # Each ordering index ends in id, the tie-breaker of every sort, so it serves the
        # whole ORDER BY and index-only scans for deep pages (claims.pages.listing).
        indexes = [
            # Admin claim changelist, default order (all statuses): order_by("-made_on", "-pk");
            # also MIN/MAX(made_on) and per-year EXISTS for its date hierarchy.
            models.Index(fields=["-made_on", "-id"], name="claim_newest_idx"),
            # Public list, default sort: published().order_by("-made_on", "-pk").
            models.Index(fields=["status", "-made_on", "-id"], name="claim_public_newest_idx"),
            # Public list filtered by verdict (verdict=…), newest first.
            models.Index(fields=["status", "verdict", "-made_on", "-id"], name="claim_verdict_idx"),
            # Public list filtered by kind (kind=…), newest first; deep pages of it.
            models.Index(fields=["status", "kind", "-made_on", "-id"], name="claim_kind_idx"),
            # Claimant page and the claimant filter: claimant's claims, newest first.
            models.Index(fields=["claimant", "-made_on", "-id"], name="claim_claimant_newest_idx"),
            # overdue() and the review queue: pending claims by check-by date; with the
            # verdict, the overdue list's verdict count reads the index alone (41 → 2 ms at
            # 100k on SQLite, which cannot tell that the condition fixes it).
            models.Index(
                fields=["status", "check_by", "verdict"],
                condition=Q(verdict=Verdict.PENDING),
                name="claim_overdue_idx",
            ),
            # The editor's desk (claims.editors.desk): their drafts (entered_by + drafts()), drafts
            # awaiting review oldest first, and forgotten() pending claims by last change.
            models.Index(fields=["created_by", "status"], name="claim_entered_by_idx"),
            models.Index(
                fields=["review_requested_at"],
                condition=Q(review_requested_at__isnull=False),
                name="claim_awaiting_review_idx",
            ),
            models.Index(
                fields=["updated_at"],
                condition=Q(verdict=Verdict.PENDING, check_by__isnull=True),
                name="claim_forgotten_idx",
            ),
            # Public list sorted by check-by date (sort=check_by; ASC puts NULLs last).
            models.Index(fields=["status", "check_by", "id"], name="claim_check_by_idx"),
            # Public list sorted by recently resolved (sort=resolved): DESC NULLS LAST.
            PostgresOnlyIndex(
                F("status"),
                F("verdict_on").desc(nulls_last=True),
                F("id").desc(),
                name="claim_resolved_idx",
            ),
            # sort=resolved on SQLite: NULLs sort lowest there, so DESC puts them last as the
            # query asks, and this index serves it (184 ms → 0.1 ms at 100k).
            SqliteOnlyIndex(
                fields=["status", "-verdict_on", "-id"], name="claim_resolved_sqlite_idx"
            ),
            # The "newly published" Atom feeds: published().order_by("-published_at", "-pk").
            models.Index(fields=["status", "-published_at", "-id"], name="claim_published_at_idx"),
            # A claimant's Atom feed: their published claims by -published_at, -pk.
            models.Index(
                fields=["claimant", "-published_at", "-id"], name="claim_claimant_published_idx"
            ),
            # Public list sorted by how often a claim was reported said (sort=repeated).
            models.Index(fields=["status", "-appearance_count", "-id"], name="claim_repeated_idx"),
            # Track records (claims.pages.records): the site's GROUP BY kind, verdict, year of
            # published claims, and the claimants table's GROUP BY claimant, each read from
            # the index alone (975 → 370 ms and 2.4 s → 240 ms at 1M).
            models.Index(fields=["status", "kind", "verdict", "made_on"], name="claim_record_idx"),
            models.Index(
                fields=["status", "claimant", "verdict"], name="claim_claimant_record_idx"
            ),
            # Text search (q=…) and the claim finder's repeats, on PostgreSQL. No pending list
            # (fastupdate off): every query scans it whole until a vacuum. At 1M, 2,000 claims
            # edited since the last one made an article's matching 0.84–1.58 s instead of
            # 0.04–0.09 s, for 0.3 ms more per write (bench/README.md, "Claim finder").
            PostgresOnlyGinIndex(
                fields=["search_vector"], name="claim_search_idx", fastupdate=False
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def touches_the_record(self) -> bool:
        """Public now, or public before this change (an unpublish, a merge, a delete); a
        draft that was never published changes nothing a reader sees."""
        return self.published_at is not None

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self.verdict, self.verdict_on = self._latest_verdict()
        with transaction.atomic(using=self._state.db or "default"):
            former_slug = self._slug_in_database()
            super().save(*args, **kwargs)
            if former_slug and former_slug != self.slug:
                self._keep_address(former_slug)
            self.refresh_search_text()

    def get_absolute_url(self):
        return reverse("claims:claim", kwargs={"slug": self.slug})

    def clean(self):
        taken = FormerSlug.objects.filter(slug=self.slug).exclude(claim_id=self.pk)
        if self.slug and taken.exists():
            raise ValidationError(
                {"slug": "This address belonged to another claim and still leads there."}
            )

    def _slug_in_database(self) -> str | None:
        if self.pk is None:
            return None
        return Claim.objects.filter(pk=self.pk).values_list("slug", flat=True).first()

    def _keep_address(self, former_slug: str):
        """A claim that has been public keeps answering at its old address (a 301)."""
        FormerSlug.objects.filter(claim=self, slug=self.slug).delete()
        if self.published_at is not None:
            FormerSlug.objects.get_or_create(slug=former_slug, defaults={"claim": self})

    @property
    def needs_criteria(self) -> bool:
        return needs_criteria(self.kind, self.resolution_criteria)

    @property
    def is_published(self) -> bool:
        return self.status == ClaimStatus.PUBLISHED

    @property
    def was_published_before(self) -> bool:
        """A draft now that was public once (published, then taken back)."""
        return not self.is_published and self.published_at is not None

    @property
    def made_on_display(self) -> str:
        return format_partial_date(self.made_on, self.made_on_precision)

    @property
    def verdict_label(self) -> str:
        """The verdict in the claim's kind's words ("Kept", "Came true", "Mostly false")."""
        return verdict_label(self.verdict, self.kind)

    @property
    def claimreview_rating(self) -> tuple[int, str] | None:
        return claimreview_rating(self.verdict)

    def _latest_verdict(self) -> tuple[str, datetime.date | None]:
        # The same expressions as sync_verdicts(): the verdict is derived in one place.
        named = {f"latest_{name}": value for name, value in verdict_updates().items()}
        derived = Claim.objects.filter(pk=self.pk).values(**named).first()
        if derived is None:
            return Verdict.PENDING, None
        return derived["latest_verdict"], derived["latest_verdict_on"]

    def sync_verdict(self):
        """Make the stored current verdict the latest outcome's. The one place that sets it."""
        claims = Claim.objects.filter(pk=self.pk)
        claims.sync_verdicts()
        self.verdict, self.verdict_on = claims.values_list("verdict", "verdict_on").get()

    def refresh_search_text(self):
        """After its text, a quote or the claimant's name changed (the database computes it)."""
        Claim.objects.filter(pk=self.pk).refresh_search()


class FormerSlug(models.Model):
    """An address a published claim had before its slug changed; it redirects (301) there."""

    slug = models.SlugField(max_length=100, db_index=False)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="former_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            # Serves the detail page's fallback lookup of an old address, too.
            models.UniqueConstraint(fields=["slug"], name="formerslug_slug_unique"),
        ]

    def __str__(self):
        return f"{self.slug} → {self.claim_id}"

    def touches_the_record(self) -> bool:
        return claim_is_published(pk=self.claim_id)
