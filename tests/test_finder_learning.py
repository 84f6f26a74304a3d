"""Learning from the desk: `manage.py train_finder` fits a model on the seed articles'
coverage and the desk's decisions, prints the rules' and the model's held-out figures,
stores each model as a new version, and the finder ranks by a model only when it won."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.finder.ranking import find
from claims.models import Article, FinderDecision, FinderModel, FinderVerdict

pytestmark = pytest.mark.django_db


def train() -> str:
    out = StringIO()
    call_command("train_finder", stdout=out)
    return out.getvalue()


def test_training_prints_both_figures_and_stores_a_version(seeds):
    printed = train()
    model = FinderModel.objects.get()
    assert f"rules {model.rules_score:.3f}, model {model.model_score:.3f}" in printed
    assert model.version == 1 and model.examples > 100
    assert model.in_use == (model.model_score > model.rules_score)
    assert "reason:attributed" in model.weights["coefficients"]
    train()
    assert list(FinderModel.objects.values_list("version", flat=True)) == [2, 1]
    assert FinderModel.objects.filter(in_use=True).count() <= 1


def test_the_desks_rejections_are_examples(seeds):
    article = Article.objects.get(slug="diplomat-august-fizzle-2018")
    train()
    before = FinderModel.objects.get().examples
    other = Article.objects.create(slug="other", title="Other", text="A sentence said here.\n")
    FinderDecision.objects.create(article=other, start=0, end=21, sentence="A sentence said here.",
                                  verdict=FinderVerdict.REJECTED, reason="narration")  # fmt: skip
    train()
    assert FinderModel.objects.get(version=2).examples == before + 1
    assert article.finder_decisions.count() == 0


def test_a_model_in_use_ranks_the_candidates(seeds):
    article = Article.objects.get(slug="rogin-one-year-after-singapore-2019")
    weights = {"intercept": 0.0, "coefficients": {"word:weaken": 9.0}}
    FinderModel.objects.create(version=1, examples=1, weights=weights, rules_score=0.5,
                               model_score=0.9, in_use=True)  # fmt: skip
    finding = find(article)
    assert finding.ranked_by == "the desk's model (version 1)"
    assert finding.candidates[0].sentence.text == "Sanctions weaken over time."
    assert (
        find(article, rules_only=True).candidates[0].sentence.text != "Sanctions weaken over time."
    )


def test_too_little_to_learn_from_is_said(db):
    with pytest.raises(CommandError, match="needs at least 20"):
        train()
    assert not FinderModel.objects.exists()


@pytest.fixture
def seeds(db):
    call_command("load_seeds", verbosity=0)
