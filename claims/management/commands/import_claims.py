from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.intake import importing


class Command(BaseCommand):
    help = (
        "Import claims from a CSV or XLSX file with the export's columns, or from ClaimReview "
        "JSON: a preview of every row, then all rows or none. Imported claims are drafts "
        "unless --publish. Each import is recorded (admin: Claim imports) and can be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--articles", type=Path, help="a CSV of the articles the claims cite")
        parser.add_argument("--dry-run", action="store_true", help="preview only; write nothing")
        parser.add_argument("--publish", action="store_true", help="publish what is imported")

    def handle(self, *args, file: Path, articles, dry_run: bool, publish: bool, **options):
        extra = (articles.name, _read(articles)) if articles else None
        try:
            record = importing.start(file.name, _read(file), publish=publish, articles=extra)
            plan = importing.preview_of(record)
        except importing.LoadError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        self._summary(plan)
        if not plan.ok:
            lines = [f"{_where(row)}: {'; '.join(row.errors)}" for row in plan.errors]
            raise CommandError("Nothing was imported.\n" + "\n".join(lines))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            record = importing.confirm(record)
        except importing.LoadError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        written = record.counts.get("written", {})
        if written:
            self.stdout.write(importing.counted(dict(sorted(written.items()))) + ".")
        self.stdout.write(self.style.SUCCESS(f"Imported (import #{record.pk})."))

    def _summary(self, plan):
        counts = plan.counts
        self.stdout.write(
            f"{plan.name} ({plan.encoding}): {len(plan.rows)} row(s): "
            + ", ".join(f"{counts[a]} {a}" for a in ("new", "update", "unchanged", "error"))
        )
        if plan.articles:
            articles = plan.article_counts
            self.stdout.write(
                f"Articles: {len(plan.articles)} row(s): "
                + ", ".join(f"{articles[a]} {a}" for a in ("new", "update", "unchanged", "error"))
            )
        for label, names in [
            ("Ignored unknown column(s)", plan.unknown_columns),
            ("Claimants to create", plan.new_claimants),
            ("Topics to create", plan.new_topics),
        ]:
            if names:
                self.stdout.write(f"{label}: {', '.join(names)}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read: {exc}") from exc


def _where(row) -> str:
    return f"articles row {row.number}" if hasattr(row, "before") else f"row {row.number}"
