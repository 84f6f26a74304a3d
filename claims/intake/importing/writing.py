"""Writing a clean preview: every row or none, in one transaction, in set-based statements
(bulk inserts and updates, their history rows beside them, and the derived verdicts and
search text recomputed by one UPDATE per batch), so 10,000 rows cost a few hundred queries
rather than half a million. Publication still goes claim by claim through the workflow.

Everything written is noted in an undo log (claims.intake.importing.undo takes it back)."""

from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from claims import workflow
from claims.intake.importing import published
from claims.intake.importing.history import ADDED, CHANGED, write_history
from claims.intake.importing.lookups import Slugs, batches
from claims.intake.importing.records import LoadError
from claims.models import (
    Appearance,
    Article,
    Claim,
    Claimant,
    EvidenceLink,
    Outcome,
    Topic,
    Verdict,
)

CLAIM_FIELDS = [
    "text",
    "claimant_role",
    "kind",
    "made_on",
    "made_on_precision",
    "check_by",
    "resolution_criteria",
]


class Writer:
    def __init__(self, plan, *, reason: str, user=None, publish=False):
        self.plan, self.reason, self.user, self.publish = plan, reason, user, publish
        self.rows = [row for row in plan.rows if row.action in ("new", "update")]
        self.counts: Counter[str] = Counter()
        self.created: dict[str, list[int]] = defaultdict(list)
        self.updated: dict[str, list[dict]] = defaultdict(list)
        self.now = timezone.now()

    def write(self) -> tuple[Counter, dict]:
        if not self.plan.ok:
            raise LoadError(f"{len(self.plan.errors)} row(s) have errors; nothing was imported.")
        with transaction.atomic():
            self._articles()
            claimants, topics = self._claimants(), self._topics()
            claims = self._claims(claimants)
            self._topic_links(claims, topics)
            self._appearances(claims)
            self._outcomes(claims)
            touched = [claim.pk for claim in claims.values()]
            for batch in batches(touched):
                Claim.objects.filter(pk__in=batch).sync_verdicts()
                Claim.objects.filter(pk__in=batch).refresh_search()
            if self.publish:
                self._publish(touched)
            published.record(self.rows, self.user)  # published claims' public corrections
            versions = {}
            for batch in batches(touched):
                versions.update(Claim.objects.filter(pk__in=batch).values_list("pk", "version"))
        log = {"created": dict(self.created), "updated": dict(self.updated), "versions": versions}
        return self.counts, log

    # Each step inserts what is new and updates what changed, with history rows for both.

    def _insert(self, model, objects: list, name: str) -> dict:
        """Insert `objects`; their history rows by primary key."""
        if not objects:
            return {}
        model.objects.bulk_create(objects, batch_size=500)
        self.created[name].extend(obj.pk for obj in objects)
        self.counts[f"{model._meta.verbose_name} created"] += len(objects)
        return self._history(model, objects, update=False)

    def _update(self, model, objects, fields, name: str, before: list[dict]) -> dict:
        """Save `fields` of `objects`, moving their versions; their history rows by key."""
        if not objects:
            return {}
        for obj in objects:
            obj.version += 1
        model.objects.bulk_update(objects, [*fields, "version"], batch_size=500)
        self.updated[name].extend(before)
        self.counts[f"{model._meta.verbose_name} updated"] += len(objects)
        return self._history(model, objects, update=True)

    def _history(self, model, objects: list, update: bool) -> dict:
        kind = CHANGED if update else ADDED
        return write_history(
            model, objects, kind, user=self.user, reason=self.reason, date=self.now
        )

    def _articles(self):
        rows = self.plan.articles
        self._insert(Article, [r.article for r in rows if r.action == "new"], "article")
        for row in rows:
            if row.action == "update":
                # One by one: saving an article re-anchors the quotes already in it.
                row.article._change_reason = self.reason
                row.article.save()
                self.updated["article"].append({"pk": row.article.pk, "values": row.before})
                self.counts["article updated"] += 1

    def _claimants(self) -> dict[str, Claimant]:
        new = {}
        for row in self.rows:
            values = row.claimant
            if "object" not in values and values["slug"] not in new:
                fields = {k: values[k] for k in ("slug", "name", "kind")}
                new[values["slug"]] = Claimant(**fields)
        self._insert(Claimant, list(new.values()), "claimant")
        return new

    def _topics(self) -> dict[str, Topic]:
        names = sorted({name for row in self.rows for name in row.topics})
        known = {
            t.name: t for batch in batches(names) for t in Topic.objects.filter(name__in=batch)
        }
        bases = {name: slugify(name)[:90] or "topic" for name in names if name not in known}
        slugs = Slugs(Topic, set(bases.values()), former=False)
        new = [Topic(name=name, slug=slugs.take(base)) for name, base in bases.items()]
        self._insert(Topic, new, "topic")
        return known | {topic.name: topic for topic in new}

    def _claims(self, claimants: dict[str, Claimant]) -> dict[int, Claim]:
        """The row number's claim, created or updated."""
        new, changed, before = [], [], []
        by_row = {}
        for row in self.rows:
            claimant = row.claimant.get("object") or claimants[row.claimant["slug"]]
            claim = row.claim or Claim(slug=row.slug)
            if row.claim is not None:
                before.append(_snapshot(claim, row))
                changed.append(claim)
                claim.updated_at = self.now
            else:
                new.append(claim)
                outcome = row.outcome or {}
                claim.verdict = outcome.get("verdict", Verdict.PENDING)
                claim.verdict_on = outcome.get("decided_on")
            for name in CLAIM_FIELDS:
                if name in row.values:  # a file without an optional column keeps its value
                    setattr(claim, name, row.values[name])
            claim.claimant = claimant
            by_row[row.number] = claim
        self._lock(changed)
        self.claim_history = self._insert(Claim, new, "claim")
        fields = [*CLAIM_FIELDS, "claimant", "updated_at"]
        self.claim_history |= self._update(Claim, changed, fields, "claim", before)
        return by_row

    def _lock(self, claims: list[Claim]):
        """Hold the claims an import updates until it commits, and refuse the import if any
        changed after they were read for the preview: an update must not undo an edit."""
        read = {claim.pk: claim.version for claim in claims}
        for batch in batches(read):
            locked = Claim.objects.select_for_update().filter(pk__in=batch)
            for pk, version in locked.values_list("pk", "version"):
                if version != read[pk]:
                    raise LoadError(
                        f"claim {pk} was changed while the import was being checked; nothing "
                        "was imported. Preview the file again."
                    )

    def _topic_links(self, claims: dict[int, Claim], topics: dict[str, Topic]):
        through = Claim.topics.through
        links, replaced, kept = [], [], []
        for row in self.rows:
            claim = claims[row.number]
            if row.claim is not None and "topics" not in row.changed:
                kept.append(claim.pk)
                continue
            if row.claim is not None:
                replaced.append(claim.pk)
            links += [through(claim_id=claim.pk, topic_id=topics[n].pk) for n in row.topics]
        for batch in batches(replaced):
            through.objects.filter(claim_id__in=batch).delete()
        through.objects.bulk_create(links, batch_size=500)
        # The history row written for each claim lists its topics, as simple_history would:
        # the links just written, and those of updated claims whose topics stay.
        current = defaultdict(list)
        for batch in batches(kept):
            links += through.objects.filter(claim_id__in=batch)
        for link in links:
            current[link.claim_id].append(link)
        m2m_history = Claim.history.model.topics.model
        rows = [
            m2m_history(history=self.claim_history[pk], id=link.pk, **_ids(link))
            for pk, claim_links in current.items()
            for link in claim_links
        ]
        m2m_history.objects.bulk_create(rows, batch_size=500)

    def _appearances(self, claims: dict[int, Claim]):
        existing = _by_claim(Appearance, [r.claim.pk for r in self.rows if r.claim])
        new, changed, before = [], [], []
        for row in self.rows:
            if not row.quote:
                continue
            claim = claims[row.number]
            found = [a for a in existing.get(claim.pk, []) if a.article_id == row.article.pk]
            appearance = found[0] if found else Appearance(claim=claim, article=row.article)
            if found and appearance.quote == row.quote:
                continue
            if found:
                before.append({"pk": appearance.pk, "values": _values(appearance, _QUOTE)})
                changed.append(appearance)
            else:
                new.append(appearance)
            appearance.article = row.article
            appearance.quote = row.quote
            appearance.set_anchor()
        self._insert(Appearance, new, "appearance")
        self._update(Appearance, changed, _QUOTE, "appearance", before)

    def _outcomes(self, claims: dict[int, Claim]):
        existing = _by_claim(Outcome, [r.claim.pk for r in self.rows if r.claim])
        new, changed, before, links = [], [], [], []
        for row in self.rows:
            if not row.outcome:
                continue
            claim = claims[row.number]
            key = (row.outcome["decided_on"], row.outcome["verdict"])
            found = [o for o in existing.get(claim.pk, []) if (o.decided_on, o.verdict) == key]
            outcome = found[0] if found else Outcome(claim=claim, **row.outcome)
            if found and outcome.explanation != row.outcome["explanation"]:
                before.append({"pk": outcome.pk, "values": {"explanation": outcome.explanation}})
                outcome.explanation = row.outcome["explanation"]
                changed.append(outcome)
            elif not found:
                new.append(outcome)
            if row.evidence:
                links.append((outcome, row.evidence))
        self._insert(Outcome, new, "outcome")
        self._update(Outcome, changed, ["explanation"], "outcome", before)
        stored = (
            set(
                EvidenceLink.objects.filter(outcome__in=[o.pk for o, _ in links]).values_list(
                    "outcome_id", "url"
                )
            )
            if links
            else set()
        )
        fresh = [EvidenceLink(outcome=o, **e) for o, e in links if (o.pk, e["url"]) not in stored]
        self._insert(EvidenceLink, fresh, "evidencelink")

    def _publish(self, claim_ids: list[int]):
        for claim in Claim.objects.filter(pk__in=claim_ids).order_by("pk"):
            try:
                moved = workflow.publish(
                    claim, self.user, reason=self.reason, as_loader=self.user is None
                )
            except (ValidationError, PermissionDenied) as exc:  # say which claim, and why
                reasons = " ".join(getattr(exc, "messages", [str(exc)]))
                raise LoadError(f"claim “{claim}” cannot be published: {reasons}") from exc
            self.counts["claim published"] += moved


_QUOTE = ["quote", "quote_start", "quote_end", "quote_prefix", "quote_suffix"]


def _values(obj, fields: list[str]) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _snapshot(claim: Claim, row) -> dict:
    """What an update replaces, for undo."""
    values = _values(claim, CLAIM_FIELDS) | {"claimant_id": claim.claimant_id}
    topics = list(claim.topics.values_list("pk", flat=True)) if "topics" in row.changed else None
    return {"pk": claim.pk, "values": values, "topics": topics}


def _ids(link) -> dict:
    return {"claim_id": link.claim_id, "topic_id": link.topic_id}


def _by_claim(model, claim_ids: list[int]) -> dict[int, list]:
    found = defaultdict(list)
    for batch in batches(claim_ids):
        for obj in model.objects.filter(claim_id__in=batch):
            found[obj.claim_id].append(obj)
    return found
