"""Where a search matched a claim, said field by field. The database's headline (ts_headline,
FTS5's snippet()) runs over a claim's whole search text (its words, its claimant's name and its
quotes, one per line), so on its own it repeats the claim's words a row already shows and runs
the fields together ("…over time. Josh Rogin The problem is…"). Here the words it marked
(which are what the query matched, stemming and all) are found again in each field:

- in the claim's own words: marked in the row's heading, no snippet for them;
- in the claimant's name or a quote: a snippet naming the field ("Quote: “… <mark>…</mark> …”").
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARK_START, MARK_END = "\x02", "\x03"
QUOTE_WORDS = 16  # around a quote's first match
_MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.S)


@dataclass(frozen=True)
class Match:
    """Where a search matched one claim: its text with the matches marked (when they are in
    it), and the other fields that matched, each named (empty when none did)."""

    text: SafeString | None
    elsewhere: SafeString


def located(search_text: str, headline: str) -> Match | None:
    """The Match for a claim whose search text is `search_text`, from the database's
    `headline` of it (matches between MARK_START and MARK_END); None when nothing matched."""
    words = {w.lower() for w in _MARKED.findall(headline or "") if w.strip()}
    if not words:
        return None
    longest_first = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in longest_first)
    pattern = re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)
    text, claimant, *quotes = (search_text or "").split("\n") + [""]
    said = []
    if pattern.search(claimant):
        said.append(_field("Claimant", _marked(claimant, pattern)))
    for quote in quotes:
        if quote and pattern.search(quote):
            said.append(_field("Quote", f"“{_marked(_around(quote, pattern), pattern)}”"))
            break  # the first quote that matched says where; the claim page has them all
    in_text = _marked(text, pattern) if pattern.search(text) else None
    if in_text is None and not said:  # a phrase split across fields: the headline as it was
        return Match(None, _field("Matched", _headline(headline)))
    return Match(in_text, mark_safe(" · ".join(said)))  # noqa: S308 (each part escaped)


def _field(name: str, html: str) -> str:
    return f'<span class="snippet-field">{name}:</span> {html}'


def _around(quote: str, pattern: re.Pattern) -> str:
    """The quote cut to QUOTE_WORDS words around its first match, "…" where cut."""
    words = quote.split()
    first = len(quote[: pattern.search(quote).start()].split())
    start = max(0, first - QUOTE_WORDS // 2)
    end = min(len(words), start + QUOTE_WORDS)
    cut = " ".join(words[start:end])
    return ("… " if start else "") + cut + (" …" if end < len(words) else "")


def _marked(text: str, pattern: re.Pattern) -> SafeString:
    # Escaped piece by piece: only the matches become markup.
    out, at = [], 0
    for found in pattern.finditer(text):
        out += [escape(text[at : found.start()]), f"<mark>{escape(found.group(0))}</mark>"]
        at = found.end()
    out.append(escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308


def _headline(text: str) -> SafeString:
    html = escape(" ".join(text.split()))
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308
