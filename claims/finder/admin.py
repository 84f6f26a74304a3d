"""The finder's records in the admin, read-only: the desk's decisions (what the model learns
from) and the models trained on them, with their held-out figures."""

from django.contrib import admin

from claims.models import FinderDecision, FinderModel


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FinderDecision)
class FinderDecisionAdmin(ReadOnly):
    list_display = ["sentence", "article", "verdict", "reason", "decided_by", "decided_at"]
    list_filter = ["verdict"]
    list_select_related = ["article", "decided_by"]
    search_fields = ["sentence", "reason"]


@admin.register(FinderModel)
class FinderModelAdmin(ReadOnly):
    list_display = ["version", "trained_at", "examples", "rules_score", "model_score", "in_use"]
    exclude = ["weights"]
