from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

# Editors paste bare domains; assume https, as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class HistoryAdmin(SimpleHistoryAdmin):
    """Base for every claimtrack ModelAdmin: history views and https-first URL fields."""

    formfield_overrides = URL_FIELDS


class Inline:
    formfield_overrides = URL_FIELDS


class StackedInline(Inline, admin.StackedInline):
    pass


class TabularInline(Inline, admin.TabularInline):
    pass
