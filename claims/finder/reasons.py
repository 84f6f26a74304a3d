"""The rules: what makes a sentence look like a claim, each a reason in words.

A reason has a weight; a sentence's rule score is the logistic of their sum, so the weights
read as log-odds. They were set on the three seed articles' coverage table (every paragraph
labelled: claims taken, passages left out and why): the claims are attributed, hedged,
dated and evaluative; what is left out is headlines, captions, credits, links, questions
and framing. bench/finder.py measures them.

Every rule is English: for another language the finder says so and guesses no kind."""

import re
from dataclasses import dataclass

from claims.models import ClaimKind


@dataclass(frozen=True)
class Reason:
    code: str  # a stable name, and the model's feature name
    words: str  # what the editor reads
    weight: float


def _words(*words: str) -> re.Pattern:
    return re.compile(r"(?<![\w’'])(" + "|".join(words) + r")(?![\w’'])", re.IGNORECASE)


ATTRIBUTION = _words(
    r"said", r"says", r"say", r"told", r"tells", r"tweeted", r"wrote", r"writes", r"added",
    r"argued", r"argues", r"warned", r"warns", r"noted", r"insisted", r"claimed", r"claims",
    r"stated", r"announced", r"reported", r"believes?", r"thinks?", r"according to",
    r"suggested", r"explained", r"acknowledged", r"predicted", r"promised", r"vowed",
    r"pledged", r"declared", r"asserted", r"maintained", r"conceded", r"complained",
    r"described", r"called", r"urged", r"cautioned", r"recalled", r"blamed", r"accused",
)  # fmt: skip
SOURCES = _words(
    r"officials?", r"sources?", r"experts?", r"analysts?", r"diplomats?", r"aides?",
    r"spokes(?:wo)?man", r"spokesperson", r"negotiators?", r"president", r"secretary",
    r"minister", r"agency", r"government", r"administration", r"intelligence", r"reports?",
    r"watchers?", r"critics?", r"advisers?", r"advisors?",
)  # fmt: skip
QUOTATION = re.compile(r"[“”\"]")
FUTURE = _words(
    r"will", r"won[’']t", r"would", r"could", r"might", r"may", r"likely", r"unlikely",
    r"expected to", r"expects?", r"going to", r"plans? to", r"intends? to", r"soon",
    r"poised to", r"bound to", r"certain to", r"set to", r"about to", r"forecasts?",
    r"[\w]+[’']ll", r"is to", r"are to", r"next",
)  # fmt: skip
COMMITMENT = re.compile(
    r"(?<![\w’'])(I|we)(?:[’']ll|[’']m| am| are| will| shall| promise| pledge| vow|"
    r" commit| look forward| intend| plan)(?![\w’'])|(?<![\w’'])ready (?:to|when)",
    re.IGNORECASE,
)
QUANTITY = re.compile(
    r"\d|%|(?<![\w’'])(?:more|fewer|less|most|least|only|first|last|second|third|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|several|every|none|no other|"
    r"all|never|again|than)(?![\w’'])",
    re.IGNORECASE,
)
PAST_EVENT = re.compile(
    r"(?<![\w’'])(?:was|were|had|has been|have been|did|ended|began|met|signed|launched|"
    r"tested|appointed|canceled|cancelled|agreed|announced|rejected|walked out|"
    r"delayed|resumed|failed|took|gave|sent|received|[a-z]{3,}ed)(?![\w’'])",
    re.IGNORECASE,
)
MODAL = _words(
    r"can", r"can[’']t", r"cannot", r"must", r"should", r"shouldn[’']t", r"need to",
    r"needs to", r"necessary", r"continues? to", r"keeps? \w+ing",
)  # fmt: skip
PRONOUN = re.compile(r"^(?:he|she|they|it)\b(?! is (?:a|an) )", re.IGNORECASE)
BIOGRAPHY = re.compile(
    r"^[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+)+ (?:is|was) (?:an?|the) (?:[\w-]+ ){0,4}"
    r"(?:columnist|writer|reporter|correspondent|editor|journalist|contributor|author)\b"
)
EVALUATIVE = _words(
    r"good", r"bad", r"better", r"worse", r"best", r"worst", r"failure", r"failed",
    r"success(?:ful)?", r"stalemate", r"impasse", r"clear", r"simple", r"fragile",
    r"absent", r"impossible", r"important", r"key", r"desperate", r"irrelevan\w*",
    r"serious", r"dangerous", r"dead", r"dormant", r"illusion", r"mistake",
    r"miscalculation", r"harder", r"difficult", r"eager", r"skeptical", r"sceptical",
    r"unwilling", r"classic", r"real", r"actual", r"substantive", r"insufficient",
    r"sufficient", r"weak\w*", r"strong\w*", r"limits?", r"risks?", r"growing",
    r"overdue", r"faded", r"doomed", r"hopeless", r"effective", r"ineffective",
    r"seems?", r"seemed", r"appears?", r"appeared", r"apparently",
)  # fmt: skip
FURNITURE = re.compile(
    r"^(?:credit|photo|image|picture|caption|file photo|read more|subscribe|recent "
    r"features|related|advertisement|copyright|©)\b|https?://|www\.|@\w|"
    r"\b(?:AP|AFP|Reuters|Getty|EPA|Yonhap|Bloomberg) (?:Photo|Images)\b|"
    r"/\s*(?:AP|AFP|Reuters|Getty|EPA)\b",
    re.IGNORECASE,
)
FRAMING = re.compile(
    r"^(?:simply put|yes|in short|meanwhile|so|still|but|and|yet)\b[,:]?|"
    r"(?<![\w’'])(?:read|click|sign up)(?![\w’'])",
    re.IGNORECASE,
)
WISH = _words(r"let[’']s hope", r"let us hope", r"hopefully", r"if only")
NEGATION = _words(r"not", r"no", r"never", r"\w+n[’']t", r"cannot", r"nothing", r"nobody")
ENDS = re.compile(r"[.!?…][”’\"')\]]*\s*$")
MIN_WORDS = 5


@dataclass(frozen=True)
class Reading:
    reasons: list[Reason]
    kind: str | None


def read(sentence: str, names: list[str], said_again: bool) -> Reading:
    """The reasons for and against `sentence` being a claim, and the kind it looks like.
    `names`: the known claimants and people the sentence names; `said_again`: the same
    words occur later in the article (a headline shown twice, a pull quote)."""
    reasons = _for(sentence, names) + _against(sentence, said_again)
    return Reading(reasons, _kind(sentence))


def _for(sentence: str, names: list[str]) -> list[Reason]:
    reasons = []
    if match := ATTRIBUTION.search(sentence):
        reasons.append(Reason("attributed", f"attributed (“{match.group(0)}”)", 1.6))
    if names:
        reasons.append(Reason("names", "names " + ", ".join(names[:3]), 0.8))
    elif match := SOURCES.search(sentence):
        reasons.append(Reason("source", f"a source (“{match.group(0)}”)", 0.5))
    elif match := PRONOUN.search(sentence):
        reasons.append(Reason("someone", f"someone named before (“{match.group(0)}”)", 0.5))
    if QUOTATION.search(sentence):
        reasons.append(Reason("quoted", "words in quotation marks", 1.0))
    for code, pattern, words, weight in _KIND_SIGNS:
        if match := pattern.search(sentence):
            reasons.append(Reason(code, f"{words} (“{match.group(0)}”)", weight))
    return reasons


_KIND_SIGNS = [
    ("future", FUTURE, "looks ahead", 1.2),
    ("commitment", COMMITMENT, "a commitment", 1.0),
    ("modal", MODAL, "what can or must be", 0.8),
    ("negation", NEGATION, "says what is not so", 0.4),
    ("quantity", QUANTITY, "a quantity or comparison", 0.6),
    ("past_event", PAST_EVENT, "a past event", 0.5),
    ("evaluative", EVALUATIVE, "a judgement", 0.9),
]


def _against(sentence: str, said_again: bool) -> list[Reason]:
    reasons = []
    words = len(sentence.split())
    if not ENDS.search(sentence):
        reasons.append(Reason("no_end", "no full stop (a headline, caption or credit?)", -3.0))
    if sentence.rstrip("”’\"') ").endswith("?"):
        reasons.append(Reason("question", "a question", -2.5))
    if words < MIN_WORDS:
        reasons.append(Reason("short", f"only {words} words", -1.5))
    if BIOGRAPHY.search(sentence):
        reasons.append(Reason("biography", "a writer's biography", -3.0))
    if FURNITURE.search(sentence):
        reasons.append(Reason("furniture", "page furniture (credit, link, caption)", -3.0))
    if said_again:
        reasons.append(Reason("said_again", "the same words occur later in the article", -2.0))
    if match := WISH.search(sentence):
        reasons.append(Reason("wish", f"a wish (“{match.group(0)}”)", -1.5))
    if match := FRAMING.search(sentence):
        reasons.append(Reason("framing", f"framing (“{match.group(0)}”)", -0.4))
    return reasons


def _kind(sentence: str) -> str:
    """The kind the sentence looks like: a commitment is a promise, a look ahead a
    prediction, a judgement an assessment, anything else a statement of fact."""
    if COMMITMENT.search(sentence):
        return ClaimKind.PROMISE
    if FUTURE.search(sentence):
        return ClaimKind.PREDICTION
    if EVALUATIVE.search(sentence):
        return ClaimKind.ASSESSMENT
    return ClaimKind.STATEMENT
