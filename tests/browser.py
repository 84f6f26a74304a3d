"""Shared pieces for the browser tests: Debian's Chromium driven by Playwright."""

import os
from pathlib import Path

from django.conf import settings
from django.db import connections

CHROMIUM = os.environ.get("CLAIMTRACK_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(settings.BASE_DIR) / "test-artifacts"
# Flags for a headless Chromium on a closed network, as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery"


def launch(playwright):
    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CLAIMTRACK_CHROMIUM"
    )
    SHOTS.mkdir(exist_ok=True)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def close(browser):
    browser.close()
    # Playwright's greenlets give the test its own database connection context; close
    # what it opened so the test database can be dropped at the end.
    connections.close_all()


def sign_in(browser, base, username):
    page = browser.new_context().new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    # The login page has #site-name too: wait until the browser has left it, or the next
    # goto can cancel the sign-in's POST (a browser test then timed out under load).
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    return page
