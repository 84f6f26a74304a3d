"""Admin for what hangs off a claim, edited on its own pages: appearances, outcomes, links.

Each page goes through the same rules as the claim page's inlines (claims.workflow): a
row stays with what it was entered on, a published claim's rows change only as the rule
allows and leave a public record, and removing one is done from its claim's page."""

from django.contrib import admin

from claims import workflow
from claims.editors.admin.base import HistoryAdmin, RecordInline, TabularInline
from claims.editors.admin.forms import (
    AppearanceForm,
    EvidenceLinkForm,
    EvidenceLinkFormSet,
    OutcomeForm,
)
from claims.models import Appearance, Correction, EvidenceLink, Outcome


class EvidenceLinkInline(RecordInline, TabularInline):
    model = EvidenceLink
    form = EvidenceLinkForm
    formset = EvidenceLinkFormSet
    extra = 1
    fields = ["title", "url", "published_on", "correction_note"]


class OutcomeAdminForm(OutcomeForm):
    standalone = True

    class Meta(OutcomeForm.Meta):
        fields = ["claim", "version", *OutcomeForm.Meta.fields]


class AppearanceAdminForm(AppearanceForm):
    standalone = True

    class Meta(AppearanceForm.Meta):
        fields = ["claim", "version", *AppearanceForm.Meta.fields]


class EvidenceLinkAdminForm(EvidenceLinkForm):
    standalone = True

    class Meta(EvidenceLinkForm.Meta):
        fields = ["outcome", "version", *EvidenceLinkForm.Meta.fields]


class RecordAdmin(HistoryAdmin):
    """A page of one row of a claim's record."""

    parent_field = "claim"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._fixed(request, obj):  # shown as it is, not as a form Save would refuse
            return [*fields, *(n for n in self.fields if n not in ("version", "correction_note"))]
        # A row stays with what it was entered on (moving it would strip a published claim).
        return [*fields, self.parent_field] if obj is not None else fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return (
            [n for n in fields if n != "correction_note"] if self._fixed(request, obj) else fields
        )

    def _fixed(self, request, obj) -> bool:
        return obj is not None and workflow.allowed(request.user, self.claim_of(obj)).rows_fixed

    def claim_of(self, obj):
        return obj.claim

    def has_delete_permission(self, request, obj=None):
        # A published claim's row is removed only from the claim's page, with a public note.
        if obj is not None and self.claim_of(obj).is_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        outcome = obj if isinstance(obj, Outcome) else None
        workflow.record(request.user, form.claim(), form.records, form.note, outcome=outcome)
        super().save_model(request, obj, form, change)


@admin.register(Outcome)
class OutcomeAdmin(RecordAdmin):
    form = OutcomeAdminForm
    list_display = ["claim", "verdict", "decided_on"]
    list_filter = ["verdict"]
    list_select_related = ["claim"]
    search_fields = ["claim__text", "explanation"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["claim", "evidence_articles"]
    fields = [
        "claim",
        "version",
        "verdict",
        "decided_on",
        "explanation",
        "evidence_articles",
        "correction_note",
    ]
    inlines = [EvidenceLinkInline]

    def save_formset(self, request, form, formset, change):
        formset.save_records(form.instance.claim)
        super().save_formset(request, form, formset, change)


@admin.register(Appearance)
class AppearanceAdmin(RecordAdmin):
    form = AppearanceAdminForm
    list_display = ["claim", "article", "short_quote"]
    list_select_related = ["claim", "article"]
    search_fields = ["quote", "claim__text", "article__title"]
    autocomplete_fields = ["claim", "article"]
    fields = ["claim", "version", "article", "quote", "attribution_note", "correction_note"]

    @admin.display(description="quote")
    def short_quote(self, appearance):
        quote = appearance.quote
        return quote if len(quote) <= 80 else quote[:79] + "…"


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(RecordAdmin):
    form = EvidenceLinkAdminForm
    parent_field = "outcome"
    list_display = ["title", "url", "published_on", "outcome"]
    list_select_related = ["outcome", "outcome__claim"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["outcome"]
    fields = ["outcome", "version", "title", "url", "published_on", "correction_note"]

    def claim_of(self, obj):
        return obj.outcome.claim


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    """Corrections are written by the workflow; here they are only read."""

    list_display = ["claim", "created_at", "created_by", "note", "changes"]
    list_select_related = ["claim", "created_by"]
    search_fields = ["note", "claim__text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
