import atexit
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.commands.runserver import Command as RunServer

from claims.management.commands.load_seeds import Command as LoadSeeds


class Command(RunServer):
    help = (
        "The demo: migrate, load the seeds, give the demo editor and chief editor new "
        "passwords, start a task worker (confirmation mails, alerts, the export file), and run "
        "the development server, printing the passwords last (after the server's banner), "
        "where they stay in view."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo runs only with DJANGO_DEBUG=1: never on a real site.")
        call_command("migrate", verbosity=0)
        call_command("load_seeds", stdout=self.stdout)
        self.accounts = LoadSeeds().demo_accounts()
        self._start_worker()
        # One process: the reloader would run this command twice, with two sets of passwords.
        options["use_reloader"] = False
        super().handle(*args, **options)

    def _start_worker(self):
        """The database backend's worker, beside the server and stopped with it (the demo's
        mails are printed to the console, as the server's log is)."""
        if "DatabaseBackend" not in settings.TASKS["default"]["BACKEND"]:
            return
        worker = subprocess.Popen(  # noqa: S603 (this interpreter, this project's manage.py)
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "2"],
            cwd=settings.BASE_DIR,
        )
        atexit.register(worker.terminate)

    def on_bind(self, server_port):
        super().on_bind(server_port)
        self.stdout.write(self.style.SUCCESS(self.accounts))
