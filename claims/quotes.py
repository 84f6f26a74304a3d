"""Finding an editor's quote inside an article's text.

Quotes are compared after normalising white space (any run becomes one space) and
curly vs straight quotes and apostrophes, because editors paste from browsers and
word processors that change both. The match is reported as offsets into the original
text, with a short prefix and suffix, in the manner of W3C Web Annotation's
TextQuoteSelector, so the public page can show the quote in its context.
"""

from dataclasses import dataclass
from functools import lru_cache

_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class QuoteAnchor:
    start: int
    end: int
    prefix: str
    suffix: str


@lru_cache(maxsize=32)
def _normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """Return the normalised text and, for each of its characters, its offset in `text`.
    Cached: an import checks many quotes against the same few article texts in a row."""
    chars: list[str] = []
    offsets: list[int] = []
    folded = text.translate(_QUOTE_FOLD)
    for i, ch in enumerate(folded):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), tuple(offsets)


def normalise(text: str) -> str:
    return _normalise(text)[0].strip()


def find_quote(text: str, quote: str) -> QuoteAnchor | None:
    """Locate `quote` in `text`; None when it does not occur."""
    needle = normalise(quote)
    if not needle:
        return None
    haystack, offsets = _normalise(text)
    pos = haystack.find(needle)
    if pos < 0:
        return None
    start = offsets[pos]
    end = offsets[pos + len(needle) - 1] + 1
    return QuoteAnchor(
        start=start,
        end=end,
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )
