"""Finding an editor's quote inside an article's text.

Quotes are compared after normalising white space (any run becomes one space) and
curly vs straight quotes and apostrophes, because editors paste from browsers and
word processors that change both. The match is reported as offsets into the original
text, with a short prefix and suffix, in the manner of W3C Web Annotation's
TextQuoteSelector, so the public page can show the quote in its context.
"""

import re
from bisect import bisect_right
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


_SPACE_RUN = re.compile(r"\s+")  # str.isspace() characters, as re's \s is for str


class _Offsets:
    """For each character of a normalised text, its offset in the original: kept as runs
    (normalised start, original start), since only white space runs shift positions."""

    def __init__(self, runs: list[tuple[int, int]]):
        self.norm_starts = [n for n, _ in runs]
        self.runs = runs

    def __getitem__(self, position: int) -> int:
        norm, orig = self.runs[bisect_right(self.norm_starts, position) - 1]
        return orig + position - norm


@lru_cache(maxsize=32)
def _normalise(text: str) -> tuple[str, _Offsets]:
    """Return the normalised text (quote styles folded, each run of white space one space)
    and, for each of its characters, its offset in `text`. Cached: an import checks many
    quotes against the same few article texts in a row."""
    folded = text.translate(_QUOTE_FOLD)
    parts: list[str] = []
    runs: list[tuple[int, int]] = []
    length = position = 0
    for space in _SPACE_RUN.finditer(folded):
        for start, piece in ((position, folded[position : space.start()]), (space.start(), " ")):
            if piece:
                runs.append((length, start))
                parts.append(piece)
                length += len(piece)
        position = space.end()
    if position < len(folded):
        runs.append((length, position))
        parts.append(folded[position:])
    return "".join(parts), _Offsets(runs or [(0, 0)])


def normalise(text: str) -> str:
    return _normalise(text)[0].strip()


def find_quotes(text: str, quote: str) -> list[QuoteAnchor]:
    """Every place `quote` occurs in `text`, in order (none when it does not)."""
    needle = normalise(quote)
    if not needle:
        return []
    haystack, offsets = _normalise(text)
    found = []
    pos = haystack.find(needle)
    while pos >= 0:
        start = offsets[pos]
        end = offsets[pos + len(needle) - 1] + 1
        found.append(
            QuoteAnchor(
                start=start,
                end=end,
                prefix=text[max(0, start - CONTEXT_CHARS) : start],
                suffix=text[end : end + CONTEXT_CHARS],
            )
        )
        pos = haystack.find(needle, pos + 1)
    return found


def find_quote(text: str, quote: str, at: int | None = None) -> QuoteAnchor | None:
    """Locate `quote` in `text`: the occurrence starting at `at` when there is one (a quote
    that occurs twice keeps the place chosen for it), else the first; None when it does not
    occur."""
    found = find_quotes(text, quote)
    chosen = [anchor for anchor in found if anchor.start == at]
    return (chosen or found or [None])[0]
