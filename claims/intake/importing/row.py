"""One row of an import, as the preview reads, looks up and judges it."""

from dataclasses import dataclass, field

from claims.models import Article, Claim


@dataclass
class Row:
    number: int  # the line in the file (the header is line 1), or the item in a JSON file
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the row was read, e.g. a mapping
    action: str = "error"
    slug: str = ""
    claim: Claim | None = None
    values: dict = field(default_factory=dict)
    claimant: dict = field(default_factory=dict)  # {"object": …} or the new one's fields
    topics: list[str] = field(default_factory=list)
    article: Article | None = None
    article_key: str = ""  # first_article_slug, else first_article_url
    quote: str = ""
    outcome: dict | None = None
    evidence: dict | None = None
    changed: list[str] = field(default_factory=list)
    note: str = ""  # the correction note a change to a published claim needs
    quote_replaced: bool = False  # the claim's quote from this article is changed, not added
    outcome_replaced: bool = False  # the latest outcome's explanation is changed
    recorded: list = field(default_factory=list)  # the workflow's changes to record
    keys: dict = field(default_factory=dict)  # what the row names, before it is looked up

    @property
    def text(self) -> str:
        return self.values.get("text") or ""

    @property
    def claimant_name(self) -> str:
        found = self.claimant.get("object")
        return found.name if found else self.claimant.get("name") or self.keys.get("claimant", "")
