"""A format-neutral loader: plain records in, validated rows out.

Everything goes through the same validation as the admin (`full_clean`) and publication
through the workflow. Rows are matched on natural keys (slugs; an appearance by claim and
article; an outcome by claim, date and verdict) and saved only when they differ, so a
second load of the same records changes nothing. Rows it was not given are left alone.
The caller owns the transaction: a LoadError (naming where and why) should roll it back.
"""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError

from claims import workflow
from claims.models import Appearance, Article, Claim, Claimant, ClaimStatus, Outcome, Topic


class LoadError(Exception):
    """A record that cannot be loaded; the message names where it is and why."""


def messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


class RecordLoader:
    def __init__(self, change_reason: str):
        self.change_reason = change_reason  # shown in every written row's history
        self.counts: Counter[str] = Counter()

    def upsert(self, model, lookup: dict, values: dict, where: str):
        """Create or update one row through full_clean; save only when something differs."""
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        if not created and all(getattr(obj, k) == v for k, v in values.items()):
            self.counts[f"{model._meta.verbose_name} unchanged"] += 1
            return obj
        for key, value in values.items():
            setattr(obj, key, value)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise LoadError(f"{where}: {messages(exc)}") from exc
        obj._change_reason = self.change_reason
        obj.save()
        self.counts[f"{model._meta.verbose_name} {'created' if created else 'updated'}"] += 1
        return obj

    def topic(self, slug: str, name: str, where: str) -> Topic:
        return self.upsert(Topic, {"slug": slug}, {"name": name}, where)

    def claimant(self, slug: str, values: dict, where: str) -> Claimant:
        return self.upsert(Claimant, {"slug": slug}, values, where)

    def article(self, slug: str, values: dict, where: str) -> Article:
        return self.upsert(Article, {"slug": slug}, values, where)

    def claim(self, slug: str, values: dict, topics: set[Topic], where: str) -> Claim:
        claim = self.upsert(Claim, {"slug": slug}, values, where)
        if set(claim.topics.all()) != topics:
            claim.topics.set(topics)
        return claim

    def appearance(self, claim: Claim, article: Article, values: dict, where: str) -> Appearance:
        where = f"{where}: appearance in {article.slug!r}"
        return self.upsert(Appearance, {"claim": claim, "article": article}, values, where)

    def outcome(self, claim: Claim, values: dict, evidence: set[Article] | None, where: str):
        """An outcome matched by claim, date and verdict; `evidence` None leaves its evidence."""
        if not isinstance(values.get("decided_on"), datetime.date):
            raise LoadError(f"{where}: outcome decided_on must be a date (YYYY-MM-DD)")
        where = f"{where}: outcome of {values['decided_on']}"
        lookup = {"claim": claim, "decided_on": values["decided_on"], "verdict": values["verdict"]}
        outcome = self.upsert(Outcome, lookup, {"explanation": values["explanation"]}, where)
        if evidence is not None and set(outcome.evidence_articles.all()) != evidence:
            outcome.evidence_articles.set(evidence)
        return outcome

    def set_status(self, claim: Claim, status: str, where: str, user=None):
        """Publication goes through the workflow, with its rules, like every other door. A
        loader run from the command line has no user; one run from the admin passes it."""
        if status not in ClaimStatus.values:
            raise LoadError(f"{where}: unknown status {status!r}")
        claim.refresh_from_db()
        try:
            moved = workflow.set_status(
                claim, status, user, reason=self.change_reason, as_loader=user is None
            )
        except ValidationError as exc:
            raise LoadError(f"{where}: {messages(exc)}") from exc
        if moved:
            self.counts[f"claim {claim.get_status_display().lower()}"] += 1


def counted(counts: dict) -> str:
    """Counts such as {"claim created": 5, "topic created": 1} in words: "5 claims created,
    1 topic created" (each noun in the singular or plural its number asks for)."""
    plural = {str(m._meta.verbose_name): str(m._meta.verbose_name_plural) for m in _models()}
    phrases = []
    for key, number in counts.items():
        noun, _, verb = key.rpartition(" ")
        noun = plural.get(noun, noun) if number != 1 else noun
        phrases.append(f"{number:,} {noun} {verb}".strip())
    return ", ".join(phrases)


def _models():
    from django.apps import apps

    return apps.get_app_config("claims").get_models()
