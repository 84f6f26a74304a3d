#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        # A database that cannot be reached is a fact to state, not a traceback to read.
        sys.exit(
            f"The database cannot be used: {exc}\n"
            "Check DATABASE_URL; README's PostgreSQL section says how to create the database."
        )


if __name__ == "__main__":
    main()
