"""The read-only JSON API under /api/ (Django REST framework, OpenAPI 3 by drf-spectacular):
claims with the public list's own filters and sorts (claims.pages.filters.ClaimFilter) and a
cursor that stays fast deep into a million rows (cursor.py), a claim with its record, and
claimants (with their verdict tally), articles and topics. Entry point: `urls.py`."""
