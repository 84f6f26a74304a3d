"""Admin forms that apply the editorial rules in claims.workflow."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.duplicates import similar_claims
from claims.models import Claim, Outcome
from claims.workflow import check_outcome_change, stale_save_message


class ClaimAdminForm(forms.ModelForm):
    not_a_duplicate = forms.BooleanField(
        required=False,
        label="This is not a duplicate",
        help_text="Tick after checking the similar claims listed above, then save again.",
    )

    class Meta:
        model = Claim
        fields = [
            "text",
            "slug",
            "kind",
            "topics",
            "version",
            "claimant",
            "claimant_role",
            "made_on",
            "made_on_precision",
            "check_by",
            "status",
        ]
        widgets = {"version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._refuse_stale_save(cleaned)
        elif not cleaned.get("not_a_duplicate"):
            self._refuse_likely_duplicate(cleaned)
        return cleaned

    def _refuse_stale_save(self, cleaned):
        # Lock the row until this save's transaction ends, so two saves cannot both pass.
        current = Claim.objects.select_for_update().get(pk=self.instance.pk)
        message = stale_save_message(current, cleaned.get("version"))
        if message:
            # The form keeps the editor's input; a deliberate second save may replace.
            self.data = self.data.copy()
            self.data["version"] = current.version
            raise ValidationError(message, code="stale")

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
        raise ValidationError(
            format_html(
                "This claimant already has similar claims:<ul>{}</ul>If it is the same claim, "
                "add an appearance to it instead. If not, tick “This is not a duplicate” "
                "and save again.",
                items,
            ),
            code="duplicate",
        )


class OutcomeForm(forms.ModelForm):
    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to edit or delete an outcome of a published claim; shown publicly.",
    )

    class Meta:
        model = Outcome
        fields = ["verdict", "decided_on", "explanation", "evidence_articles"]

    def substantive_changes(self) -> list[str]:
        return [name for name in self.changed_data if name != "correction_note"]


class OutcomeFormSet(BaseInlineFormSet):
    """Outcomes on the claim page; set `user` before validation (ClaimAdmin does)."""

    user = None

    def clean(self):
        super().clean()
        self.corrections = []
        refusals = []
        persisted = Claim.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            deleting = self._should_delete_form(form)
            is_new = form.instance.pk is None
            if (is_new and deleting) or not (deleting or form.substantive_changes()):
                continue
            note = form.cleaned_data.get("correction_note", "")
            original = None if is_new else Outcome.objects.get(pk=form.instance.pk)
            try:
                check_outcome_change(
                    self.user,
                    persisted,
                    original,
                    verdict=form.cleaned_data.get("verdict"),
                    deleting=deleting,
                    note=note,
                )
            except ValidationError as exc:
                # A form marked for deletion does not count its own errors: refuse the set.
                refusals.extend(exc.messages)
                continue
            if original is not None and persisted is not None and persisted.is_published:
                self.corrections.append((original, note, deleting))
        if refusals:
            raise ValidationError(sorted(set(refusals)))
