"""The admin's forms for a claim's record; the rules they apply live in claims.workflow.
(Past 300 lines on purpose: one form per part of the record, the claim, its quotes, outcomes
and their links, each short; they share guarded.py's bases.)"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims import workflow
from claims.editors.admin.guarded import RecordForm, RecordFormSet, VersionedForm
from claims.editors.duplicates import similar_claims
from claims.models import (
    Appearance,
    Article,
    Claim,
    ClaimStatus,
    EvidenceLink,
    Outcome,
    needs_criteria,
)
from claims.text.quotes import find_quotes
from claims.workflow import Act, Change, Part


class ClaimAdminForm(RecordForm):
    part = Part.CLAIM
    parent_field = None
    not_a_duplicate = forms.BooleanField(
        required=False,
        label="This is not a duplicate",
        help_text="Tick after checking the similar claims listed above, then save again.",
    )
    ready_for_review = forms.BooleanField(
        required=False,
        label="Ready for review",
        help_text="Hand this draft to a chief editor: it waits first on their desk.",
    )

    class Meta:
        model = Claim
        fields = [
            "text",
            "short_text",
            "slug",
            "kind",
            "topics",
            "version",
            "claimant",
            "claimant_role",
            "made_on",
            "made_on_precision",
            "check_by",
            "resolution_criteria",
            "status",
            "review_note",
        ]
        widgets = {
            "resolution_criteria": forms.Textarea(attrs={"rows": 3}),
            "review_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "ready_for_review" in self.fields:
            self.fields["ready_for_review"].initial = bool(self.instance.review_requested_at)
        # Shown only beside a list of similar claims (_refuse_likely_duplicate): on a blank
        # form it asked about duplicates nobody had been shown. A tick already given stays.
        if "not_a_duplicate" in self.fields and not self._ticked("not_a_duplicate"):
            self.fields["not_a_duplicate"].widget = forms.HiddenInput()

    def _ticked(self, name: str) -> bool:
        tick = forms.CheckboxInput()  # reads "on", "true", "False", "0" as a checkbox does
        return self.is_bound and tick.value_from_datadict(
            self.data, self.files, self.add_prefix(name)
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self._hold_status(cleaned)
        self._keep_criteria(cleaned)
        if self.persisted is None and not cleaned.get("not_a_duplicate"):
            self._refuse_likely_duplicate(cleaned)
        change = self.proposed_change() if self.persisted is not None else None
        if change is not None:
            self.records = self.review([change])
        return cleaned

    def claim(self):
        return self.persisted

    def label(self, obj) -> str:
        return ""

    def compared_fields(self) -> list[str]:
        return [name for name in workflow.PUBLIC_CLAIM_FIELDS if name in self.fields]

    def _hold_status(self, cleaned):
        """The status is not saved with the form: save_related moves it through the
        workflow's publish or unpublish once the evidence inlines are saved."""
        current = self.persisted.status if self.persisted else ClaimStatus.DRAFT
        requested = cleaned.get("status", current)
        if "status" in cleaned:
            cleaned["status"] = current
        self.instance.requested_status = requested
        if requested == ClaimStatus.PUBLISHED and current != requested:
            if not workflow.can_publish(self.user):
                raise ValidationError(workflow.publishing.PUBLISHERS_ONLY)
            if self.instance.merged_into_id:
                self.add_error("status", workflow.publishing.MERGED)

    def _keep_criteria(self, cleaned):
        """A prediction or promise goes public only with its resolution criteria, shown on
        the field. Once public, who may change them is the workflow's rule (claims.workflow
        .changes), asked with every other change below."""
        shown = "resolution_criteria" in self.fields  # not when fixed for this user
        criteria = cleaned.get("resolution_criteria", self.instance.resolution_criteria)
        public = self.instance.requested_status == ClaimStatus.PUBLISHED
        if public and needs_criteria(cleaned.get("kind"), criteria):
            self.add_error("resolution_criteria" if shown else None, workflow.NO_CRITERIA)

    def _refuse_likely_duplicate(self, cleaned):
        similar = similar_claims(cleaned.get("claimant"), cleaned.get("text") or "")
        if not similar:
            return
        items = format_html_join(
            "",
            '<li><a href="{}" target="_blank">{}</a> ({}, {})</li>',
            (
                (
                    reverse("admin:claims_claim_change", args=[c.pk]),
                    c.text,
                    c.made_on_display,
                    c.get_status_display(),
                )
                for c in similar
            ),
        )
        self.fields["not_a_duplicate"].widget = forms.CheckboxInput()
        raise ValidationError(
            format_html(
                "This claimant already has similar claims:<ul>{}</ul>If it is the same claim, "
                "add an appearance to it instead. If not, tick “This is not a duplicate” "
                "and save again.",
                items,
            ),
            code="duplicate",
        )


class AppearanceForm(RecordForm):
    part = Part.APPEARANCE
    # Hidden unless the quote occurs more than once in its article (then a choice of places:
    # _offer). Checked in _choose_occurrence, where the article is already the form's.
    occurrence = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput,
        label="Which occurrence",
        help_text="These words occur more than once in the article: the place the claim was made.",
    )

    class Meta:
        model = Appearance
        fields = ["article", "quote", "attribution_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # a posted form offers its choice when it is cleaned
            self._offer(self._anchors(self._starting("article"), self._starting("quote")))

    def _starting(self, name):
        """The article (or its id) or quote the form starts with: a new row's from its
        initial values, a stored row's own (its article is loaded with it: AppearanceInline)."""
        if name in self.initial and self.instance.pk is None:
            return self.initial[name]
        if name == "article":
            return self.instance.article if self.instance.article_id else None
        return self.instance.quote

    def _offer(self, anchors):
        """Show a choice of the places the quote occurs, when there is more than one."""
        if len(anchors) < 2:
            return
        field = self.fields["occurrence"]
        choices = [("", "—")] + [(a.start, _in_context(a)) for a in anchors]
        field.widget = forms.Select(choices=choices)
        field.initial = self.initial.get("occurrence", self.instance.quote_start)

    @staticmethod
    def _anchors(article, quote) -> list:
        if isinstance(article, Article):
            text = article.text
        elif str(article or "").isdigit():
            text = Article.objects.filter(pk=article).values_list("text", flat=True).first()
        else:
            text = None
        return find_quotes(text, quote or "") if text and quote else []

    def label(self, obj) -> str:
        return f"from “{obj.article.title}”" if obj.article_id else ""

    def clean(self):
        cleaned = super().clean()
        self._choose_occurrence(cleaned)
        if self.standalone and not self.errors and self.persisted is not None:
            self._keep_published_claim_sourced(cleaned)
        return cleaned

    def _choose_occurrence(self, cleaned):
        """A quote that occurs more than once is anchored where the editor says (or where it
        was anchored before); never silently at the first place."""
        anchors = self._anchors(cleaned.get("article"), cleaned.get("quote"))
        if len(anchors) < 2:
            return
        self._offer(anchors)
        starts = [a.start for a in anchors]
        chosen = cleaned.get("occurrence")
        if chosen is None and self.instance.quote_start in starts:
            chosen = self.instance.quote_start
        if chosen not in starts:
            self.add_error(
                "occurrence",
                f"These words occur {len(anchors)} times in the article: choose the one "
                "where the claim was made.",
            )
            return
        self.instance.quote_start = chosen  # set_anchor() keeps this occurrence

    def _keep_published_claim_sourced(self, cleaned):
        claim = self.claim()
        if not claim.is_published:
            return
        others = [(a, q) for a, q, pk in _evidence(claim) if pk != self.persisted.pk]
        # A field shown as fixed for this user is not in the form: its stored value stands.
        article = cleaned.get("article", self.persisted.article)
        quote = cleaned.get("quote", self.persisted.quote)
        if not workflow.is_sourced([*others, (article, quote)]):
            raise ValidationError(workflow.UNSOURCED)


def _evidence(claim):
    return [(a.article, a.quote, a.pk) for a in claim.appearances.select_related("article")]


def _in_context(anchor) -> str:
    return f"…{anchor.prefix}[…]{anchor.suffix}… (at character {anchor.start})"


class AppearanceFormSet(RecordFormSet):
    """Quotes on the claim page: a claim that is (or is about to be) published keeps one."""

    def clean(self):
        super().clean()
        requested = getattr(self.instance, "requested_status", self.instance.status)
        if requested != ClaimStatus.PUBLISHED:
            return
        evidence = [
            (form.cleaned_data["article"], form.cleaned_data["quote"])
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not self._should_delete_form(form)
            and form.cleaned_data.get("article")
            and form.cleaned_data.get("quote")
        ]
        if not workflow.is_sourced(evidence):
            raise ValidationError(workflow.UNSOURCED)


class OutcomeForm(RecordForm):
    part = Part.OUTCOME

    class Meta:
        model = Outcome
        fields = ["verdict", "decided_on", "explanation", "evidence_articles"]

    def label(self, obj) -> str:
        if obj.decided_on is None:
            return ""
        return f"of {obj.decided_on:%Y-%m-%d} ({obj.get_verdict_display()})"

    def proposed_change(self, deleting=False) -> Change | None:
        change = super().proposed_change(deleting)
        if change is not None and change.act == Act.ADD:
            label = f"of {self.cleaned_data.get('decided_on')}"
            summary = workflow.describe(self.part, Act.ADD, label)
            return Change(self.part, Act.ADD, summary, verdict=self.cleaned_data.get("verdict"))
        return change


class EvidenceLinkForm(RecordForm):
    part = Part.EVIDENCE
    parent_field = "outcome"
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")

    class Meta:
        model = EvidenceLink
        fields = ["title", "url", "published_on"]

    def claim(self):
        outcome = self.persisted.outcome if self.persisted else self.cleaned_data.get("outcome")
        return outcome.claim if outcome is not None else None

    def label(self, obj) -> str:
        return f"link “{obj.title}”" if obj.title else "link"


class EvidenceLinkFormSet(RecordFormSet):
    """Links on an outcome's page: the claim is the outcome's."""

    def claim_before(self):
        outcome = Outcome.objects.filter(pk=self.instance.pk).select_related("claim").first()
        return outcome.claim if outcome else None


class ArticleForm(VersionedForm):
    """An article as pasted: its text kept byte for byte (quotes are checked against it, so
    not even the white space at its ends is trimmed), and a warning before a second copy of
    an article already entered (the same URL, or the same text) is added."""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="The full text as published; quotes are checked against it.",
    )
    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")
    not_a_copy = forms.BooleanField(
        required=False,
        label="This is a different article",
        help_text="Tick after checking the article listed above, then save again.",
    )

    class Meta:
        model = Article
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        # Only when adding: an article edited in place is not a second copy of itself (its
        # URL stays unique by the database's constraint).
        if self.errors or cleaned.get("not_a_copy") or self.instance.pk is not None:
            return cleaned
        same = []
        if cleaned.get("url"):
            same += self._others().filter(url=cleaned["url"])[:3]
        if cleaned.get("text"):
            same += self._others().filter(text=cleaned["text"])[:3]
        if same:
            raise ValidationError(
                format_html(
                    "An article with the same URL or the same text is already entered:"
                    "<ul>{}</ul>Add the claim to that article instead. If this is a different "
                    "article, tick “This is a different article” and save again.",
                    format_html_join(
                        "",
                        '<li><a href="{}" target="_blank">{}</a> ({}, {})</li>',
                        (
                            (
                                reverse("admin:claims_article_change", args=[a.pk]),
                                a.title,
                                a.publication,
                                a.published_display,
                            )
                            for a in dict.fromkeys(same)
                        ),
                    ),  # fmt: skip
                ),
                code="copy",
            )
        return cleaned

    def _others(self):
        return Article.objects.order_by("pk")
