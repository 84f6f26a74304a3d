"""How quotes are shown in their article: in context, highlighted, and linked to the source."""

from dataclasses import dataclass
from urllib.parse import quote as percent_encode

# Text fragments (#:~:text=start,end) name a long quote by its first and last words.
FRAGMENT_WORDS = 4


@dataclass
class Segment:
    text: str
    appearance: object | None = None  # set when this segment is a highlighted quote


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return before, len(text) if after < 0 else after


def quote_in_context(appearance) -> list[Segment]:
    """The quote's paragraph as [before, quote, after]; just the quote when unanchored."""
    text = appearance.article.text
    start, end = appearance.quote_start, appearance.quote_end
    if start is None or end is None or end > len(text):
        return [Segment(appearance.quote, appearance)]
    p_start, p_end = _paragraph_bounds(text, start, end)
    return [
        Segment(text[p_start:start]),
        Segment(text[start:end], appearance),
        Segment(text[end:p_end]),
    ]


def _encode(words: list[str]) -> str:
    # Commas, ampersands and dashes have meaning in a text directive: encode them all.
    return percent_encode(" ".join(words), safe="").replace("-", "%2D")


def text_fragment_url(appearance) -> str:
    """The article's URL, scrolled to the quote in browsers that support text fragments."""
    url = appearance.article.url
    if not url:
        return ""
    words = appearance.quote.split()
    if not words:
        return url
    if len(words) <= 2 * FRAGMENT_WORDS:
        directive = _encode(words)
    else:
        directive = f"{_encode(words[:FRAGMENT_WORDS])},{_encode(words[-FRAGMENT_WORDS:])}"
    return f"{url.split('#', 1)[0]}#:~:text={directive}"


def highlighted_paragraphs(text: str, appearances, start: int = 0) -> list[list[Segment]]:
    """The article's paragraphs, with each anchored quote a highlighted segment.

    A quote overlapping one already highlighted is not highlighted again (it is still
    listed with its claim on the page). Text before `start` (page furniture) is left out.
    """
    spans = sorted(
        (
            a
            for a in appearances
            if a.quote_start is not None and start <= a.quote_start and a.quote_end <= len(text)
        ),
        key=lambda a: (a.quote_start, -a.quote_end),
    )
    segments, cursor = [], start
    for appearance in spans:
        if appearance.quote_start < cursor:
            continue
        segments.append(Segment(text[cursor : appearance.quote_start]))
        segments.append(Segment(text[appearance.quote_start : appearance.quote_end], appearance))
        cursor = appearance.quote_end
    segments.append(Segment(text[cursor:]))
    return _split_paragraphs(segments)


def _split_paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """Break plain segments at blank lines; a highlighted quote stays in one paragraph."""
    paragraphs: list[list[Segment]] = [[]]
    for segment in segments:
        if segment.appearance is not None:
            paragraphs[-1].append(segment)
            continue
        pieces = segment.text.split("\n")
        for i, piece in enumerate(pieces):
            if i > 0 and paragraphs[-1]:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Segment(piece))
    return [p for p in paragraphs if p]
