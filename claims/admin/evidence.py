"""Admin for what hangs off a claim, edited on its own pages: appearances, outcomes, links."""

from django.contrib import admin

from claims import workflow
from claims.admin.base import HistoryAdmin, TabularInline
from claims.admin.forms import OutcomeForm
from claims.models import Appearance, Correction, EvidenceLink, Outcome


class EvidenceLinkInline(TabularInline):
    model = EvidenceLink
    extra = 1
    fields = ["title", "url", "published_on"]


class OutcomeAdminForm(OutcomeForm):
    class Meta(OutcomeForm.Meta):
        fields = ["claim", "verdict", "decided_on", "explanation", "evidence_articles"]

    def clean(self):
        cleaned = super().clean()
        claim = cleaned.get("claim")
        original = Outcome.objects.get(pk=self.instance.pk) if self.instance.pk else None
        if self.substantive_changes():
            workflow.check_outcome_change(
                self.user,
                claim,
                original,
                verdict=cleaned.get("verdict"),
                deleting=False,
                note=cleaned.get("correction_note", ""),
            )
        return cleaned


@admin.register(Outcome)
class OutcomeAdmin(HistoryAdmin):
    form = OutcomeAdminForm
    list_display = ["claim", "verdict", "decided_on"]
    list_filter = ["verdict"]
    list_select_related = ["claim"]
    search_fields = ["claim__text", "explanation"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["claim", "evidence_articles"]
    fields = [
        "claim",
        "verdict",
        "decided_on",
        "explanation",
        "evidence_articles",
        "correction_note",
    ]
    inlines = [EvidenceLinkInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def has_delete_permission(self, request, obj=None):
        # A published outcome is removed only from its claim's page, with a correction note.
        if obj is not None and obj.claim.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change and obj.claim.is_published and form.substantive_changes():
            note = form.cleaned_data["correction_note"]
            workflow.record_correction(request.user, obj.claim, obj, note)
        super().save_model(request, obj, form, change)


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


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    """Corrections are written by the workflow; here they are only read."""

    list_display = ["claim", "created_at", "created_by", "note"]
    list_select_related = ["claim", "created_by"]
    search_fields = ["note", "claim__text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
