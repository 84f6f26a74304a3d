from django.core.management.base import BaseCommand

from claims.alerts.dispatch import dispatch


class Command(BaseCommand):
    help = (
        "Run the alerts' dispatch now: webhook deliveries and grouped mails whose time has come, "
        "retries that are due, and addresses never confirmed forgotten. The worker runs it after "
        "each change; run this from cron (every few minutes) where no worker runs, or to catch up "
        "after the task queue was down."
    )

    def handle(self, *args, **options):
        following = dispatch()
        when = following.isoformat(timespec="seconds") if following else "nothing waits"
        self.stdout.write(f"Alerts dispatched; next due: {when}.")
