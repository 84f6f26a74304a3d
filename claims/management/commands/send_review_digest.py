from django.core.management.base import BaseCommand, CommandError

from claims.editors.reminders import send_digests


class Command(BaseCommand):
    help = (
        "Email each editor the claims that are overdue or fall due in the next 7 days "
        "(once a day per editor, however often it runs)."
    )

    def handle(self, *args, **options):
        sent, skipped, failed = send_digests()
        self.stdout.write(f"Digests sent: {sent}; skipped (already sent, or none due): {skipped}.")
        if failed:
            raise CommandError("Not sent (tried again next run): " + "; ".join(failed))
