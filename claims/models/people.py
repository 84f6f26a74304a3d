from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .choices import ClaimantKind
from .versioning import Versioned


class PublicNamesQuerySet(models.QuerySet):
    def in_public(self):
        """Those with a published claim: a name only drafts use is not public yet."""
        published = apps.get_model("claims", "Claim").objects.published()
        return self.filter(Exists(published.filter(**{self.model.claims_link: OuterRef("pk")})))


class Claimant(Versioned):
    """Who made a claim: a person, an organization, or unnamed sources as an article names them."""

    kind = models.CharField(max_length=20, choices=ClaimantKind.choices)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, db_index=False)
    description = models.CharField(max_length=300, blank=True)
    reference_url = models.URLField(
        "reference page",
        max_length=500,
        blank=True,
        db_default="",  # rows written by bulk loads (bench/fill.py) leave it out
        help_text="A page that says who this is: an official site, a Wikipedia or Wikidata "
        "entry. Given to fact-check readers as ClaimReview's sameAs.",
    )
    affiliation = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        limit_choices_to={"kind": ClaimantKind.ORGANIZATION},
        help_text="An organization this claimant belongs to or speaks for.",
    )

    history = HistoricalRecords()
    objects = PublicNamesQuerySet.as_manager()
    claims_link = "claimant"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="claimant_slug_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimantKind.values), name="claimant_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="claimant_name_not_blank"),
            models.CheckConstraint(
                condition=~Q(affiliation=F("pk")), name="claimant_not_own_affiliation"
            ),
        ]
        indexes = [
            # Admin autocomplete and claimant search: name__icontains / ordering by name.
            models.Index(fields=["name"], name="claimant_name_idx"),
        ]

    def touches_the_record(self) -> bool:
        """Public when it, or a member it names as affiliation, has a published claim."""
        named = Q(pk=self.pk) | Q(affiliation_id=self.pk)
        return Claimant.objects.in_public().filter(named).exists()

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        renamed = (
            self.pk is not None and not Claimant.objects.filter(pk=self.pk, name=self.name).exists()
        )
        super().save(*args, **kwargs)
        if renamed:
            # Claims are searchable by their claimant's name: one UPDATE for all of them.
            self.claims.all().refresh_search()

    def get_absolute_url(self):
        return reverse("claims:claimant", kwargs={"slug": self.slug})

    def clean(self):
        if self.affiliation_id is None:
            return
        if self.affiliation_id == self.pk:
            raise ValidationError({"affiliation": "A claimant cannot be its own affiliation."})
        if self.affiliation.kind != ClaimantKind.ORGANIZATION:
            raise ValidationError({"affiliation": "The affiliation must be an organization."})


class Topic(Versioned):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, db_index=False)

    history = HistoricalRecords()
    objects = PublicNamesQuerySet.as_manager()
    claims_link = "topics"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="topic_slug_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="topic_name_not_blank"),
        ]

    def touches_the_record(self) -> bool:
        return Topic.objects.in_public().filter(pk=self.pk).exists()

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("claims:topic", kwargs={"slug": self.slug})
