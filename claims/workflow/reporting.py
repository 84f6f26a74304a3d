"""A claim reported again: a new quote of an existing claim from another article. One door
for every way in that adds one (the claim finder's "repeat", and any later ones): the change
rule is asked (claims.workflow.changes: adding a quote to a published claim is open to
editors) and the quote is checked against the article's text before anything is saved."""

from django.db import transaction

from claims.models import Appearance, Article, Claim
from claims.workflow.changes import Act, Change, Part, review
from claims.workflow.locking import lock


def report_again(claim: Claim, article: Article, quote: str, at: int | None, user) -> Appearance:
    """The new quote, anchored at `at` when the words occur there; ValidationError says why
    not (the quote is not in the text, the claim is already quoted from this article)."""
    with transaction.atomic():
        claim = lock(Claim, claim.pk)
        summary = f"quote added from “{article.title}”"
        review(user, claim, [Change(Part.APPEARANCE, Act.ADD, summary)], note="")
        appearance = Appearance(claim=claim, article=article, quote=quote, quote_start=at)
        appearance.full_clean()
        appearance.save()
    return appearance
