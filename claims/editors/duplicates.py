"""Finding claims an editor may be entering twice: same claimant, similar wording.

PostgreSQL ranks by trigram similarity (pg_trgm); other databases compare word sets
(Jaccard) in Python over the claimant's claims, which is fine at one claimant's scale.
"""

import re

from django.contrib.postgres.search import TrigramSimilarity

from claims.models import Claim
from claims.vendor import is_postgresql

TRIGRAM_THRESHOLD = 0.3
WORD_OVERLAP_THRESHOLD = 0.4
FALLBACK_SCAN_LIMIT = 5000
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def similar_claims(claimant, text: str, exclude_pk=None, limit=5) -> list[Claim]:
    if claimant is None or not text.strip():
        return []
    candidates = Claim.objects.filter(claimant=claimant).unmerged()
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    if is_postgresql(candidates):
        return list(
            candidates.annotate(similarity=TrigramSimilarity("text", text))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .order_by("-similarity", "pk")[:limit]
        )
    wanted = _words(text)
    scored = []
    for claim in candidates.order_by("-made_on")[:FALLBACK_SCAN_LIMIT]:
        words = _words(claim.text)
        overlap = len(wanted & words) / max(1, len(wanted | words))
        if overlap >= WORD_OVERLAP_THRESHOLD:
            scored.append((overlap, claim))
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return [claim for _, claim in scored[:limit]]
