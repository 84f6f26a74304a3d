"""After restoring a backup: move the record's generation, so nothing kept in the shared
cache or the export directory before the restore is served again."""

from django.core.management.base import BaseCommand

from claims.models import RecordState
from claims.models.state import move_generation


class Command(BaseCommand):
    help = "Retire every cached page, part and export file (run after restoring a backup)."

    def handle(self, *args, **options):
        move_generation("default", withdraws=True)
        self.stdout.write(f"Record generation moved to {RecordState.current()}.")
