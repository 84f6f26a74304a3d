"""Admin for claims and what hangs off them: appearances, outcomes and their evidence."""

from django.contrib import admin
from django.utils.html import format_html

from claims.admin.base import HistoryAdmin, StackedInline, TabularInline
from claims.export import csv_response
from claims.models import Appearance, Claim, ClaimStatus, EvidenceLink, Outcome


class AppearanceInline(StackedInline):
    model = Appearance
    extra = 0
    min_num = 0
    fields = ["article", "quote", "attribution_note"]
    autocomplete_fields = ["article"]


class OutcomeInline(StackedInline):
    model = Outcome
    extra = 0
    fields = ["verdict", "decided_on", "explanation", "evidence_articles"]
    autocomplete_fields = ["evidence_articles"]
    show_change_link = True  # evidence links are edited on the outcome's own page


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    list_display = [
        "short_text",
        "claimant",
        "made_on_display",
        "kind",
        "verdict_badge",
        "check_by",
        "status",
        "updated_at",
    ]
    list_filter = ["verdict", "kind", "status", "topics", "claimant"]
    list_select_related = ["claimant"]
    search_fields = ["text", "appearances__quote", "claimant__name"]
    date_hierarchy = "made_on"
    autocomplete_fields = ["claimant", "topics"]
    prepopulated_fields = {"slug": ["text"]}
    readonly_fields = ["verdict", "verdict_on", "published_at", "published_by"]
    inlines = [AppearanceInline, OutcomeInline]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["text", "slug", "kind", "topics"]}),
        (
            "Who and when",
            {"fields": ["claimant", "claimant_role", ("made_on", "made_on_precision")]},
        ),
        ("Judgement", {"fields": ["check_by", ("verdict", "verdict_on")]}),
        ("Publication", {"fields": ["status", ("published_at", "published_by")]}),
    ]

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim):
        return str(claim)

    @admin.display(description="made", ordering="made_on")
    def made_on_display(self, claim):
        return claim.made_on_display

    @admin.display(description="verdict", ordering="verdict")
    def verdict_badge(self, claim):
        return format_html(
            '<span class="verdict verdict-{}">{}</span>', claim.verdict, claim.get_verdict_display()
        )

    @admin.action(description="Export selected claims as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(queryset.order_by("-made_on", "-pk"), request, name="claims-selected")

    def save_model(self, request, obj, form, change):
        if obj.status == ClaimStatus.PUBLISHED and obj.published_by_id is None:
            obj.published_by = request.user
        super().save_model(request, obj, form, change)


class EvidenceLinkInline(TabularInline):
    model = EvidenceLink
    extra = 1
    fields = ["title", "url", "published_on"]


@admin.register(Outcome)
class OutcomeAdmin(HistoryAdmin):
    list_display = ["claim", "verdict", "decided_on"]
    list_filter = ["verdict"]
    list_select_related = ["claim"]
    search_fields = ["claim__text", "explanation"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["claim", "evidence_articles"]
    inlines = [EvidenceLinkInline]


@admin.register(Appearance)
class AppearanceAdmin(HistoryAdmin):
    list_display = ["claim", "article", "short_quote"]
    list_select_related = ["claim", "article"]
    search_fields = ["quote", "claim__text", "article__title"]
    autocomplete_fields = ["claim", "article"]
    fields = ["claim", "article", "quote", "attribution_note"]

    @admin.display(description="quote")
    def short_quote(self, appearance):
        quote = appearance.quote
        return quote if len(quote) <= 80 else quote[:79] + "…"


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(HistoryAdmin):
    list_display = ["title", "url", "published_on", "outcome"]
    list_select_related = ["outcome", "outcome__claim"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["outcome"]
