"""The rules about claims, as QuerySet methods (`Claim.objects.published().overdue()`): used
by the views, the admin, the exports, the desk and the tests alike."""

import datetime

from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from claims.text.search import rank_claims, search_claims

from .choices import ClaimStatus, Verdict

FORGOTTEN_AFTER_DAYS = 182  # six months
# A listed claim's own columns and its claimant's (claims.pages.rows writes the row).
ROW_FIELDS = (
    "pk",
    "slug",
    "text",
    "kind",
    "verdict",
    "made_on",
    "made_on_precision",
    "check_by",
    "claimant_role",
    "appearance_count",
    "claimant__name",
    "claimant__slug",
)


class ClaimQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Set-based writes (merges, imports, verdicts and search text kept in step) send no
        # signals: the record's generation moves here for them, when a claim they touch is
        # or was public, or they publish or unpublish.
        from .state import record_changed

        status = kwargs.get("status")
        everything = not self.query.where  # surely public; no look first
        if status is not None or everything or self.filter(published_at__isnull=False).exists():
            withdraws = status is not None and status != ClaimStatus.PUBLISHED
            record_changed(self.db, withdraws=withdraws)
        return super().update(**kwargs)

    def published(self):
        return self.filter(status=ClaimStatus.PUBLISHED)

    def unmerged(self):
        return self.filter(merged_into__isnull=True)

    def pending(self):
        return self.filter(verdict=Verdict.PENDING)

    def overdue(self, today: datetime.date | None = None):
        """Claims whose check-by date has passed and that are still pending judgement."""
        today = today or timezone.localdate()
        return self.pending().filter(check_by__lt=today)

    def drafts(self):
        return self.unmerged().filter(status=ClaimStatus.DRAFT)

    def awaiting_review(self):
        """Drafts an editor handed to a chief editor, the longest waiting first."""
        return (
            self.drafts()
            .filter(review_requested_at__isnull=False)
            .order_by("review_requested_at", "pk")
        )

    def forgotten(self, today: datetime.date | None = None):
        """Pending claims with no check-by date that nobody has changed for six months: no
        other queue would ever bring them back."""
        today = today or timezone.localdate()
        day = today - datetime.timedelta(days=FORGOTTEN_AFTER_DAYS)
        quiet_since = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        return self.unmerged().pending().filter(check_by__isnull=True, updated_at__lt=quiet_since)

    def due_for_review(self, today: datetime.date | None = None, include_drafts=False):
        """The review queue: overdue, most overdue first; drafts only when asked for."""
        claims = self.unmerged() if include_drafts else self.published()
        return claims.overdue(today).select_related("claimant").order_by("check_by", "pk")

    def search(self, q: str):
        return search_claims(self, q)

    def ranked(self, q: str):
        """Annotated with `search_rank`, how well each claim matches `q` (search first)."""
        return rank_claims(self, q)

    def sync_verdicts(self) -> int:
        """Store each claim's current verdict from its outcomes: one UPDATE."""
        from .derived import verdict_updates

        return self.update(**verdict_updates())

    def refresh_search(self) -> int:
        """Store each claim's search text (and vector) from its text, claimant and quotes:
        one UPDATE."""
        from .derived import search_updates

        return self.update(**search_updates(self))

    def for_rows(self):
        """What a row in a list of claims shows, as plain values: its claimant's name and
        slug, and what came of it (`latest_explanation`, the latest outcome's explanation,
        a subquery per row: for a page of rows). No model instances: building them took
        ~6 ms of a page of 25 rows never listed before, the query itself 1.3 ms. Topics
        are read apart (claims.pages.rows.read_rows)."""
        from .evidence import Outcome

        latest = Outcome.objects.filter(claim=OuterRef("pk")).order_by("-decided_on", "-pk")
        return self.order_by().values(
            *ROW_FIELDS, latest_explanation=Subquery(latest.values("explanation")[:1])
        )

    def for_detail(self):
        """A claim page: claimant, topics, appearances with articles, the outcome timeline."""
        from .evidence import EARLIEST_FIRST, Appearance, Outcome

        return self.select_related("claimant", "claimant__affiliation").prefetch_related(
            "topics",
            "corrections",
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article").order_by(*EARLIEST_FIRST),
            ),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.order_by("decided_on", "pk").prefetch_related(
                    "evidence_articles", "links"
                ),
            ),
        )

    def for_summary(self):
        """A claim as a row of data (claims.outputs.serialise.claim_summary, the API's list):
        claimant, topics, appearances with their articles, the outcomes for the latest one."""
        return self.select_related("claimant").prefetch_related(*_data_lookups(_outcomes()))

    def for_data(self):
        """A claim's whole record as data (claims.outputs.serialise.claim_dict: the API's claim, the
        ClaimReview feed): the summary's, with the outcomes' evidence and the corrections."""
        evidence = Prefetch("evidence_articles", queryset=_article_data())
        outcomes = _outcomes().prefetch_related(evidence, "links")
        return self.select_related("claimant").prefetch_related(
            *_data_lookups(outcomes), "corrections"
        )


def _data_lookups(outcomes) -> list:
    # The articles without their texts: the data never carries them, and they make up most
    # of the bytes (a long article is 20 kB, read again for every claim it holds).
    from .evidence import EARLIEST_FIRST, Appearance

    appearances = Appearance.objects.select_related("article").defer("article__text")
    return [
        "topics",
        Prefetch("appearances", queryset=appearances.order_by(*EARLIEST_FIRST)),
        Prefetch("outcomes", queryset=outcomes),
    ]


def _outcomes():
    from .evidence import Outcome

    return Outcome.objects.order_by("decided_on", "pk")


def _article_data():
    from .articles import Article

    return Article.objects.defer("text")
