"""The claim finder for batch work: an article's candidate claims, best first."""

import json

from django.core.management.base import BaseCommand, CommandError

from claims.finder.ranking import as_json, find
from claims.models import Article


class Command(BaseCommand):
    help = (
        "List an article's candidate claims, best first: each sentence not yet quoted by a "
        "claim nor rejected, with its score, reasons, kind, claimant, check-by date and the "
        "existing claims it repeats or resembles."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the article's slug")
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args, slug: str, json: bool, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No article has the slug {slug!r}.")
        finding = find(article)
        if not finding.candidates and finding.problems:
            raise CommandError(f"{slug}: " + " ".join(finding.problems))
        for problem in finding.problems:
            self.stderr.write(problem)
        proposed = [c for c in finding.candidates if c.proposed]
        if json:
            self.stdout.write(_dumps([as_json(c) for c in proposed]))
            return
        for rank, candidate in enumerate(proposed, 1):
            row = as_json(candidate)
            self.stdout.write(f"{rank:3} {row['score']:.2f} {row['kind'] or '-':10} {row['text']}")
            self.stdout.write("        " + "; ".join(row["reasons"]))


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
