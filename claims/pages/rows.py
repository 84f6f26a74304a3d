"""A claim's row in a list of claims, as HTML (kept per generation by claims.pages.fragments).

Written in Python rather than as a template: a page of 25 rows took 9 ms through the
template engine (some 600 variable lookups, a URL reversed four times a row) and took 5 ms
here before dates and badges were formatted once per value; the rows are most of what a
list page renders the first time it is asked for. Every value is escaped (`escaped`); the
markup is the one `_claim_table.html` lists.
"""

import functools
import re

from django.urls import get_script_prefix, reverse
from django.utils.dateformat import format as format_date
from django.utils.text import Truncator, add_truncation_text
from django.utils.translation import get_language

from claims.models import Claim, ClaimKind, format_partial_date
from claims.pages.badges import escaped, first_line, verdict_badge

# Where a row's search snippet goes (claims.pages.fragments puts it in; the claim's own text is
# escaped, so it can never contain this).
SNIPPET_MARK = "<!--snippet-->"
# Around the claim's words in its heading, where a search marks its matches.
TEXT_START, TEXT_END = "<!--text-->", "<!--/text-->"
OUTCOME_CHARS = 200  # of an outcome's first line
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_KIND_LABELS = dict(ClaimKind.choices)  # as get_kind_display() says them


@functools.lru_cache
def _route(name: str, prefix: str) -> tuple[str, str]:
    # The path around a slug, reversed once per URL name and script prefix.
    before, after = reverse(name, kwargs={"slug": "slug-placeholder"}).split("slug-placeholder")
    return before, after


def _path(name: str, slug: str) -> str:
    """reverse(name, slug=slug), without reversing for a plain ASCII slug (every slug the
    site makes): such a slug needs no quoting, so the result is the same."""
    if not _PLAIN_SLUG.match(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _route(name, get_script_prefix())
    return f"{before}{slug}{after}"


# Formatting a date through Django's dateformat costs ~40 µs, and the same dates recur
# across rows and pages. Each is kept per language, as month names are translated.
@functools.lru_cache(maxsize=4096)
def _formatted(day, pattern: str, language: str) -> str:
    return format_date(day, pattern)


@functools.lru_cache(maxsize=4096)
def _made_on(day, precision: str, language: str) -> str:
    return format_partial_date(day, precision)


@functools.lru_cache(maxsize=256)
def _badge(verdict: str, kind: str, prefix: str) -> str:
    return verdict_badge(verdict, kind)  # the same for every claim of this verdict and kind


def _time(day) -> str:
    text = _formatted(day, "j F Y", get_language())
    return f'<time datetime="{day:%Y-%m-%d}">{escaped(text)}</time>'


def _shortened(line: str) -> str:
    """truncatechars:OUTCOME_CHARS. Django's Truncator counts character by character (it
    skips combining marks and normalises first), 0.2 ms a row; plain ASCII text has
    neither, so its cut is known."""
    if not line.isascii():
        return Truncator(line).chars(OUTCOME_CHARS)
    if len(line) <= OUTCOME_CHARS:
        return line
    return add_truncation_text(line[: OUTCOME_CHARS - 1])


def _outcome_line(claim: dict) -> str:
    if claim["latest_explanation"]:
        return escaped(_shortened(first_line(claim["latest_explanation"])))
    if claim["check_by"]:
        return f"Pending — check by {_time(claim['check_by'])}."
    return "Pending — no outcome yet."


def _meta(claim: dict, omit_claimant: bool) -> str:
    url = _path("claims:claim", claim["slug"])
    parts = []
    if not omit_claimant:
        role = f", {escaped(claim['claimant_role'])}" if claim["claimant_role"] else ""
        link = _path("claims:claimant", claim["claimant__slug"])
        parts.append(f'<a href="{link}">{escaped(claim["claimant__name"])}</a>{role} ·')
    made_on = _made_on(claim["made_on"], claim["made_on_precision"], get_language())
    made = f"{escaped(_KIND_LABELS.get(claim['kind'], claim['kind']))}, made {escaped(made_on)}"
    count = claim["appearance_count"]
    if count > 1:
        made += f' · <a href="{url}#evidence-heading">reported {count} times</a>'
    parts.append(made)
    if claim["check_by"] and claim["latest_explanation"]:
        parts.append(f"· check by {_time(claim['check_by'])}")
    topics = ", ".join(
        f'<a class="topic" href="{_path("claims:topic", slug)}">{escaped(name)}</a>'
        for name, slug in claim["topics"]
    )
    if topics:
        parts.append(f"· {topics}")
    return "\n      ".join(parts)


def read_rows(pks) -> list[dict]:
    """What the rows of claims `pks` show, in two queries: the claims with their claimants
    and latest explanations (Claim.objects.for_rows), then their topics by name."""
    claims = list(Claim.objects.filter(pk__in=pks).for_rows())
    topics = {claim["pk"]: [] for claim in claims}
    links = Claim.topics.through.objects.filter(claim_id__in=list(topics))
    for claim_id, name, slug in links.order_by("topic__name").values_list(
        "claim_id", "topic__name", "topic__slug"
    ):
        topics[claim_id].append((name, slug))
    for claim in claims:
        claim["topics"] = topics[claim["pk"]]
    return claims


def claim_row(claim: dict, omit_claimant: bool) -> str:
    """One claim's `<li>`: its verdict, its text linked to its page, what came of it, who
    made it (unless `omit_claimant`: their own page), when, how often reported, its topics.
    `claim` is one of read_rows()."""
    url = _path("claims:claim", claim["slug"])
    badge = _badge(claim["verdict"], claim["kind"], get_script_prefix())
    return (
        '<li class="claim">\n'
        f'    <p class="claim-verdict">{badge}</p>\n'
        f'    <p class="claim-text"><a href="{url}">{TEXT_START}{escaped(claim["text"])}{TEXT_END}'
        "</a></p>\n"
        f"    {SNIPPET_MARK}\n"
        f'    <p class="outcome-line">{_outcome_line(claim)}</p>\n'
        f'    <p class="meta">\n      {_meta(claim, omit_claimant)}\n    </p>\n'
        "  </li>\n"
    )
