"""The public list's sort orders, each both as SQL ordering and as the same order in Python
(small result sets are sorted in Python after one probe query; see claims.pages.listing)."""

from dataclasses import dataclass

from django.db.models import F, Q


@dataclass(frozen=True)
class Sort:
    label: str
    field: str
    descending: bool
    nullable: bool = False
    numeric: bool = False  # a whole number (a count, a rank), else a date

    def ordering(self):
        """ORDER BY field, then pk the same way: every sort index ends in id.

        NULLs go last. That is said only for nullable fields: on a NOT NULL column an
        explicit NULLS LAST would stop PostgreSQL matching a DESC (NULLS FIRST) index.
        """
        nulls_last = True if self.nullable else None
        column = F(self.field)
        if self.descending:
            return [column.desc(nulls_last=nulls_last), F("pk").desc()]
        return [column.asc(nulls_last=nulls_last), F("pk").asc()]

    def after(self, queryset, value, pk: int):
        """The rows after (value, pk) in ordering(), written so the database can start its
        index scan there (a bound on the sort column, then the tie-break on id)."""
        field = self.field
        beyond, tie = ("lt", "lt") if self.descending else ("gt", "gt")
        if value is None:  # among the NULLs, which come last: only the tie-break is left
            return queryset.filter(**{f"{field}__isnull": True, f"pk__{tie}": pk})
        bound = "lte" if self.descending else "gte"
        rest = Q(**{f"{field}__{bound}": value}) & (
            Q(**{f"{field}__{beyond}": value}) | Q(**{f"pk__{tie}": pk})
        )
        if self.nullable:
            rest |= Q(**{f"{field}__isnull": True})
        return queryset.filter(rest)

    def sorted_pks(self, rows):
        """The pks of (pk, value) rows, in exactly the order ordering() gives in SQL."""
        known = sorted((r for r in rows if r[1] is not None), key=lambda r: (r[1], r[0]))
        missing = sorted(r[0] for r in rows if r[1] is None)
        if self.descending:
            known.reverse()
            missing.reverse()
        return [pk for pk, _ in known] + missing


SORTS = {
    "newest": Sort("Newest made", "made_on", descending=True),
    "oldest": Sort("Oldest made", "made_on", descending=False),
    "check_by": Sort("Check-by date", "check_by", descending=False, nullable=True),
    "resolved": Sort("Recently resolved", "verdict_on", descending=True, nullable=True),
    "repeated": Sort("Most often reported", "appearance_count", descending=True, numeric=True),
    # Only with search words (q): how well each claim matches them (claims.text.search).
    "relevance": Sort("Best match", "search_rank", descending=True, numeric=True),
}
DEFAULT_SORT = "newest"
RELEVANCE = "relevance"  # the default sort when there are search words
