from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.importing import LoadError
from claims.importing.claims_file import apply, preview
from claims.importing.table import read_csv


class Command(BaseCommand):
    help = (
        "Import claims from a CSV file with the export's columns: a preview of every row, "
        "then all rows or none. Imported claims are drafts unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="preview only; write nothing")
        parser.add_argument("--publish", action="store_true", help="publish what is imported")

    def handle(self, *args, file: Path, dry_run: bool, publish: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: cannot be read: {exc}") from exc
        try:
            plan = preview(read_csv(data, file.name))
        except LoadError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        self._summary(plan)
        if not plan.ok:
            lines = [f"row {row.number}: {'; '.join(row.errors)}" for row in plan.errors]
            raise CommandError("Nothing was imported.\n" + "\n".join(lines))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            counts = apply(plan, publish=publish)
        except LoadError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for key in sorted(counts):
            self.stdout.write(f"{key}: {counts[key]}")
        self.stdout.write(self.style.SUCCESS("Imported."))

    def _summary(self, plan):
        counts = plan.counts
        self.stdout.write(
            f"{plan.table.name} ({plan.table.encoding}): {len(plan.rows)} row(s): "
            + ", ".join(f"{counts[a]} {a}" for a in ("new", "update", "unchanged", "error"))
        )
        if plan.unknown_columns:
            self.stdout.write(f"Ignored unknown column(s): {', '.join(plan.unknown_columns)}")
        if plan.new_claimants:
            self.stdout.write(f"Claimants to create: {', '.join(plan.new_claimants)}")
        if plan.new_topics:
            self.stdout.write(f"Topics to create: {', '.join(plan.new_topics)}")
