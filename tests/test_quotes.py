"""A quote must occur in its article's text; spacing and quote styles don't matter."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.models import Appearance
from claims.text.quotes import find_quote
from tests.factories import ARTICLE_TEXT, make_appearance, make_article, make_claim

pytestmark = pytest.mark.django_db


def test_straight_quoted_form_matches_curly_text():
    anchor = find_quote(ARTICLE_TEXT, 'would resume "in a couple of weeks."')
    assert anchor is not None
    assert ARTICLE_TEXT[anchor.start : anchor.end] == "would resume “in a couple of weeks.”"


def test_white_space_runs_and_apostrophes_are_folded():
    anchor = find_quote(ARTICLE_TEXT, "The envoy's statement\nwas brief")
    assert ARTICLE_TEXT[anchor.start : anchor.end] == "The envoy’s   statement was brief"
    assert anchor.prefix.endswith("\n\n")
    assert anchor.suffix.startswith(": “We are")


def test_missing_quote_not_found():
    assert find_quote(ARTICLE_TEXT, "talks collapsed") is None
    assert find_quote(ARTICLE_TEXT, "   ") is None


def test_appearance_with_quote_not_in_text_is_refused_with_message():
    article = make_article("Talks stall")
    appearance = Appearance(claim=make_claim(), article=article, quote="talks collapsed")
    with pytest.raises(ValidationError) as excinfo:
        appearance.full_clean()
    message = excinfo.value.message_dict["quote"][0]
    assert "does not occur in the text of “Talks stall”" in message


def test_article_without_text_accepts_any_quote_unanchored():
    article = make_article(text="")
    appearance = make_appearance(make_claim(), article, quote="anything at all")
    assert appearance.quote_start is None


def test_saved_appearance_is_anchored():
    appearance = make_appearance(make_claim(), quote="We are ready when they are.")
    text = appearance.article.text
    assert text[appearance.quote_start : appearance.quote_end] == "We are ready when they are."


def test_editing_article_text_that_orphans_a_quote_is_refused():
    appearance = make_appearance(make_claim("Talks resume soon."), quote="in a couple of weeks")
    article = appearance.article
    article.text = "Officials said nothing."
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "Talks resume soon." in excinfo.value.message_dict["text"][0]


def test_editing_article_text_reanchors_quotes():
    appearance = make_appearance(make_claim(), quote="in a couple of weeks")
    article = appearance.article
    article.text = "Update. " + article.text
    article.full_clean()
    article.save()
    appearance.refresh_from_db()
    assert article.text[appearance.quote_start : appearance.quote_end] == "in a couple of weeks"


def _reference_normalise(text: str) -> tuple[str, list[int]]:
    """The plain per-character normalising the fast one must agree with."""
    from claims.text.quotes import _QUOTE_FOLD

    chars, offsets = [], []
    for i, ch in enumerate(text.translate(_QUOTE_FOLD)):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab “”’'\u00a0\n\t  \u2003x")))
def test_normalising_maps_every_character_back_to_its_offset(text):
    from claims.text.quotes import _normalise

    expected, offsets = _reference_normalise(text)
    haystack, fast = _normalise(text)
    assert haystack == expected
    assert [fast[i] for i in range(len(haystack))] == offsets
