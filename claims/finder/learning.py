"""Learning from the desk: a logistic regression (scikit-learn) over the rules' reasons and
the sentence's words, fitted on every sentence whose answer is known: the sentences of the
fully covered articles (the seed articles: each line is a claim taken or left out, and why),
plus every accept and reject an editor has made elsewhere.

The weights are stored as JSON in FinderModel (nothing is pickled, nothing downloaded) and
applied here with plain arithmetic, so the web process never imports scikit-learn. A model
ranks candidates only when, held out article by article, it finds more of the claims in the
top N than the rules do (N: the claims in that article)."""

import math
import re
from dataclasses import dataclass

from claims.models import FinderModel

_WORD = re.compile(r"[^\W\d_]{3,}")
MIN_EXAMPLES = 20


def features(text: str, codes) -> dict[str, float]:
    found = {f"reason:{code}": 1.0 for code in codes}
    for word in set(_WORD.findall(text.lower())):
        found[f"word:{word}"] = 1.0
    return found


def probability(weights: dict, text: str, reading) -> float:
    z = weights["intercept"]
    for name in features(text, [r.code for r in reading.reasons]):
        z += weights["coefficients"].get(name, 0.0)
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


def model_in_use() -> FinderModel | None:
    return FinderModel.objects.filter(in_use=True).first()


@dataclass(frozen=True)
class Example:
    group: int  # the article: held out together
    text: str
    codes: tuple[str, ...]
    rules: float  # the rules' log-odds
    claim: bool


def share_in_top(scores: list[float], labels: list[bool]) -> float:
    """The share of the claims found among the N best-scored sentences (N: the claims)."""
    wanted = sum(labels)
    if not wanted:
        return 1.0
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return sum(labels[i] for i in order[:wanted]) / wanted


def fit(train: list[Example]) -> dict:
    """Weights fitted on `train` (scikit-learn, imported only here)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([features(e.text, e.codes) for e in train])
    model = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
    model.fit(x, [e.claim for e in train])
    names = vectorizer.get_feature_names_out()
    coefficients = {n: round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True) if w}
    return {"intercept": float(model.intercept_[0]), "coefficients": coefficients}


def score(weights: dict, example: Example) -> float:
    z = weights["intercept"] + sum(
        weights["coefficients"].get(n, 0.0) for n in features(example.text, example.codes)
    )
    return z


def held_out(found: list[Example]) -> tuple[float, float]:
    """(rules, model): the mean share of claims in the top N over the articles, each held out
    of the model's fitting in turn."""
    groups = sorted({e.group for e in found})
    rules, model = [], []
    for group in groups:
        test = [e for e in found if e.group == group]
        train = [e for e in found if e.group != group]
        labels = [e.claim for e in test]
        rules.append(share_in_top([e.rules for e in test], labels))
        if len({e.claim for e in train}) < 2:
            model.append(0.0)  # nothing to learn from without both answers
            continue
        weights = fit(train)
        model.append(share_in_top([score(weights, e) for e in test], labels))
    return sum(rules) / len(rules), sum(model) / len(model)
