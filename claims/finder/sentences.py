"""An article's text cut into sentences with their exact place in the stored text, so a
candidate becomes an anchored quote without retyping.

Each line of the body is a paragraph and is cut on its own (a headline or a credit line with
no full stop never runs into the next paragraph); pysbd finds the sentence ends."""

from dataclasses import dataclass
from functools import cache

import pysbd

MAX_ARTICLE_CHARS = 200_000  # about 35,000 words: longer is a book, or not an article
MAX_SENTENCE_CHARS = 1_500  # a "sentence" longer than this is text without sentence ends


class Unreadable(Exception):
    """Text the finder cannot cut into sentences, with why in words."""


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the article's stored text
    end: int
    text: str
    paragraph: int  # the body's paragraphs counted from 0
    position: int  # the sentence's place in its paragraph, from 0


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str, body_start: int = 0) -> list[Sentence]:
    """The sentences of text[body_start:]; Unreadable when there are none or one runs on."""
    if not text[body_start:].strip():
        raise Unreadable("The article has no text to read.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise Unreadable(
            f"The text is {len(text):,} characters long; the finder reads articles of up to "
            f"{MAX_ARTICLE_CHARS:,}. Split it, or enter its claims by hand."
        )
    found, offset, paragraph = [], body_start, 0
    for line in text[body_start:].splitlines(keepends=True):
        if line.strip():
            found.extend(_cut(line, offset, paragraph))
            paragraph += 1
        offset += len(line)
    return found


def _cut(line: str, offset: int, paragraph: int) -> list[Sentence]:
    # pysbd's pieces keep the line's characters in order, so each is found after the last
    # one's end: the offsets are exact whatever pysbd does with spaces.
    cut, at = [], 0
    for piece in _segmenter().segment(line):
        words = piece.strip()
        if not words:
            continue
        start = line.find(words, at)
        if start < 0:  # never seen; a sentence that cannot be placed is not offered
            continue
        at = start + len(words)
        if len(words) > MAX_SENTENCE_CHARS:
            raise Unreadable(
                f"A sentence of {len(words):,} characters starts at character "
                f"{offset + start:,} (“{words[:60]}…”): the text seems to have no sentence "
                "ends. Check that it was pasted whole, with its punctuation."
            )
        cut.append(Sentence(offset + start, offset + at, words, paragraph, len(cut)))
    return cut
