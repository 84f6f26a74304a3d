import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.models import Claim
from claims.pages.badges import escaped, first_line, verdict_badge
from claims.text.context import quote_in_context, text_fragment_url

register = template.Library()
register.simple_tag(verdict_badge)
register.filter("first_line", first_line)


@register.simple_tag
def percent(share: float) -> str:
    return f"{round(100 * share)}%"


@register.simple_tag
def interval(share) -> str:
    low, high = share.interval
    return f"{round(100 * low)}%–{round(100 * high)}%"


@register.filter
def in_context(appearance):
    return quote_in_context(appearance)


@register.filter
def fragment_url(appearance):
    return text_fragment_url(appearance)


@register.simple_tag(takes_context=True)
def editors_desk(context):
    """The signed-in user's desk queues (claims.editors.desk)."""
    from claims.editors.desk import desk_for

    return desk_for(context["request"].user)


@register.simple_tag
def due_for_review_count():
    return Claim.objects.due_for_review().count()


@register.simple_tag(takes_context=True)
def select_options(context, name, choices, empty_label=None, chosen=None):
    """<option>s for a filter <select>, marking what the query string selected, or `chosen`
    (the sort: the order in force, which a query string without one leaves to the list).

    Written out here rather than through form widgets: widget templates render each
    option through a template, which costs more than the rest of the page.
    """
    selected = {chosen} if chosen else set(context["request"].GET.getlist(name))
    rows = [f'<option value="">{escaped(empty_label)}</option>'] if empty_label else []
    rows += [
        f'<option value="{escaped(value)}"{" selected" if str(value) in selected else ""}>'
        f"{escaped(label)}</option>"
        for value, label in choices
    ]
    return mark_safe("".join(rows))  # noqa: S308 (every value and label escaped above)


@register.simple_tag(takes_context=True)
def checkbox_options(context, name, choices):
    """Checkboxes for a many-valued filter (several claimants at once, no Ctrl-click):
    the chosen ones first, marked as the query string chose them."""
    selected = set(context["request"].GET.getlist(name))
    rows = sorted(choices, key=lambda row: str(row[0]) not in selected)
    name = escaped(name)
    return mark_safe(  # noqa: S308 (every value and label escaped)
        "".join(
            f'<label class="check"><input type="checkbox" name="{name}" value="{escaped(v)}"'
            f"{' checked' if str(v) in selected else ''}> {escaped(label)}</label>"
            for v, label in rows
        )
    )


@register.inclusion_tag("admin/date_hierarchy.html")
def claim_date_hierarchy(cl):
    from claims.editors.admin.scale import fast_date_hierarchy

    return fast_date_hierarchy(cl)


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def claimreview_jsonld(context, claim):
    """The claim's schema.org JSON-LD (claims.outputs.serialise) as a data block in the page head;
    <, > and & escaped so the text can never close the script element."""
    from claims.outputs.serialise import claimreview

    data = json.dumps(claimreview(claim, context["request"].build_absolute_uri), ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data.translate(_JSON_ESCAPES)),  # noqa: S308
    )
