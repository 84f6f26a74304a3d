"""The seed dataset as loaded: every article and claim, every quote verbatim where it is
anchored, a claim judged by a later article linked to both. Loaded once for the module (the
tests only read it); loading, reloading and broken files are tests/test_seeds.py's."""

import pytest

from claims.models import Appearance, Article, Claim, Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeds_for_module")]


def test_loads_every_article_and_claim():
    assert Article.objects.count() == 3
    assert Claim.objects.count() >= 25
    assert Claim.objects.published().count() == Claim.objects.count()
    assert all(c.appearances.exists() for c in Claim.objects.all())
    # Outcomes set the verdicts: the seed data has rated and unrated claims.
    verdicts = set(Claim.objects.values_list("verdict", flat=True))
    assert {Verdict.TRUE, Verdict.FALSE, Verdict.UNRESOLVABLE, Verdict.PENDING} <= verdicts


def test_every_quote_is_verbatim_in_its_article():
    for appearance in Appearance.objects.select_related("article"):
        text = appearance.article.text
        assert appearance.quote in text, appearance.claim.slug
        assert text[appearance.quote_start : appearance.quote_end] == appearance.quote


def test_claim_judged_by_a_later_article_links_both():
    claim = Claim.objects.get(slug="process-not-long-for-this-world-2019")
    assert claim.appearances.get().article.slug == "rogin-one-year-after-singapore-2019"
    evidence = claim.outcomes.get().evidence_articles.get()
    assert evidence.slug == "chickens-coming-home-to-roost-2019"


def test_what_readers_see_never_cites_a_repository_file():
    """Explanations are read on the public pages: they give the rule in words, never a
    pointer into this repository (a reader cannot open seeds/README.md)."""
    from claims.models import Outcome

    shown = [*Outcome.objects.values_list("explanation", flat=True)]
    shown += [*Claim.objects.values_list("resolution_criteria", flat=True)]
    cited = [text for text in shown if "README" in (text or "") or "seeds/" in (text or "")]
    assert cited == []
