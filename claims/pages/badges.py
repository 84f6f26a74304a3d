"""Small pieces of HTML every public page writes, as plain functions: the list's rows
(claims.pages.rows) write them directly, and templates through claims_extras' tags."""

import functools
import html

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html

from claims.models import VERDICT_MARKS, verdict_label


@functools.lru_cache
def _scale_url(prefix: str) -> str:
    # A page shows dozens of badges: one reverse() per script prefix, not one per badge.
    return reverse("claims:scale")


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


def first_line(text: str) -> str:
    """The first line of an explanation: what a list row has room for."""
    return text.strip().split("\n", 1)[0].strip()


def escaped(value) -> str:
    """What Django's escape() does, without its lazy-string wrapper: a filter form has ~400
    options, and format_html() per option cost more than the rest of the page (the list's
    rows are written with it too, claims.pages.rows)."""
    return html.escape(str(value))
