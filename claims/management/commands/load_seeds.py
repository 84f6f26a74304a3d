import contextlib
import logging
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.intake.importing import LoadError
from claims.intake.seeding import SeedLoader

log = logging.getLogger("claimtrack.seeds")

# The demo's two sides of the desk: (username, group).
DEMO_ACCOUNTS = [("demo-editor", "editors"), ("demo-chief", "chief editors")]


class Command(BaseCommand):
    help = "Load the seed articles, claimants, claims and outcomes (idempotent, all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            help="the seeds folder (default: seeds/ in the project)",
        )
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="also create an editor and a chief editor with new passwords, printed once "
            "(only with DJANGO_DEBUG=1: never on a real site)",
        )

    def handle(self, *args, dir: Path, demo_accounts=False, **options):
        if demo_accounts and not settings.DEBUG:
            raise CommandError(
                "--demo-accounts is refused when DEBUG is off: demo accounts with printed "
                "passwords have no place on a real site. Nothing was loaded."
            )
        try:
            with _one_line_per_load():
                counts = SeedLoader(dir).load()
        except LoadError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        summary = ", ".join(f"{key}: {counts[key]}" for key in sorted(counts))
        # One line for the whole load, in the log (for a server's record) and on the terminal.
        log.info("seeds loaded: %s", summary or "nothing new", extra={"event": "seeds"})
        self.stdout.write(self.style.SUCCESS("Seeds loaded."))
        if demo_accounts:
            self.stdout.write(self.demo_accounts())

    @transaction.atomic
    def demo_accounts(self) -> str:
        """Each run gives both accounts a new password: the returned text is the only copy."""
        lines = ["Demo accounts (sign in at /admin/; these passwords are shown once):"]
        for username, group in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff, user.is_active = True, True
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group)])
            lines.append(f"  {username} ({group}): {password}")
        return "\n".join(lines)


@contextlib.contextmanager
def _one_line_per_load():
    """The workflow logs each publish; a seed load publishes 111 claims at once, so their
    lines are held back and the load logs one summary instead."""
    workflow_log = logging.getLogger("claimtrack.workflow")
    before = workflow_log.level
    workflow_log.setLevel(max(before, logging.WARNING))
    try:
        yield
    finally:
        workflow_log.setLevel(before)
