"""Form bases that put every admin door through claims.workflow: a version check on every
row an editor changes, and the rule for changing a published claim's record.

Changes are measured against the stored row (locked for the save), never against the
form's initial values: on a history restore page those are the old version's, and an
unchanged restore would otherwise count as no change at all.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, model_to_dict

from claims import workflow
from claims.workflow import Act, Change, Part


def _restore_kwargs(form_class, kwargs: dict) -> dict:
    """Edit the current row with an earlier version's values: the form's instance is the row
    as stored now (so fields the form does not show stay as they are), its initial values
    are the old version's, and its version is the current one (the page was opened now)."""
    earlier = kwargs["instance"]
    current = type(earlier)._default_manager.filter(pk=earlier.pk).first()
    if current is None:
        return kwargs
    opts = form_class._meta
    initial = model_to_dict(earlier, fields=opts.fields, exclude=opts.exclude)
    initial.pop("version", None)
    initial.update(kwargs.get("initial") or {})
    return {**kwargs, "instance": current, "initial": initial}


class VersionedForm(forms.ModelForm):
    """Refuses a save built on an older version of the row; the editor's input is kept."""

    user = None  # set by the admin for the request
    restoring = False  # set by the admin on a history restore page

    def __init__(self, *args, **kwargs):
        if self.restoring and kwargs.get("instance") is not None:
            kwargs = _restore_kwargs(type(self), kwargs)
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        pk = self.instance.pk
        self.persisted = workflow.lock(type(self.instance), pk) if pk is not None else None
        if self.persisted is not None and "version" in self.fields:
            message = workflow.stale_save_message(self.persisted, cleaned.get("version"))
            if message:
                # Re-shown with the current version: a deliberate second save may replace.
                self.data = self.data.copy()
                self.data[self.add_prefix("version")] = self.persisted.version
                raise ValidationError(message, code="stale")
        return cleaned


class RecordForm(VersionedForm):
    """A form for part of a claim's record (the claim, a quote, an outcome, evidence).

    `part` names it; `parent_field` is the field that ties it to what it hangs off, which
    never changes once saved. Forms on a model's own page (`standalone`) are reviewed
    here; inline forms by their RecordFormSet, which knows which are being deleted."""

    part: Part
    parent_field: str | None = "claim"
    standalone = False
    allowed = workflow.Allowed()  # set by the inline for the user and claim (RecordInline)
    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to change a published claim's record; shown publicly with its date.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the rule would refuse on save is shown as fixed now: a stored row this user
        # may not change, and a new outcome's verdicts narrowed to those they may add.
        if self.allowed.rows_fixed and self.instance.pk is not None:
            for field in self.fields.values():
                field.disabled = True
        verdicts = self.allowed.new_verdicts
        if "verdict" in self.fields and verdicts is not None and self.instance.pk is None:
            field = self.fields["verdict"]
            field.choices = [(v, label) for v, label in field.choices if v in verdicts]
            field.initial = verdicts[0]
            field.help_text = workflow.VERDICT_FOR_CHIEFS

    def clean(self):
        cleaned = super().clean()
        self.records = []
        if self.standalone and not self.errors:
            change = self.proposed_change()
            if change is not None:
                self.records = self.review([change])
        return cleaned

    @property
    def note(self) -> str:
        return self.cleaned_data.get("correction_note", "")

    def claim(self):
        """The stored claim this row belongs to (for a new row, the one chosen)."""
        if self.persisted is not None:
            return self.persisted.claim
        return self.cleaned_data.get("claim")

    def label(self, obj) -> str:
        return str(obj)

    def compared_fields(self) -> list[str]:
        """The model fields this form edits (not its version, key, note or DELETE box)."""
        model_fields = {f.name for f in self._meta.model._meta.get_fields() if f.concrete}
        return [n for n in self.fields if n in model_fields and n not in ("version", "id")]

    def proposed_change(self, deleting=False) -> Change | None:
        if self.persisted is None:
            label = self.label(self.instance)
            return Change(self.part, Act.ADD, workflow.describe(self.part, Act.ADD, label))
        label = self.label(self.persisted)
        if deleting:
            return Change(self.part, Act.DELETE, workflow.describe(self.part, Act.DELETE, label))
        values = {n: self.cleaned_data[n] for n in self.compared_fields() if n in self.cleaned_data}
        if self.parent_field in values:
            self._refuse_move(values.pop(self.parent_field))
        fields = workflow.field_changes(self.persisted, values)
        if not fields:
            return None
        summary = workflow.describe(self.part, Act.CHANGE, label, fields.values())
        return Change(self.part, Act.CHANGE, summary, fields=frozenset(fields))

    def _refuse_move(self, parent):
        if getattr(parent, "pk", parent) != getattr(self.persisted, f"{self.parent_field}_id"):
            raise ValidationError(
                f"A {self.part} stays with what it was entered on. Remove it there (a chief "
                "editor, with a note, if that claim is published) and add it where it belongs."
            )

    def review(self, changes: list[Change]) -> list[Change]:
        return workflow.review(self.user, self.claim(), changes, self.note)


class RecordFormSet(BaseInlineFormSet):
    """Inline rows of a claim's record; each change is reviewed with its own row's note."""

    user = None  # set by the inline for the request

    def claim_before(self):
        """The claim as stored (None while it is being added)."""
        from claims.models import Claim

        return Claim.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None

    def clean(self):
        super().clean()
        self._check_constraints()
        self.records = []
        refusals = []
        claim = self.claim_before()
        for form in self.forms:
            try:
                change = self._change_of(form)
                if change is None:
                    continue
                recorded = workflow.review(self.user, claim, [change], form.note)
            except ValidationError as exc:
                refusals.extend(exc.messages)  # a row marked for deletion shows no errors
                continue
            if recorded:
                self.records.append((recorded, form))
        if refusals:
            self._forget_refused_values()
            raise ValidationError(sorted(set(refusals)))

    def _forget_refused_values(self):
        """Each stored row's instance back to its stored values: Django wrote the posted ones
        onto it while cleaning, and the page's headings (an outcome's verdict) read them."""
        for form in self.forms:
            stored = getattr(form, "persisted", None)
            if stored is None:
                continue
            for field in stored._meta.concrete_fields:
                setattr(form.instance, field.attname, getattr(stored, field.attname))

    def _check_constraints(self):
        """Each row's constraints checked with its claim, as the database will: Django leaves
        out the claim (not a field of the row's form), so a forged row (an existing quote
        posted as new) would reach the database as an IntegrityError."""
        if self.instance.pk is None:
            return  # a new claim's rows cannot clash with stored ones
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            try:
                form.instance.validate_constraints()
            except ValidationError as exc:
                form.add_error(None, exc)
        if any(form.errors for form in self.forms):
            raise ValidationError("A row clashes with one already stored; see it below.")

    def _change_of(self, form) -> Change | None:
        if not hasattr(form, "persisted"):
            return None  # an untouched extra row: Django does not clean it
        deleting = self._should_delete_form(form)
        if form.persisted is None:
            if deleting or form.errors or not form.has_changed():
                return None
            return form.proposed_change()
        if deleting:
            return form.proposed_change(deleting=True)  # whatever errors the row shows
        return None if form.errors else form.proposed_change()

    def save_records(self, claim):
        """Write the public record of this formset's reviewed changes, before they are saved
        (a removed row's record must not point at it)."""
        for changes, form in self.records:
            deleted = self._should_delete_form(form)
            outcome = form.instance if form.part == Part.OUTCOME and not deleted else None
            workflow.record(self.user, claim, changes, form.note, outcome=outcome)
