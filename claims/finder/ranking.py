"""The candidates of an article, best first: every sentence read by the rules (reasons), its
check-by date (dates), its claimant, and its matches among the existing claims (repeats);
ranked by the desk's model when one beats the rules (learning), else by the rules.

Sentences already quoted by a claim are listed as such, not proposed; sentences the desk
rejected are not proposed again."""

import math
import re
from dataclasses import dataclass, field

from claims.finder import learning
from claims.finder.dates import check_by
from claims.finder.reasons import Reading, read
from claims.finder.repeats import Match, matches
from claims.finder.sentences import Sentence, Unreadable, sentences
from claims.models import Appearance, Article, Claimant, ClaimantKind, ClaimKind, FinderDecision

RULES_BIAS = -1.0  # the log-odds of a sentence with no reason at all
MIN_NAME = 4  # a shorter surname would match inside other words
ENGLISH_SHARE = 0.12  # below this share of common English words, a text is not English
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "on",
        "with",
        "as",
        "was",
        "by",
        "he",
        "at",
        "from",
        "this",
        "be",
        "have",
        "are",
        "not",
        "but",
        "they",
        "his",
        "has",
        "an",
        "or",
        "we",
        "their",
        "were",
        "which",
        "been",
        "its",
        "who",
        "had",
        "will",
        "would",
        "said",
    ]
)
_NAME = r"(?:[A-Z][a-z’'-]+\.? ){1,3}[A-Z][a-z’'-]+"
_SAYS = r"(?:said|says|told|tweeted|wrote|added|argued|warned|noted|insisted|claimed|stated)"
# Someone no claimant is yet: a full name right beside the verb that says they said it
# ("Jane Marlowe said", "said Jane Marlowe", "according to Jane Marlowe"), so a headline in
# title case or a place ("North Korean") is not taken for a speaker.
SPEAKER = re.compile(
    rf"(?<![\w.])(?P<before>{_NAME})(?:, [^,]{{1,80}},)? {_SAYS}\b"
    rf"|\b(?:{_SAYS}|according to) (?P<after>{_NAME})(?![\w’'-])"
)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Candidate:
    sentence: Sentence
    score: float
    reading: Reading
    claimant: Claimant | None = None
    claimant_name: str | None = None  # a name said in the text that no claimant has yet
    check_by: tuple | None = None  # (date, the words that gave it)
    matches: list[Match] = field(default_factory=list)
    quoted_by: list[int] = field(default_factory=list)  # claims quoting it already
    decision: FinderDecision | None = None

    @property
    def proposed(self) -> bool:
        return not self.quoted_by and self.decision is None


@dataclass
class Finding:
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ranked_by: str = "the rules"


def find(article: Article, *, with_matches: bool = True, rules_only: bool = False) -> Finding:
    """Every sentence of the article's body as a candidate, best first (`rules_only`: ranked
    by the rules even when a model is in use, as training compares them)."""
    try:
        cut = sentences(article.text, article.body_starts_at)
    except Unreadable as problem:
        return Finding(problems=[str(problem)])
    english = _reads_as_english(article.body)
    finding = Finding()
    if not english:
        finding.problems.append(
            "This text does not read as English: the finder's rules are English, so it "
            "suggests no kind and no check-by date. Judge each sentence yourself."
        )
    people = _people(article)
    model = None if rules_only else learning.model_in_use()
    if model is not None:
        finding.ranked_by = f"the desk's model (version {model.version})"
    for sentence in cut:
        finding.candidates.append(_candidate(sentence, cut, people, article, english, model))
    _mark_known(article, finding.candidates)
    if with_matches:
        proposed = [c for c in finding.candidates if c.proposed]
        for candidate, found in zip(proposed, matches([c.sentence.text for c in proposed]),
                                    strict=True):  # fmt: skip
            candidate.matches = found
    finding.candidates.sort(key=lambda c: (-c.score, c.sentence.start))
    return finding


def _candidate(sentence, cut, people, article, english, model) -> Candidate:
    said = [name for name in people if name in sentence.text]
    names = [n for n in said if not any(n != other and n in other for other in said)]
    reading = read(sentence.text, names, _said_again(sentence, cut))
    if not english:
        reading = Reading(reading.reasons, None)
    if model is not None:
        score = learning.probability(model.weights, sentence.text, reading)
    else:
        score = _logistic(RULES_BIAS + sum(r.weight for r in reading.reasons))
    candidate = Candidate(sentence, round(score, 3), reading)
    attributed = any(r.code == "attributed" for r in reading.reasons)
    candidate.claimant, candidate.claimant_name = _claimant(sentence.text, people, attributed)
    if english:
        ahead = reading.kind in (ClaimKind.PREDICTION, ClaimKind.PROMISE)
        candidate.check_by = check_by(sentence.text, article.published_on, ahead)
    return candidate


def _logistic(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _key(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def _said_again(sentence: Sentence, cut: list[Sentence]) -> bool:
    key = _key(sentence.text)
    return bool(key) and any(o.start > sentence.start and key in _key(o.text) for o in cut)


def _reads_as_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    return bool(words) and sum(w in _ENGLISH for w in words) / len(words) >= ENGLISH_SHARE


def _people(article: Article) -> dict[str, Claimant | None]:
    """Names the article says, each with the known claimant it names (None: not known yet):
    claimants by full name, people by their surname, and speakers no claimant is yet."""
    text = article.body
    words = set(_WORD.findall(text))  # a name's words looked up here first: 20k claimants
    people: dict[str, Claimant | None] = {}  # are read in ~50 ms, a regex each would take 1 s
    for claimant in Claimant.objects.only("pk", "name", "slug", "kind").iterator(2000):
        parts = claimant.name.split()
        if not parts or not words.intersection(_WORD.findall(claimant.name)):
            continue
        if len(claimant.name) >= MIN_NAME and claimant.name in text:
            people[claimant.name] = claimant
        surname = parts[-1]
        if claimant.kind == ClaimantKind.PERSON and len(surname) >= MIN_NAME and surname in words:
            people.setdefault(surname, claimant)
    for match in SPEAKER.finditer(text):
        people.setdefault(match.group("before") or match.group("after"), None)
    return people


def _claimant(text: str, people: dict, attributed: bool) -> tuple[Claimant | None, str | None]:
    """The known claimant the sentence names first (the longest name at a place), else, for
    words attributed to someone, the first full name it says."""
    said = sorted((text.find(n), -len(n), n) for n in people if n in text)
    for _, _, name in said:
        if people[name] is not None:
            return people[name], None
    return None, (said[0][2] if said and attributed else None)


def _mark_known(article: Article, candidates: list[Candidate]):
    quoted = Appearance.objects.filter(article=article).exclude(quote_start=None)
    spans = list(quoted.values_list("quote_start", "quote_end", "claim_id"))
    decisions = {(d.start, d.end): d for d in FinderDecision.objects.filter(article=article)}
    for candidate in candidates:
        s = candidate.sentence
        candidate.quoted_by = sorted({c for a, b, c in spans if a < s.end and s.start < b})
        candidate.decision = decisions.get((s.start, s.end))


def as_json(candidate: Candidate) -> dict:
    """A candidate as `manage.py find_claims --json` prints it."""
    s = candidate.sentence
    when = candidate.check_by
    return {
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "score": candidate.score,
        "reasons": [r.words for r in candidate.reading.reasons],
        "kind": candidate.reading.kind,
        "claimant": candidate.claimant.slug if candidate.claimant else candidate.claimant_name,
        "check_by": when[0].isoformat() if when else None,
        "matches": [
            {"claim": m.slug, "score": m.score, "level": m.level} for m in candidate.matches
        ],  # fmt: skip
    }
