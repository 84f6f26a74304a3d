"""Admin for claims: editing with inlines, publishing, merging and the review queue. (Past 300
lines on purpose: one ModelAdmin, whose list, actions and save path read best together; the
rules it applies are claims.workflow's, its forms are forms.py.)"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims import workflow
from claims.editors.admin.base import HistoryAdmin, RecordInline, StackedInline, TabularInline
from claims.editors.admin.forms import (
    AppearanceForm,
    AppearanceFormSet,
    ClaimAdminForm,
    OutcomeForm,
)
from claims.editors.admin.guarded import RecordFormSet
from claims.editors.admin.imports import ImportFilter, ImportViews
from claims.editors.admin.passages import passage_start, suggestions
from claims.editors.admin.scale import ClaimantNameFilter, DeskFilter
from claims.editors.admin.timeline import claim_timeline, since_last_published
from claims.models import Appearance, Claim, Correction, Outcome
from claims.outputs.export import csv_response
from claims.pages.counting import EstimatingPaginator
from claims.text.search import MAX_QUERY_LENGTH


class AppearanceInline(RecordInline, StackedInline):
    model = Appearance
    form = AppearanceForm
    formset = AppearanceFormSet
    extra = 0
    fields = ["article", "quote", "occurrence", "attribution_note", "correction_note"]
    autocomplete_fields = ["article"]

    def get_queryset(self, request):
        # Each row's article text is read to find its quote (AppearanceForm's occurrence).
        return super().get_queryset(request).select_related("article")

    def get_extra(self, request, obj=None, **kwargs):
        # Opened from an article: one quote row, filled in (ClaimAdmin.get_formset_kwargs).
        return 1 if obj is None and "article" in request.GET else 0


class OutcomeInline(RecordInline, StackedInline):
    model = Outcome
    form = OutcomeForm
    formset = RecordFormSet
    extra = 0
    fields = ["verdict", "decided_on", "explanation", "evidence_articles", "correction_note"]
    autocomplete_fields = ["evidence_articles"]
    show_change_link = True  # evidence links are edited on the outcome's own page


class CorrectionInline(TabularInline):
    model = Correction
    extra = 0
    fields = ["created_at", "created_by", "note", "changes"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ImportViews, HistoryAdmin):
    form = ClaimAdminForm
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
    list_filter = [
        DeskFilter,
        "verdict",
        "kind",
        "status",
        "topics",
        ClaimantNameFilter,
        ImportFilter,
    ]
    list_select_related = ["claimant"]
    # What the search box looks through; get_search_results reads it from the full-text index.
    search_fields = ["text", "appearances__quote", "claimant__name"]
    search_help_text = (
        "Whole words in the claim, its quotes or the claimant’s name; "
        '"a phrase" in quotes, -word to leave a word out.'
    )
    date_hierarchy = "made_on"
    autocomplete_fields = ["claimant", "topics"]
    prepopulated_fields = {"slug": ["text"]}
    readonly_fields = [
        "verdict", "verdict_on", "published_at", "published_by", "merged_into",
        "since_last_published",
    ]  # fmt: skip
    inlines = [AppearanceInline, OutcomeInline, CorrectionInline]
    # At a million claims, never COUNT(*) the whole table on every changelist view.
    paginator = EstimatingPaginator
    show_full_result_count = False
    actions = ["export_csv", "publish_selected", "unpublish_selected", "merge_selected"]

    class Media:
        js = ["claims/passage.js"]

    def _passage(self, request):
        """What the form starts with when opened from an article (claims.editors.admin.passages)."""
        if not hasattr(request, "claimtrack_passage"):
            adding = getattr(request.resolver_match, "url_name", "") == "claims_claim_add"
            opened = request.method == "GET" and adding
            request.claimtrack_passage = passage_start(request.GET) if opened else None
        return request.claimtrack_passage

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in ("article", "quote", "at"):
            initial.pop(name, None)  # the quote row's, not the claim's
        start = self._passage(request)
        if start is not None:
            initial = {**start.initial, **initial}
            for problem in start.problems:
                self.message_user(request, problem, messages.WARNING)
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        start = self._passage(request)
        if isinstance(inline, AppearanceInline) and start and start.appearance:
            kwargs["initial"] = [start.appearance]
        return kwargs

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        start = self._passage(request) if obj is None else None
        if start and start.claimants and "claimant" in form.base_fields:
            form.base_fields["claimant"].help_text = suggestions(request, start.claimants)
        return form

    object_history_template = "admin/claims/claim/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        # The claim's own versions, and beside them everything that hangs off it.
        pk = int(object_id) if str(object_id).isdigit() else None
        timeline = claim_timeline(pk) if pk is not None else []
        return super().history_view(
            request, object_id, {**(extra_context or {}), "timeline": timeline}
        )

    @admin.display(description="changed since it was last published")
    def since_last_published(self, claim):
        """What a chief editor republishing a claim needs to see: what changed since."""
        since = since_last_published(claim)
        if since is None:
            return "—"
        items = [format_html("<li>{}: “{}” → “{}”</li>", *row) for row in since.fields]
        items += [format_html("<li>{}: {}</li>", e.act, e.part) for e in since.parts]
        return format_html(
            "<p>Last published on {}; since then:</p><ul>{}</ul>",
            date_format(since.published_on, "DATETIME_FORMAT"),
            mark_safe("".join(items)) if items else format_html("<li>{}</li>", "Nothing."),  # noqa: S308
        )

    def view_on_site(self, claim):
        # A draft has no public page yet: its preview shows the page it will have.
        if claim.is_published:
            return claim.get_absolute_url()
        return reverse("claims:preview", args=[claim.pk])

    def get_search_results(self, request, queryset, search_term):
        # The search text kept for each claim (claims.text.search: the GIN index on PostgreSQL,
        # FTS5 on SQLite), not LIKE over three joined tables, which at 1M claims scans them.
        if not search_term.strip():
            return queryset, False
        matching = queryset.search(search_term[:MAX_QUERY_LENGTH])
        # A rare word's few matches are read first, unordered, from the index: left to
        # itself, PostgreSQL walks the changelist's ordering index and tests every claim
        # against the word (4.8 s for 20 matches at 1M). A common word's matches are many
        # enough that walking the order finds a page of them at once.
        pks = list(matching.order_by().values_list("pk", flat=True)[: settings.EXACT_COUNT_CAP + 1])
        if len(pks) <= settings.EXACT_COUNT_CAP:
            return queryset.filter(pk__in=pks), False
        return matching, False

    def get_fieldsets(self, request, obj=None):
        first = ["text", "slug", "kind", "topics", "version"]
        first.append("not_a_duplicate" if obj is None else "correction_note")
        return [
            (None, {"fields": first}),
            (
                "Who and when",
                {"fields": ["claimant", "claimant_role", ("made_on", "made_on_precision")]},
            ),
            (
                "Judgement",
                {"fields": ["resolution_criteria", "check_by", ("verdict", "verdict_on")]},
            ),
            (
                "Publication",
                {
                    "fields": [
                        "status",
                        *(["since_last_published"] if obj and obj.was_published_before else []),
                        ("ready_for_review", "review_note"),
                        ("published_at", "published_by"),
                        "merged_into",
                    ]
                },
            ),
        ]

    def get_inlines(self, request, obj):
        # Corrections exist only for claims that were published; none on the add page.
        return self.inlines if obj is not None else self.inlines[:-1]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        restoring = getattr(request, "claimtrack_restoring", False)
        if restoring or not workflow.can_publish(request.user):
            # Only chief editors publish and unpublish; a restore brings back content, never
            # a publication state (that is the workflow's act, with its own history).
            fields.append("status")
        # What the rule keeps from this user on this claim shows as it is (the criteria of
        # a published claim, for an editor), not as a box Save would refuse.
        return [*fields, *workflow.allowed(request.user, obj).frozen_fields]

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

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

    def save_model(self, request, obj, form, change):
        workflow.record(request.user, obj, form.records, form.note)
        if not change:
            obj.created_by = request.user
        workflow.hand_over(obj, request.user, ready=form.cleaned_data.get("ready_for_review"))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, RecordFormSet):
            formset.save_records(form.instance)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        claim = form.instance
        requested = getattr(claim, "requested_status", claim.status)
        if requested == claim.status:
            return
        try:
            workflow.set_status(claim, requested, request.user)
        except (ValidationError, PermissionDenied) as exc:
            # Checked when the form was validated; only a concurrent change gets here.
            transaction.set_rollback(True)
            reasons = getattr(exc, "messages", [str(exc)])
            self.message_user(request, f"Not saved: {' '.join(reasons)}", messages.ERROR)
            return
        if claim.is_published:  # said plainly, with where readers now find it
            link = format_html('Published: <a href="{0}">{0}</a>', claim.get_absolute_url())
            self.message_user(request, link, messages.SUCCESS)
        else:
            self.message_user(request, "Unpublished: readers no longer see it.", messages.SUCCESS)

    @admin.action(description="Export selected claims as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(queryset.order_by("-made_on", "-pk"), request, name="claims-selected")

    @admin.action(description="Publish selected claims", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = 0
        for claim in queryset:
            try:
                done += workflow.publish(claim, request.user)
            except ValidationError as exc:
                self.message_user(request, f"“{claim}”: {' '.join(exc.messages)}", messages.ERROR)
        self.message_user(request, f"Published {done} claim(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected claims (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        done = sum(workflow.unpublish(claim, request.user) for claim in queryset)
        self.message_user(request, f"Unpublished {done} claim(s).", messages.SUCCESS)

    @admin.action(description="Merge selected claims into one…", permissions=["publish"])
    def merge_selected(self, request, queryset):
        claims = list(queryset.select_related("claimant").order_by("made_on", "pk"))
        if len(claims) < 2:
            self.message_user(request, "Select at least two claims to merge.", messages.WARNING)
            return None
        kept_pk = request.POST.get("kept")
        kept = next((c for c in claims if str(c.pk) == kept_pk), None)
        if request.POST.get("confirm") and kept is not None:
            merged = workflow.merge(kept, [c for c in claims if c.pk != kept.pk], request.user)
            self.message_user(request, f"Merged {merged} claim(s) into “{kept}”.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge claims",
            "claims": claims,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/merge.html", context)

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("review/", review, name="claims_claim_review"),
            *self.import_urls(),
            *super().get_urls(),
        ]

    def review_view(self, request):
        """Claims due for review: check-by passed, still pending, most overdue first. Only
        for those who may see claims; drafts only for those who may edit them."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        include_drafts = request.GET.get("drafts") == "1" and self.has_change_permission(request)
        today = timezone.localdate()
        claims = Claim.objects.due_for_review(today, include_drafts=include_drafts)[:500]
        rows = [(claim, (today - claim.check_by).days) for claim in claims]
        context = {
            **self.admin_site.each_context(request),
            "title": "Due for review",
            "rows": rows,
            "include_drafts": include_drafts,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/claim/review.html", context)
