import functools
import html
import json

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.context import quote_in_context, text_fragment_url
from claims.models import VERDICT_MARKS, Claim, verdict_label

register = template.Library()


@functools.lru_cache
def _scale_url(prefix: str) -> str:
    # A page shows dozens of badges: one reverse() per script prefix, not one per badge.
    return reverse("claims:scale")


@register.simple_tag
def verdict_badge(verdict: str, kind: str | None = None, link: bool = True):
    """A verdict as a badge: its mark and label (in the kind's words when a kind is given)
    carry the meaning, not the colour; it links to the scale's explanation unless it sits
    inside another link (`link=False`)."""
    mark, label = VERDICT_MARKS[verdict], verdict_label(verdict, kind)
    badge = format_html(
        '<span class="badge verdict-{}"><span aria-hidden="true">{}</span> {}</span>',
        verdict,
        mark,
        label,
    )
    if not link:
        return badge
    url = _scale_url(get_script_prefix()) + f"#verdict-{verdict}"
    return format_html('<a class="badge-link" href="{}">{}</a>', url, badge)


@register.simple_tag
def percent(share: float) -> str:
    return f"{round(100 * share)}%"


@register.simple_tag
def interval(share) -> str:
    low, high = share.interval
    return f"{round(100 * low)}%–{round(100 * high)}%"


@register.filter
def first_line(text: str) -> str:
    """The first line of an explanation: what a list row has room for."""
    return text.strip().split("\n", 1)[0].strip()


@register.filter
def in_context(appearance):
    return quote_in_context(appearance)


@register.filter
def fragment_url(appearance):
    return text_fragment_url(appearance)


@register.simple_tag(takes_context=True)
def editors_desk(context):
    """The signed-in user's desk queues (claims.desk)."""
    from claims.desk import desk_for

    return desk_for(context["request"].user)


@register.simple_tag
def due_for_review_count():
    return Claim.objects.due_for_review().count()


def escaped(value) -> str:
    """What Django's escape() does, without its lazy-string wrapper: a filter form has ~400
    options, and format_html() per option cost more than the rest of the page (the list's
    rows are written with it too, claims.rows)."""
    return html.escape(str(value))


@register.simple_tag(takes_context=True)
def select_options(context, name, choices, empty_label=None):
    """<option>s for a filter <select>, marking what the query string selected.

    Written out here rather than through form widgets: widget templates render each
    option through a template, which costs more than the rest of the page.
    """
    selected = set(context["request"].GET.getlist(name))
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
