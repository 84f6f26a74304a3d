from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from claims import workflow
from claims.editors.admin.guarded import VersionedForm

# Editors paste bare domains; assume https, as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class HistoryAdmin(SimpleHistoryAdmin):
    """Base for every claimtrack ModelAdmin: history views, a version check on every change
    form, and https-first URL fields.

    A history restore is the change form filled with an earlier version's values: the same
    form, the same rules, in one transaction, and only for those who may change the row."""

    form = VersionedForm
    formfield_overrides = URL_FIELDS

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        form.restoring = getattr(request, "claimtrack_restoring", False)
        return form

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404("There is no such record any more.")
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        request.claimtrack_restoring = True
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class Inline:
    formfield_overrides = URL_FIELDS


class RecordInline(Inline):
    """An inline of a claim's record: its formset reviews each row's change for the user, and
    its rows show as fixed what the rule would refuse this user (claims.workflow.allowed)."""

    def allowed(self, request, obj) -> workflow.Allowed:
        # The inline hangs off a claim, or off an outcome (evidence links).
        claim = getattr(obj, "claim", obj) if obj is not None else None
        return workflow.allowed(request.user, claim)

    def has_delete_permission(self, request, obj=None):
        if self.allowed(request, obj).rows_fixed:
            return False  # no Delete box that Save would refuse
        return super().has_delete_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        formset.form.user = request.user
        formset.form.allowed = self.allowed(request, obj)
        return formset


class StackedInline(Inline, admin.StackedInline):
    pass


class TabularInline(Inline, admin.TabularInline):
    pass
