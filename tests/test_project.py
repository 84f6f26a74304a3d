"""Project-level checks: migrations are complete and settings fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_makemigrations_check_is_clean():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _check(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_refuses_to_start():
    result = _check({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "claims.example.org"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = _check(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k" * 20 + "-Z9q!x7Lm#p2Rv8Tw4Yb6Nc3Hd5Jf1Gs0",
            "DJANGO_ALLOWED_HOSTS": "claims.example.org",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_bad_boolean_is_an_error(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG", True)


def test_bad_int_and_list_are_errors(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured, match="N='ten'"):
        env_int("N", 1)
    monkeypatch.setenv("HOSTS", "a.org,,b.org")
    with pytest.raises(ImproperlyConfigured, match="empty entry"):
        env_list("HOSTS", [])
