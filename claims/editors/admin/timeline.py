"""Everything that hangs off a claim, in the claim's own history page: each quote, outcome,
evidence link and correction added, changed or removed, with who, when and what changed,
read from the history django-simple-history already keeps for each of them.

Shown beside the claim's own versions (which only say "Version 1 → 2" for a change made to
a quote); newest first, LIMIT rows, five queries whatever the claim's size."""

from dataclasses import dataclass, field

from django.utils.text import capfirst

from claims.models import Appearance, ClaimStatus, Correction, EvidenceLink, Outcome

LIMIT = 200
ACTS = {"+": "Added", "~": "Changed", "-": "Removed"}
# Fields of each part that say nothing to an editor (kept by the app, not typed), and an
# outcome's evidence articles, whose comparison would cost two queries per version.
QUIET = {
    "version", "quote_start", "quote_end", "quote_prefix", "quote_suffix", "created_at",
    "evidence_articles",
}  # fmt: skip


@dataclass
class Entry:
    when: object
    who: object
    act: str
    part: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _label(kind: str, record) -> str:
    if kind == "quote":
        return f"Quote “{_short(record.quote)}”"
    if kind == "outcome":
        return f"Outcome of {record.decided_on} ({record.get_verdict_display()})"
    if kind == "evidence":
        return f"Evidence link “{record.title or record.url}”"
    return f"Correction: {_short(record.note)}"


def _short(text: str, length=80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _changes(record, previous) -> list[tuple[str, str, str]]:
    """(field, before, after) for a change; none for an addition or a removal."""
    if record.history_type != "~" or previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=QUIET)
    names = {f.name: f.verbose_name for f in record.instance_type._meta.fields}
    return [
        (capfirst(names.get(c.field, c.field)), _short(str(c.old)), _short(str(c.new)))
        for c in delta.changes
    ]


def claim_timeline(claim_id: int) -> list[Entry]:
    """The claim's quotes, outcomes, evidence links and corrections, every version of each."""
    outcome_ids = Outcome.history.filter(claim_id=claim_id).values("id")
    sources = [
        ("quote", Appearance.history.filter(claim_id=claim_id)),
        ("outcome", Outcome.history.filter(claim_id=claim_id)),
        ("evidence", EvidenceLink.history.filter(outcome_id__in=outcome_ids)),
        ("correction", Correction.history.filter(claim_id=claim_id)),
    ]
    records = []
    for kind, history in sources:
        rows = list(history.select_related("history_user").order_by("-history_date")[:LIMIT])
        # Each version's previous one, from the rows already read (not a query per row).
        previous = {}
        for older in reversed(rows):
            records.append((kind, older, previous.get(older.id)))
            previous[older.id] = older
    records.sort(key=lambda row: row[1].history_date, reverse=True)
    entries = [
        Entry(
            record.history_date,
            record.history_user,
            ACTS.get(record.history_type, record.history_type),
            _label(kind, record),
            _changes(record, before),
        )
        for kind, record, before in records[:LIMIT]
    ]
    # A save that changed nothing an editor sees (the app's own upkeep right after an
    # addition, say) is not an entry: one added outcome read "Added" and then "Changed".
    return [e for e in entries if e.act != ACTS["~"] or e.changes]


# A claim's fields that change without saying anything a reader sees.
CLAIM_QUIET = {
    "version", "status", "updated_at", "created_at", "published_at", "published_by",
    "review_requested_at", "review_requested_by", "review_note", "created_by", "topics",
}  # fmt: skip


@dataclass
class SincePublished:
    published_on: object
    fields: list[tuple[str, str, str]]
    parts: list[Entry]


def since_last_published(claim) -> SincePublished | None:
    """For a draft that was public before: what changed since its last public version,
    field by field, and what was added to or changed in its record since. None otherwise."""
    if not claim.was_published_before:
        return None
    versions = claim.history.order_by("-history_date", "-history_id")
    public = versions.filter(status=ClaimStatus.PUBLISHED).first()
    current = versions.first()
    if public is None or current is None:
        return None
    delta = current.diff_against(public, excluded_fields=CLAIM_QUIET)
    names = {f.name: f.verbose_name for f in type(claim)._meta.fields}
    fields = [
        (capfirst(names.get(c.field, c.field)), _short(str(c.old)), _short(str(c.new)))
        for c in delta.changes
    ]
    parts = [e for e in claim_timeline(claim.pk) if e.when > public.history_date]
    return SincePublished(public.history_date, fields, parts)
