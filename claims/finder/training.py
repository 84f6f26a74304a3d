"""`manage.py train_finder`: gather every sentence whose answer is known, judge a model
held out article by article beside the rules, store it as the next version (claims.finder.
learning says how it is fitted and applied)."""

from dataclasses import dataclass

from django.db import transaction

from claims.finder.learning import MIN_EXAMPLES, Example, fit, held_out
from claims.finder.ranking import find
from claims.models import Appearance, Article, FinderDecision, FinderModel, FinderVerdict


def examples(covered_slugs: list[str]) -> list[Example]:
    """Every sentence whose answer is known (see the module's docstring)."""
    found = []
    covered = set(covered_slugs)
    decided = FinderDecision.objects.values_list("article_id", flat=True).distinct()
    articles = Article.objects.filter(slug__in=covered) | Article.objects.filter(pk__in=decided)
    for article in articles.distinct().order_by("pk"):
        decisions = {(d.start, d.end): d.verdict for d in article.finder_decisions.all()}
        spans = list(Appearance.objects.filter(article=article).exclude(quote_start=None)
                     .values_list("quote_start", "quote_end"))  # fmt: skip
        for candidate in find(article, with_matches=False, rules_only=True).candidates:
            s = candidate.sentence
            verdict = decisions.get((s.start, s.end))
            quoted = any(a < s.end and s.start < b for a, b in spans)
            if verdict is None and not (article.slug in covered or quoted):
                continue
            claim = verdict != FinderVerdict.REJECTED if verdict else quoted
            codes = tuple(r.code for r in candidate.reading.reasons)
            rules = sum(r.weight for r in candidate.reading.reasons)
            found.append(Example(article.pk, s.text, codes, rules, claim))
    return found


@dataclass(frozen=True)
class Trained:
    model: FinderModel | None
    examples: int
    rules_score: float
    model_score: float
    problem: str = ""


def train(covered_slugs: list[str]) -> Trained:
    """Fit, judge held out, store as the next version; in use only if it beats the rules."""
    found = examples(covered_slugs)
    groups = {e.group for e in found}
    if len(found) < MIN_EXAMPLES or len(groups) < 2 or len({e.claim for e in found}) < 2:
        return Trained(None, len(found), 0.0, 0.0, (
            f"Only {len(found)} decided sentences in {len(groups)} articles: the finder needs "
            f"at least {MIN_EXAMPLES}, from two articles or more, with claims and non-claims."
        ))  # fmt: skip
    rules_score, model_score = held_out(found)
    weights = fit(found)
    with transaction.atomic():
        last = FinderModel.objects.select_for_update().order_by("-version").first()
        better = model_score > rules_score
        if better:
            FinderModel.objects.filter(in_use=True).update(in_use=False)
        model = FinderModel.objects.create(
            version=(last.version + 1) if last else 1, examples=len(found), weights=weights,
            rules_score=rules_score, model_score=model_score, in_use=better,
        )  # fmt: skip
    return Trained(model, len(found), rules_score, model_score)
