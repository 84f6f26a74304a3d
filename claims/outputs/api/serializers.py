"""The API's shapes. A claim is represented by claims.outputs.serialise.claim_dict, the one
serialisation the JSON-LD and feeds use too; the fields declared here describe it for the
OpenAPI schema (a test keeps the two the same)."""

from rest_framework import serializers

from claims.models import ClaimantKind, ClaimKind, Verdict
from claims.outputs.serialise import claim_dict, claim_summary


class _ClaimantRef(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(ClaimantKind.choices)
    url = serializers.URLField()


class _Appearance(serializers.Serializer):
    article = serializers.CharField()
    outlet = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    published = serializers.CharField(allow_null=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    quote = serializers.CharField()


class _Evidence(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    published = serializers.CharField(allow_null=True)


class _Outcome(serializers.Serializer):
    verdict = serializers.ChoiceField(Verdict.choices)
    verdict_label = serializers.CharField()
    decided = serializers.DateField()
    explanation = serializers.CharField()
    evidence = _Evidence(many=True)


class _Correction(serializers.Serializer):
    date = serializers.DateTimeField()
    note = serializers.CharField()
    changes = serializers.CharField()


class ClaimSummarySerializer(serializers.Serializer):
    """A claim in a list: claims.outputs.serialise.claim_summary."""

    id = serializers.IntegerField(help_text="The whole record is at /api/claims/{id}/.")
    url = serializers.URLField(help_text="The claim's public page.")
    claim = serializers.CharField(help_text="The claim as one checkable sentence.")
    claimant = _ClaimantRef()
    role = serializers.CharField(help_text="The claimant's role at the time.")
    kind = serializers.ChoiceField(ClaimKind.choices)
    kind_label = serializers.CharField()
    made = serializers.CharField(help_text="When, no more precisely than known: YYYY[-MM[-DD]]")
    check_by = serializers.DateField(allow_null=True)
    resolution_criteria = serializers.CharField(
        allow_null=True, help_text="What would make it come true or false, and by when."
    )
    verdict = serializers.ChoiceField(Verdict.choices)
    verdict_label = serializers.CharField()
    verdict_date = serializers.DateField(allow_null=True)
    explanation = serializers.CharField(allow_null=True, help_text="The latest outcome's.")
    topics = serializers.ListField(child=serializers.CharField())
    appearances = _Appearance(many=True)
    published = serializers.DateTimeField()
    modified = serializers.DateTimeField()

    def to_representation(self, claim):
        return claim_summary(claim, self.context["request"].build_absolute_uri)


class ClaimSerializer(ClaimSummarySerializer):
    """A claim's whole record: claims.outputs.serialise.claim_dict."""

    outcomes = _Outcome(many=True, help_text="The outcome timeline, earliest first.")
    corrections = _Correction(many=True)

    def to_representation(self, claim):
        return claim_dict(claim, self.context["request"].build_absolute_uri)


class ClaimPageSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        help_text="Matching claims (estimated past 1,000 on PostgreSQL)."
    )
    total_is_estimate = serializers.BooleanField()
    next = serializers.URLField(allow_null=True, help_text="The next page, or null at the end.")
    results = ClaimSummarySerializer(many=True)


class ClaimantSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(ClaimantKind.choices)
    url = serializers.URLField()
    tally = serializers.DictField(
        child=serializers.IntegerField(), help_text="Published claims by verdict."
    )

    def to_representation(self, claimant):
        absolute = self.context["request"].build_absolute_uri
        return {
            "slug": claimant.slug,
            "name": claimant.name,
            "kind": claimant.kind,
            "url": absolute(claimant.get_absolute_url()),
            "tally": self.context["tallies"].get(claimant.pk, {}),
        }


class ArticleSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    outlet = serializers.CharField()
    byline = serializers.CharField()
    url = serializers.URLField(allow_null=True, help_text="The original, when known.")
    published = serializers.CharField(allow_null=True)
    page = serializers.URLField(help_text="The article's page here, quotes highlighted.")

    def to_representation(self, article):
        from claims.outputs.serialise import partial_date

        return {
            "slug": article.slug,
            "title": article.title,
            "outlet": article.publication,
            "byline": article.byline,
            "url": article.url or None,
            "published": partial_date(article.published_on, article.published_on_precision),
            "page": self.context["request"].build_absolute_uri(article.get_absolute_url()),
        }


class TopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.URLField()

    def to_representation(self, topic):
        absolute = self.context["request"].build_absolute_uri
        return {"slug": topic.slug, "name": topic.name, "url": absolute(topic.get_absolute_url())}
