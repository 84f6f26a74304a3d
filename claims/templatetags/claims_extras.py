import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from claims.context import quote_in_context, text_fragment_url
from claims.models import Claim, Verdict

register = template.Library()


@register.simple_tag
def verdict_badge(verdict: str):
    """A verdict as a labelled badge; the label, not the colour, carries the meaning."""
    return format_html('<span class="badge verdict-{}">{}</span>', verdict, Verdict(verdict).label)


@register.filter
def in_context(appearance):
    return quote_in_context(appearance)


@register.filter
def fragment_url(appearance):
    return text_fragment_url(appearance)


@register.simple_tag
def due_for_review_count():
    return Claim.objects.due_for_review().count()


@register.simple_tag(takes_context=True)
def select_options(context, name, choices, empty_label=None):
    """<option>s for a filter <select>, marking what the query string selected.

    Written out here rather than through form widgets: widget templates render each
    option through a template, which costs more than the rest of the page.
    """
    selected = set(context["request"].GET.getlist(name))
    rows = [("", "", empty_label)] if empty_label else []
    rows += [
        (value, " selected" if str(value) in selected else "", label) for value, label in choices
    ]
    return format_html_join("", '<option value="{}"{}>{}</option>', rows)


@register.inclusion_tag("admin/date_hierarchy.html")
def claim_date_hierarchy(cl):
    from claims.admin.scale import fast_date_hierarchy

    return fast_date_hierarchy(cl)


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def claimreview_jsonld(context, claim):
    """The claim's schema.org JSON-LD (claims.serialise) as a data block in the page head;
    <, > and & escaped so the text can never close the script element."""
    from claims.serialise import claimreview

    data = json.dumps(claimreview(claim, context["request"].build_absolute_uri), ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data.translate(_JSON_ESCAPES)),  # noqa: S308
    )
