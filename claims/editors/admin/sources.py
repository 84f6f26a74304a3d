"""Admin for the sources of claims: claimants, topics and articles."""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify

from claims.editors.admin.base import HistoryAdmin, TabularInline
from claims.editors.admin.forms import ArticleForm
from claims.editors.admin.passages import marked_text, new_claim_url
from claims.finder import intake
from claims.finder.views import candidates_page
from claims.models import Appearance, Article, Claimant, Topic

REVIEW_NOTE = (
    "Extracted from the page: nothing is saved yet. Check the text against the page (remove "
    "anything that is not the article), the title, outlet, byline and date, then save."
)


class FetchForm(forms.Form):
    url = forms.URLField(label="URL", required=False, max_length=500, assume_scheme="https")
    page = forms.FileField(label="or a saved page (HTML)", required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("url")) == bool(cleaned.get("page")):
            raise forms.ValidationError("Give a URL or a saved page, one of the two.")
        return cleaned

    def extracted(self):
        page = self.cleaned_data["page"]
        if page is None:
            return intake.from_url(self.cleaned_data["url"])
        if page.size > intake.PAGE_BYTES:
            raise intake.Problem("The file is larger than 5 MB: is it a web page?")
        return intake.from_html(page.read())


@admin.register(Claimant)
class ClaimantAdmin(HistoryAdmin):
    list_display = ["name", "kind", "affiliation", "description"]
    list_filter = ["kind"]
    list_select_related = ["affiliation"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["affiliation"]


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ClaimsInArticleInline(TabularInline):
    """The claims this article is evidence for, read-only: they are edited on the claim."""

    model = Appearance
    verbose_name = "claim quoted in this article"
    verbose_name_plural = "claims quoted in this article"
    fields = ["claim_link", "quote", "attribution_note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # View-only: Django then skips validating these rows when the article is saved.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim")

    @admin.display(description="claim")
    def claim_link(self, appearance):
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:claims_claim_change", args=[appearance.claim_id]),
            appearance.claim,
            appearance.claim.get_status_display(),
        )


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["title", "publication", "byline", "published_display", "claim_count"]
    list_filter = ["publication"]
    search_fields = ["title", "publication", "byline", "url"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ClaimsInArticleInline]
    form = ArticleForm
    readonly_fields = ["passages"]

    class Media:
        js = ["claims/passage.js"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["title", "slug", "publication", "byline", "url", "version"]}),
            ("Dates", {"fields": [("published_on", "published_on_precision"), "retrieved_on"]}),
            ("Text", {"fields": ["text", "body_starts_at", "notes"]}),
        ]
        if obj is None:
            fieldsets[0][1]["fields"].append("not_a_copy")
        if obj is not None and obj.text:
            fieldsets.insert(0, ("Claims from this article", {"fields": ["passages"]}))
        return fieldsets

    @admin.display(description="article text")
    def passages(self, article):
        # Select words here for a new claim (claims/static/claims/passage.js); without
        # JavaScript, the link opens the claim form to paste them into.
        return format_html(
            '<p class="passage-help">Select the words of a claim to start one from them; '
            "marked words are quotes of claims already entered.</p>"
            '<div class="passages" data-new-claim="{}" data-body-start="{}">{}</div>'
            '<p><a class="new-claim-link" href="{}">New claim from this article</a> (paste '
            "the quote in the form) · "
            '<a class="finder-link" href="{}">Find claims in this article</a> (every sentence '
            "ranked, with its reasons and the claims it repeats)</p>",
            new_claim_url(article),
            article.body_starts_at,
            marked_text(article),
            new_claim_url(article),
            reverse("admin:claims_article_finder", args=[article.pk]),
        )

    def get_urls(self):
        finder = self.admin_site.admin_view(lambda request, object_id: candidates_page(
            self, request, object_id))  # fmt: skip
        return [path("<int:object_id>/finder/", finder, name="claims_article_finder"),
                path("fetch/", self.admin_site.admin_view(self.fetch_view),
                     name="claims_article_fetch"),
                *super().get_urls()]  # fmt: skip

    def fetch_view(self, request):
        """An article from a URL or a saved page: extracted (claims.finder.intake), then
        shown in the add form for the editor to review; only what they save is stored."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = FetchForm(request.POST, request.FILES) if posted else FetchForm()
        if posted and form.is_valid():
            try:
                found = form.extracted()
            except intake.Problem as problem:
                form.add_error(None, str(problem))
            else:
                return self._review(request, found)
        title = "Add an article from a URL or a saved page"
        context = {**self.admin_site.each_context(request), "form": form, "title": title,
                   "opts": Article._meta}  # fmt: skip
        return TemplateResponse(request, "admin/claims/article/fetch.html", context)

    def _review(self, request, found):
        initial = QueryDict(mutable=True)
        initial.update({
            "title": found.title, "slug": slugify(found.title)[:100], "text": found.text,
            "publication": found.outlet, "byline": found.byline, "url": found.url,
            "retrieved_on": timezone.localdate().isoformat(),
        })  # fmt: skip
        if found.published_on:
            initial["published_on"] = found.published_on.isoformat()
        review = copy.copy(request)
        review.method, review.GET = "GET", initial
        self.message_user(request, REVIEW_NOTE, messages.INFO)
        return self.changeform_view(review, None, form_url=reverse("admin:claims_article_add"))

    def get_queryset(self, request):
        # Annotated (GROUP BY) querysets drop Meta.ordering; autocomplete pages need one.
        queryset = super().get_queryset(request).annotate(claim_count=Count("appearances"))
        return queryset.order_by(*Article._meta.ordering)

    @admin.display(description="published", ordering="published_on")
    def published_display(self, article):
        return article.published_display

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count
