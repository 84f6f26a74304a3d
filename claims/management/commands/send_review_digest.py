from django.core.management.base import BaseCommand, CommandError

from claims.background import queue
from claims.editors.reminders import send_digests, send_digests_task


class Command(BaseCommand):
    help = (
        "Email each editor the claims that are overdue or fall due in the next 7 days "
        "(once a day per editor, however often it runs). With --queue, the task worker sends them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Queue the sending as a task and return at once."
        )

    def handle(self, *args, **options):
        if options["queue"]:
            if queue(send_digests_task) is None:
                raise CommandError(
                    "The task queue did not take it (see the log); run without --queue."
                )
            self.stdout.write("Digests queued for the task worker.")
            return
        sent, skipped, failed = send_digests()
        self.stdout.write(f"Digests sent: {sent}; skipped (already sent, or none due): {skipped}.")
        if failed:
            raise CommandError("Not sent (tried again next run): " + "; ".join(failed))
