"""Loading the seed dataset (seeds/*.toml and the article texts) into the database.

This module reads and checks the seed files; claims.intake.importing.RecordLoader writes them,
through the admin's validation and the workflow, matched on natural keys and saved only
when they differ (so loading twice changes nothing; rows editors added are left alone).
All in one transaction: a bad row stops the load with the file, the object and the
reason, and nothing is written.
"""

import datetime
import hashlib
import tomllib
from collections import Counter
from pathlib import Path

from django.db import transaction

from claims.intake.importing import LoadError, RecordLoader
from claims.models import Article, Claim, Claimant, ClaimStatus, Topic

CHANGE_REASON = "Loaded from seeds"


class SeedError(LoadError):
    """A seed file that cannot be loaded; the message names the file, object and reason."""


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SeedError(f"{path}: cannot be read (is it UTF-8 TOML?): {exc}") from exc


def _require(row: dict, keys: set[str], optional: set[str], where: str):
    missing = keys - row.keys()
    unknown = row.keys() - keys - optional
    if missing:
        raise SeedError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown:
        raise SeedError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")


def _check_dates(row: dict, where: str):
    """The seed set's own rules (seeds/README.md): a claim is not dated before the event it
    refers to; an outcome is not dated before its claim; a claim without an outcome says
    why it is pending, and one with an outcome does not."""
    made_on = row["made_on"]
    if row.get("refers_to") and made_on < row["refers_to"]:
        raise SeedError(f"{where}: made_on {made_on} is before the event it refers to")
    for outcome in row.get("outcome", []):
        if isinstance(outcome.get("decided_on"), datetime.date) and outcome["decided_on"] < made_on:
            raise SeedError(f"{where}: an outcome is dated before the claim")
    if bool(row.get("outcome")) == bool(row.get("pending_reason")):
        raise SeedError(f"{where}: give either outcomes or a pending_reason, not both or neither")


class SeedLoader:
    def __init__(self, root: Path):
        self.root = root
        self.records = RecordLoader(CHANGE_REASON)
        self.counts: Counter[str] = self.records.counts
        self.topics: dict[str, Topic] = {}
        self.claimants: dict[str, Claimant] = {}
        self.articles: dict[str, Article] = {}

    def load(self) -> Counter:
        if not (self.root / "articles.toml").is_file():
            raise SeedError(f"{self.root}: no articles.toml here; is this the seeds folder?")
        with transaction.atomic():
            self._load_topics(self.root / "topics.toml")
            self._load_claimants(self.root / "claimants.toml")
            self._load_articles(self.root / "articles.toml")
            for path in sorted((self.root / "claims").glob("*.toml")):
                self._load_claims(path)
        return self.counts

    def _load_topics(self, path: Path):
        for row in _read_toml(path).get("topic", []):
            where = f"{path.name}: topic {row.get('slug')!r}"
            _require(row, {"slug", "name"}, set(), where)
            self.topics[row["slug"]] = self.records.topic(row["slug"], row["name"], where)

    def _load_claimants(self, path: Path):
        rows = _read_toml(path).get("claimant", [])
        for row in rows:
            where = f"{path.name}: claimant {row.get('slug')!r}"
            _require(row, {"slug", "name", "kind"}, {"description", "affiliation"}, where)
            affiliation = None
            if "affiliation" in row:
                affiliation = self.claimants.get(row["affiliation"])
                if affiliation is None:
                    raise SeedError(
                        f"{where}: affiliation {row['affiliation']!r} must be listed above it"
                    )
            values = {
                "name": row["name"],
                "kind": row["kind"],
                "description": row.get("description", ""),
                "affiliation": affiliation,
            }
            self.claimants[row["slug"]] = self.records.claimant(row["slug"], values, where)

    def _load_articles(self, path: Path):
        optional = {
            "byline",
            "url",
            "retrieved_on",
            "published_on",
            "published_on_precision",
            "furniture",
            "notes",
        }
        for row in _read_toml(path).get("article", []):
            where = f"{path.name}: article {row.get('slug')!r}"
            _require(row, {"slug", "file", "sha256", "title", "publication"}, optional, where)
            text = self._article_text(row, where)
            furniture = row.get("furniture", "")
            if not text.startswith(furniture):
                raise SeedError(f"{where}: the text does not start with its furniture")
            values = {
                "title": row["title"],
                "publication": row["publication"],
                "byline": row.get("byline", ""),
                "url": row.get("url", ""),
                "published_on": row.get("published_on"),
                "published_on_precision": row.get("published_on_precision", "day"),
                "retrieved_on": row.get("retrieved_on"),
                "text": text,
                "body_starts_at": len(furniture),
                "notes": row.get("notes", ""),
            }
            self.articles[row["slug"]] = self.records.article(row["slug"], values, where)

    def _article_text(self, row: dict, where: str) -> str:
        """The article's text, refused unless it is byte for byte the recorded one."""
        try:
            raw = (self.root / row["file"]).read_bytes()
        except OSError as exc:
            raise SeedError(f"{where}: cannot read {row['file']}: {exc}") from exc
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise SeedError(
                f"{where}: {row['file']} differs from the text it was extracted from "
                "(sha256 mismatch); quotes were checked against the original."
            )
        return raw.decode("utf-8")

    def _lookup(self, table: dict, key: str, what: str, where: str):
        try:
            return table[key]
        except KeyError:
            raise SeedError(f"{where}: unknown {what} {key!r}") from None

    def _load_claims(self, path: Path):
        for row in _read_toml(path).get("claim", []):
            where = f"{path.name}: claim {row.get('slug')!r}"
            _require(
                row,
                {"slug", "text", "claimant", "made_on", "precision", "kind", "appearance"},
                {
                    "role",
                    "check_by",
                    "criteria",
                    "topics",
                    "status",
                    "outcome",
                    "refers_to",
                    "pending_reason",
                },  # fmt: skip
                where,
            )
            _check_dates(row, where)
            claim = self._load_claim(row, where)
            for appearance in row["appearance"]:
                self._load_appearance(claim, appearance, where)
            for outcome in row.get("outcome", []):
                self._load_outcome(claim, outcome, where)
            status = row.get("status", ClaimStatus.PUBLISHED)
            self.records.set_status(claim, status, where)

    def _load_claim(self, row: dict, where: str) -> Claim:
        values = {
            "text": row["text"],
            "claimant": self._lookup(self.claimants, row["claimant"], "claimant", where),
            "claimant_role": row.get("role", ""),
            "made_on": row["made_on"],
            "made_on_precision": row["precision"],
            "kind": row["kind"],
            "check_by": row.get("check_by"),
            "resolution_criteria": row.get("criteria", ""),
        }
        topics = {self._lookup(self.topics, t, "topic", where) for t in row.get("topics", [])}
        return self.records.claim(row["slug"], values, topics, where)

    def _load_appearance(self, claim: Claim, row: dict, where: str):
        _require(row, {"article", "quote"}, {"note"}, f"{where}: appearance")
        article = self._lookup(self.articles, row["article"], "article", where)
        values = {"quote": row["quote"], "attribution_note": row.get("note", "")}
        self.records.appearance(claim, article, values, where)

    def _load_outcome(self, claim: Claim, row: dict, where: str):
        _require(row, {"verdict", "decided_on", "explanation"}, {"evidence"}, f"{where}: outcome")
        evidence = {
            self._lookup(self.articles, slug, "article", where) for slug in row.get("evidence", [])
        }
        values = {k: row[k] for k in ("verdict", "decided_on", "explanation")}
        self.records.outcome(claim, values, evidence, where)


def seed_article_slugs(root: Path) -> list[str]:
    """The seed articles' slugs: every line of each is labelled in seeds/README.md's coverage
    table (a claim taken, or left out and why), so the claim finder learns from all of them."""
    return [row["slug"] for row in _read_toml(root / "articles.toml").get("article", [])]
