"""The admin's import: upload a file ("Import claims" on the claims list), see every row's
preview, confirm, and undo; each import listed under "Claim imports". The rules and the
writing live in claims.intake.importing; these views only show them."""

import csv
import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims import workflow
from claims.intake import importing
from claims.intake.importing.articles_sheet import COLUMNS as ARTICLE_COLUMNS
from claims.intake.importing.example import example_row
from claims.intake.importing.table import check_size
from claims.models import ClaimImport, ImportStatus
from claims.outputs.export import COLUMNS

ROWS_PER_PAGE = 200


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="CSV (UTF-8 or Windows-1252) or XLSX with the export's columns, or "
        "ClaimReview JSON.",
    )
    articles = forms.FileField(
        required=False,
        help_text="Optional: a CSV of the articles the claims cite, with their full text "
        "(a workbook may hold them in a sheet named “articles” instead).",
    )
    publish = forms.BooleanField(
        label="Publish on import",
        required=False,
        help_text="Chief editors only. Each claim still needs a quote found in its article.",
    )

    def __init__(self, *args, may_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish"]


class ImportViews:
    """Mixed into ClaimAdmin: the import pages live under the claims list."""

    def import_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="claims_claim_import"),
            path(
                "import/template.<str:kind>",
                view(self.import_template),
                name="claims_claim_import_template",
            ),
            path("import/<int:pk>/", view(self.import_preview), name="claims_claim_import_preview"),
            path("import/<int:pk>/undo/", view(self.import_undo), name="claims_claim_import_undo"),
        ]

    def _may_import(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def import_view(self, request):
        self._may_import(request)
        may_publish = workflow.can_publish(request.user)
        form = ImportForm(request.POST or None, request.FILES or None, may_publish=may_publish)
        error = None
        if request.method == "POST" and form.is_valid():
            try:
                record = importing.start(
                    form.cleaned_data["file"].name,
                    _read(form.cleaned_data["file"]),
                    user=request.user,
                    publish=form.cleaned_data.get("publish", False),
                    articles=_named(form.cleaned_data.get("articles")),
                )
            except importing.LoadError as exc:
                error = str(exc)
            else:
                return redirect("admin:claims_claim_import_preview", pk=record.pk)
        context = self._context(request, "Import claims", form=form, error=error)
        refused = error or (request.method == "POST" and form.errors)
        return TemplateResponse(
            request, "admin/claims/claim/import.html", context, status=400 if refused else 200
        )

    def import_preview(self, request, pk):
        self._may_import(request)
        record = get_object_or_404(ClaimImport, pk=pk)
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, record)
        plan, error = None, None
        try:
            # Once written (or undone), a fresh preview would misread the rows as new: the
            # page shows what was written and taken back instead.
            if record.status == ImportStatus.PREVIEWED:
                plan = importing.preview_of(record)
        except importing.LoadError as exc:
            error = str(exc)
        rows = plan.rows if plan else []
        if request.GET.get("show") == "errors":
            rows = [row for row in rows if row.errors]
        page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
        context = self._context(
            request,
            f"Import #{record.pk}: {record.file_name}",
            record=record,
            plan=plan,
            page=page,
            error=error,
            may_confirm=self._may_confirm(request, record),
            undo_problems=importing.undo_problems(record, request.user)
            if record.status == ImportStatus.IMPORTED
            else None,
            written=importing.counted(record.counts.get("written", {})),
            undone=importing.counted(record.counts.get("undone", {})),
        )
        return TemplateResponse(request, "admin/claims/claim/import_preview.html", context)

    def _may_confirm(self, request, record) -> bool:
        """The editor who uploaded a file confirms it; a chief editor may confirm any."""
        return record.created_by_id == request.user.pk or workflow.can_publish(request.user)

    def _confirm(self, request, record):
        if not self._may_confirm(request, record):
            raise PermissionDenied
        try:
            record = importing.confirm(record, request.user)
        except importing.LoadError as exc:
            self.message_user(request, f"Nothing was imported. {exc}", messages.ERROR)
            return redirect("admin:claims_claim_import_preview", pk=record.pk)
        written = record.counts.get("written", {})
        self.message_user(
            request,
            f"Imported: {importing.counted(written) or 'nothing new'}.",
            messages.SUCCESS,
        )
        changelist = reverse("admin:claims_claim_changelist")
        return redirect(f"{changelist}?import={record.pk}")

    def import_undo(self, request, pk):
        self._may_import(request)
        record = get_object_or_404(ClaimImport, pk=pk)
        if request.method != "POST":  # asks first, saying what would go and come back
            context = self._context(
                request,
                f"Undo import #{record.pk}?",
                record=record,
                planned=importing.undo_planned(record),
                undo_problems=importing.undo_problems(record, request.user),
            )
            return TemplateResponse(request, "admin/claims/claim/import_undo.html", context)
        try:
            counts = importing.undo(record, request.user)
        except importing.LoadError as exc:
            self.message_user(request, f"Not undone: {exc}", messages.ERROR)
        else:
            done = importing.counted(counts) or "nothing to take back"
            self.message_user(request, f"Import #{pk} undone: {done}.", messages.SUCCESS)
        return redirect("admin:claims_claim_import_preview", pk=pk)

    def import_template(self, request, kind):
        """An empty file with the columns an import reads: claims, or articles."""
        self._may_import(request)
        if kind == "xlsx":
            return _workbook_template()
        columns = {"csv": COLUMNS, "articles.csv": ARTICLE_COLUMNS}.get(kind)
        if columns is None:
            raise Http404("There is no such template.")
        out = io.StringIO()
        csv.writer(out).writerows([columns, example_row()] if kind == "csv" else [columns])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        name = "claims-import-template" if kind == "csv" else "articles-import-template"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            **extra,
        }


class ImportFilter(admin.SimpleListFilter):
    """?import=N on the claims list: the claims import #N created or changed."""

    title = "import"
    parameter_name = "import"

    def lookups(self, request, model_admin):
        recent = ClaimImport.objects.filter(status=ImportStatus.IMPORTED)[:10]
        return [(str(record.pk), str(record)) for record in recent]

    def queryset(self, request, queryset):
        record = ClaimImport.objects.filter(pk=_number(self.value())).first()
        if self.value() is None:
            return queryset
        if record is None:
            return queryset.none()
        history = queryset.model.history.filter(history_change_reason=record.change_reason)
        return queryset.filter(pk__in=history.values("id"))


def _number(value) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() else None


def _workbook_template() -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "claims"
    book.active.append(COLUMNS)
    book.active.append(example_row())
    book.create_sheet("articles").append(ARTICLE_COLUMNS)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="claims-import-template.xlsx"'
    return response


def _read(upload) -> bytes:
    # The size is known before anything is read; too large a file is refused unread.
    check_size(upload.size, upload.name)
    return upload.read()


def _named(upload):
    return (upload.name, _read(upload)) if upload else None


@admin.register(ClaimImport)
class ClaimImportAdmin(admin.ModelAdmin):
    """The record of imports: read-only; each links to its preview, confirm and undo page."""

    list_display = ["__str__", "status", "created_by", "created_at", "summary", "page"]
    list_filter = ["status", "format"]
    list_select_related = ["created_by"]
    fields = ["file_name", "format", "status", "publish", "created_by", "created_at",
              "imported_at", "undone_by", "undone_at", "counts"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of who imported what is kept

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.add_claim")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="rows")
    def summary(self, record):
        counts = record.counts or {}
        return ", ".join(f"{counts.get(a, 0)} {a}" for a in ("new", "update", "unchanged", "error"))

    @admin.display(description="preview")
    def page(self, record):
        return format_html('<a href="{}">Open</a>', record.get_absolute_url())
