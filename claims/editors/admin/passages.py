"""From a passage of an article to a claim: the article's admin page shows its text
with the quotes already used marked and linked to their claims; selecting a passage there
(claims/static/claims/passage.js) opens the claim form with the article, the exact words, where
they are, the date made and the claimants the article names already filled in. Without
JavaScript, "New claim from this article" opens the same form to paste the quote into.

Everything the form is given is checked here (`passage_start`): words that are not in the
article, that lie in its page furniture, an empty selection, an article without a date each
get a message saying so, and nothing wrong is filled in."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Appearance, Article, Claimant
from claims.text.quotes import find_quotes

SUGGESTED = 8  # claimants named in the article, at most
MIN_NAME = 4  # shorter names would match inside other words too often


def marked_text(article: Article) -> SafeString:
    """The article's body, escaped, with each stored quote in a <mark> linking to its claim."""
    body_start = article.body_starts_at
    spans = sorted(
        Appearance.objects.filter(article=article, quote_start__gte=body_start)
        .exclude(quote_start=None)
        .values_list("quote_start", "quote_end", "claim_id")
    )
    html, position = [], body_start
    for start, end, claim_id in spans:
        if start < position:  # overlapping quotes: the first one marks the words
            continue
        url = reverse("admin:claims_claim_change", args=[claim_id])
        html.append(escape(article.text[position:start]))
        html.append(format_html('<mark><a href="{}">{}</a></mark>', url, article.text[start:end]))
        position = end
    html.append(escape(article.text[position:]))
    return mark_safe("".join(html))  # noqa: S308 (each piece escaped above)


def new_claim_url(article: Article, **params) -> str:
    query = urlencode({"article": article.pk, **params})
    return f"{reverse('admin:claims_claim_add')}?{query}"


def named_claimants(article: Article) -> list[Claimant]:
    """Claimants whose names occur in the article: those of its claims first, then others."""
    text = article.text
    quoted = list(
        Claimant.objects.filter(claims__appearances__article=article).distinct().order_by("name")
    )
    known = {c.pk for c in quoted}
    others = [
        c
        for c in Claimant.objects.only("pk", "name", "slug").order_by("name").iterator(2000)
        if c.pk not in known and len(c.name) >= MIN_NAME and c.name in text
    ]
    return (quoted + others)[:SUGGESTED]


@dataclass
class PassageStart:
    """What the claim form starts with, from ?article=…&quote=…&at=…, and what was wrong."""

    initial: dict = field(default_factory=dict)
    appearance: dict | None = None
    problems: list[str] = field(default_factory=list)
    claimants: list[Claimant] = field(default_factory=list)


def passage_start(params) -> PassageStart | None:
    """None when the form was not opened from an article."""
    raw = params.get("article")
    if raw is None:
        return None
    article = Article.objects.filter(pk=raw).first() if str(raw).isdigit() else None
    if article is None:
        return PassageStart(problems=["That article does not exist: choose it in the form."])
    start = PassageStart(claimants=named_claimants(article))
    if article.published_on:
        start.initial["made_on"] = article.published_on
        start.initial["made_on_precision"] = article.published_on_precision
    else:
        start.problems.append(
            "This article has no date, so the date the claim was made is left blank: enter it."
        )
    if len(start.claimants) == 1:
        start.initial["claimant"] = start.claimants[0].pk
    start.appearance = {"article": article.pk}
    quote = params.get("quote")
    if quote is not None:
        _add_quote(start, article, quote, params.get("at"))
    return start


def _add_quote(start: PassageStart, article: Article, quote: str, at):
    if not quote.strip():
        start.problems.append("No words were selected: select the passage, or paste it below.")
        return
    anchors = find_quotes(article.text, quote)
    inside = [a for a in anchors if a.start >= article.body_starts_at]
    if not anchors:
        start.problems.append(
            "The selected words are not in this article’s text (a selection that runs "
            "outside it?): select them again, or paste the exact words below."
        )
        return
    if not inside:
        start.problems.append(
            "The selected words are in the article’s page furniture, not its body: select "
            "words of the article itself."
        )
        return
    start.appearance["quote"] = quote  # exactly as selected: nothing normalised
    starts = [a.start for a in inside]
    position = int(at) if str(at or "").isdigit() else None
    if len(anchors) > 1:
        if position in starts:
            start.appearance["occurrence"] = position
        else:
            start.problems.append(
                f"These words occur {len(anchors)} times in the article: choose below which "
                "one the claim was made in."
            )


def suggestions(request, claimants) -> SafeString:
    """ "Named in this article:" links that choose a claimant (a reload without JavaScript;
    passage.js sets the field in place)."""
    links = []
    for claimant in claimants:
        query = request.GET.copy()
        query["claimant"] = claimant.pk
        links.append(
            format_html(
                '<a class="claimant-suggestion" href="?{}" data-id="{}" data-name="{}">{}</a>',
                query.urlencode(),
                claimant.pk,
                claimant.name,
                claimant.name,
            )  # fmt: skip
        )
    return format_html("Named in this article: {}", mark_safe(", ".join(links)))  # noqa: S308
