"""Taking an import back as a whole, while none of its claims has been touched since: what
it created is deleted, what it changed is put back as it was, and every step is in the
rows' history ("Undo of import #N"). Shared records it created (claimants, topics,
articles) are deleted only when nothing else uses them by then."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims import workflow
from claims.intake.importing.history import DELETED, write_history
from claims.intake.importing.lookups import batches
from claims.intake.importing.records import LoadError
from claims.models import (
    Appearance,
    Article,
    Claim,
    Claimant,
    ClaimImport,
    ClaimStatus,
    EvidenceLink,
    FormerSlug,
    ImportStatus,
    Outcome,
    Topic,
)

# What hangs off a claim, children first: deleted with the claims the import created.
PARTS = [EvidenceLink, Outcome, Appearance]
SHARED = [
    (Topic, ["claims"]),
    (Claimant, ["claims"]),
    (Article, ["appearances", "cited_by_outcomes"]),
]


def problems(record: ClaimImport, user) -> list[str]:
    """Why `user` may not undo `record` now; empty when they may."""
    if record.status != ImportStatus.IMPORTED:
        return [f"Only an import that was written can be undone; this one is {record.status}."]
    if not (workflow.can_publish(user) or user.pk == record.created_by_id):
        return ["Only the editor who imported it, or a chief editor, can undo an import."]
    versions = {int(pk): v for pk, v in record.undo_log.get("versions", {}).items()}
    now = {}
    for batch in batches(versions):
        claims = Claim.objects.filter(pk__in=batch).values_list("pk", "version", "status")
        now.update((pk, (version, status)) for pk, version, status in claims)
    edited = [pk for pk, v in versions.items() if pk not in now or now[pk][0] != v]
    published = [pk for pk, (_, status) in now.items() if status == ClaimStatus.PUBLISHED]
    found = []
    if edited:
        found.append(f"{len(edited)} of its claims changed since (e.g. claim {min(edited)}).")
    if published:
        found.append(f"{len(published)} of its claims are published; unpublish them first.")
    return found


def planned(record: ClaimImport) -> list[str]:
    """What undoing `record` would do, in sentences, for the editor to confirm first."""
    created, updated = record.undo_log.get("created", {}), record.undo_log.get("updated", {})
    new_claims = len(created.get("claim", []))
    said = []
    if new_claims:
        said.append(
            f"Delete {_some({Claim: new_claims})} it created, with their outcomes, "
            "appearances and evidence."
        )
    added = {m: len(created.get(_key(m), [])) for m in PARTS}
    if not new_claims and any(added.values()):
        said.append(f"Delete {_some(added)} it added.")
    back = {m: len(updated.get(_key(m), [])) for m in (Claim, Outcome, Appearance, Article)}
    if any(back.values()):
        said.append(f"Put {_some(back)} back as they were before it.")
    shared = {m: len(created.get(_key(m), [])) for m, _ in SHARED}
    if any(shared.values()):
        said.append(
            f"Delete the {_some(shared)} it created, unless something else uses them by then."
        )
    return said or ["Nothing: the import wrote nothing that can be taken back."]


def _some(numbers: dict) -> str:
    """{Claim: 2, Topic: 1} as "2 claims and 1 topic"."""
    said = [
        f"{n:,} {m._meta.verbose_name if n == 1 else m._meta.verbose_name_plural}"
        for m, n in numbers.items()
        if n
    ]
    return " and ".join([", ".join(said[:-1]), said[-1]]) if len(said) > 1 else said[0]


def undo(record: ClaimImport, user) -> Counter:
    counts: Counter[str] = Counter()
    with transaction.atomic():
        record = ClaimImport.objects.select_for_update().get(pk=record.pk)
        if found := problems(record, user):
            raise LoadError(" ".join(found))
        reason = f"Undo of import #{record.pk}"
        created, updated = record.undo_log.get("created", {}), record.undo_log.get("updated", {})
        new_claims = created.get("claim", [])
        for model in PARTS:  # added to claims that stay: one by one, so upkeep runs
            stays = _not_on(model, created.get(_key(model), []), set(new_claims))
            counts[f"{_name(model)} deleted"] += _delete(model, stays, reason)
        counts.update(_purge_claims(new_claims, user, reason))
        for model in (Outcome, Appearance, Claim, Article):
            for entry in updated.get(_key(model), []):
                _restore(model, entry, reason)
                counts[f"{_name(model)} restored"] += 1
        for model, used_by in SHARED:
            unused = [
                pk
                for batch in batches(created.get(_key(model), []))
                for pk in model.objects.filter(pk__in=batch, **dict.fromkeys(used_by)).values_list(
                    "pk", flat=True
                )
            ]
            counts[f"{_name(model)} deleted"] += _delete(model, unused, reason)
        counts = +counts
        record.status, record.undone_at, record.undone_by = (
            ImportStatus.UNDONE,
            timezone.now(),
            user,
        )
        record.counts = {**record.counts, "undone": dict(counts)}
        record.save()
    return counts


def _not_on(model, pks: list[int], claim_ids: set[int]) -> list[int]:
    """Of `pks`, the rows that hang off a claim not in `claim_ids` (batched look-ups)."""
    path = "outcome__claim_id" if model is EvidenceLink else "claim_id"
    kept = []
    for batch in batches(pks):
        rows = model.objects.filter(pk__in=batch).values_list("pk", path)
        kept += [pk for pk, claim_id in rows if claim_id not in claim_ids]
    return kept


def _claim_path(model) -> str:
    return "outcome__claim__in" if model is EvidenceLink else "claim__in"


def _purge_claims(pks: list[int], user, reason: str) -> Counter:
    """Delete the claims an import created, with all that hangs off them, in set-based
    statements: a history row for every deleted row, then plain DELETEs children first.
    (The ORM's cascade would run the per-row upkeep of claims that are going anyway.)"""
    counts: Counter[str] = Counter()
    now = timezone.now()
    for batch in batches(pks):
        for model in [*PARTS, Claim]:
            rows = model.objects.filter(
                **{_claim_path(model) if model is not Claim else "pk__in": batch}
            )
            objects = list(rows)
            write_history(model, objects, DELETED, user=user, reason=reason, date=now)
            counts[f"{_name(model)} deleted"] += len(objects)
        links = [
            (Outcome.evidence_articles.through, "outcome__claim__in"),
            (Claim.topics.through, "claim__in"),
            (FormerSlug, "claim__in"),
        ]
        for model, path in links:
            _raw_delete(model.objects.filter(**{path: batch}))
        for model in [*PARTS, Claim]:
            _raw_delete(
                model.objects.filter(
                    **{_claim_path(model) if model is not Claim else "pk__in": batch}
                )
            )
    return counts


def _hanging_off(model, claim_ids: list[int]):
    path = "pk__in" if model is Claim else _claim_path(model)
    return model.objects.filter(**{path: claim_ids})


def _raw_delete(queryset):
    # A DELETE without the ORM's collector: the rows' history was written just before.
    queryset._raw_delete(queryset.db)


def _key(model) -> str:
    return model._meta.model_name


def _name(model) -> str:
    return str(model._meta.verbose_name)


def _delete(model, pks: list[int], reason: str) -> int:
    done = 0
    for batch in batches(pks):
        for obj in model.objects.filter(pk__in=batch):
            obj._change_reason = reason
            obj.delete()
            done += 1
    return done


def _restore(model, entry: dict, reason: str):
    obj = model.objects.filter(pk=entry["pk"]).first()
    if obj is None:
        raise LoadError(f"{_name(model)} {entry['pk']} is gone; the import cannot be undone.")
    for name, value in entry["values"].items():
        field = model._meta.get_field(name.removesuffix("_id"))
        setattr(obj, name, field.to_python(value) if not name.endswith("_id") else value)
    try:
        obj.clean()  # the rules any change meets (an article may not lose a published quote)
    except ValidationError as exc:
        raise LoadError(f"Putting {_name(model)} “{obj}” back is refused: {_reason(exc)}") from None
    obj._change_reason = reason
    obj.save()
    if entry.get("topics") is not None:
        obj.topics.set(entry["topics"])


def _reason(exc: ValidationError) -> str:
    return " ".join(exc.messages)
