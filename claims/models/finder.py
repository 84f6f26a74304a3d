"""What the claim finder learns from (claims.finder): the desk's accept or reject of each
sentence it proposed, and the models fitted on those decisions, versioned."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class FinderVerdict(models.TextChoices):
    ACCEPTED = "accepted", "A claim"
    REPEAT = "repeat", "A repeat of a claim"
    REJECTED = "rejected", "Not a claim"


class FinderDecision(models.Model):
    """An editor's decision on one sentence of one article, kept for good: a rejected
    sentence is not proposed again, and every decision is a training example."""

    outside_the_record = True  # the desk's working notes: saving one retires no cached page

    article = models.ForeignKey(
        "claims.Article", on_delete=models.CASCADE, related_name="finder_decisions"
    )
    start = models.PositiveIntegerField(help_text="Where the sentence starts in the text.")
    end = models.PositiveIntegerField()
    sentence = models.TextField(help_text="The sentence as it was when decided.")
    verdict = models.CharField(max_length=10, choices=FinderVerdict.choices)
    reason = models.CharField(
        max_length=200, blank=True, help_text="Why it is not a claim (for a rejection)."
    )
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reasons = models.JSONField(default=list, help_text="The rules' reasons, by code.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            # Also the lookup of an article's decisions while its candidates are listed.
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="finder_decision_once_per_sentence"
            ),
            models.CheckConstraint(
                condition=models.Q(verdict__in=FinderVerdict.values),
                name="finder_decision_verdict_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="finder_decision_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.sentence[:60]}"

    def get_absolute_url(self):
        return reverse("admin:claims_article_finder", args=[self.article_id])


class FinderModel(models.Model):
    """A model fitted by `manage.py train_finder`: its weights as JSON (no pickle is ever
    loaded), the figures it was judged on, and whether it ranks candidates."""

    outside_the_record = True

    version = models.PositiveIntegerField()
    trained_at = models.DateTimeField(auto_now_add=True)
    examples = models.PositiveIntegerField(help_text="Sentences it was fitted on.")
    weights = models.JSONField(help_text="Intercept, reason weights and word weights.")
    rules_score = models.FloatField(help_text="The rules' share of claims in the top N, held out.")
    model_score = models.FloatField(help_text="The model's share of claims in the top N, held out.")
    in_use = models.BooleanField(default=False)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="finder_model_version_unique"),
            # At most one model ranks candidates; also the lookup of that one.
            models.UniqueConstraint(
                fields=["in_use"], condition=models.Q(in_use=True), name="finder_model_one_in_use"
            ),
        ]

    def __str__(self):
        return f"finder model v{self.version}"

    def get_absolute_url(self):
        return reverse("admin:claims_findermodel_change", args=[self.pk])
