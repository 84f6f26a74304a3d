from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.importing import LoadError
from claims.seeding import SeedLoader


class Command(BaseCommand):
    help = "Load the seed articles, claimants, claims and outcomes (idempotent, all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            help="the seeds folder (default: seeds/ in the project)",
        )

    def handle(self, *args, dir: Path, **options):
        try:
            counts = SeedLoader(dir).load()
        except LoadError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        for key in sorted(counts):
            self.stdout.write(f"{key}: {counts[key]}")
        self.stdout.write(self.style.SUCCESS("Seeds loaded."))
