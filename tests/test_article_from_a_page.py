"""An article in from a URL or a saved page: trafilatura's extraction shown in the article
form for review (nothing saved until the editor saves), and every way a page can fail to be
read (a timeout, a 404, not HTML, a private address, a redirect, a page with no article, an
empty file) a message in words."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import Article

pytestmark = pytest.mark.django_db
FETCH = "/admin/claims/article/fetch/"
PAGES = Path(__file__).parent / "fixtures" / "pages"
SAVED = (PAGES / "talks-resume.html").read_bytes()


class Site:
    """A local web server answering each path as told: (status, content type, body, delay)."""

    def __init__(self):
        self.pages: dict[str, tuple] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, kind, body, delay = site.pages.get(self.path, (404, "text/html", b"", 0))
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if 300 <= status < 400:
                    self.send_header("Location", "http://10.0.0.1/inside")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def site(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True  # this machine stands in for a public site
    settings.OUTBOUND_TIMEOUT = 1
    running = Site()
    yield running
    running.server.shutdown()


def _upload(client, content: bytes, name="page.html"):
    return client.post(FETCH, {"page": SimpleUploadedFile(name, content, "text/html")})


def test_a_saved_page_fills_the_article_form_and_nothing_is_saved(editor_client):
    page = _upload(editor_client, SAVED).content.decode()
    assert 'value="Talks to resume within weeks, envoy says"' in page
    assert 'value="The Example Ledger"' in page and 'value="Ada Example"' in page
    assert 'value="2019-10-08"' in page
    assert "would resume in a couple of weeks" in page and "Subscribe" not in page
    assert 'action="/admin/claims/article/add/"' in page
    assert "nothing is saved yet" in page
    assert not Article.objects.exists()


def test_a_url_is_read_under_the_outbound_rules(editor_client, site):
    site.pages["/story"] = (200, "text/html; charset=utf-8", SAVED, 0)
    page = editor_client.post(FETCH, {"url": f"{site.base}/story"}).content.decode()
    assert "would resume in a couple of weeks" in page
    assert f'value="{site.base}/story"' in page
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((404, "text/html", b"gone", 0), "The site answered 404"),
        ((200, "application/pdf", b"%PDF", 0), "not a web page (it is “application/pdf”)"),
        ((302, "text/html", b"", 0), "redirects to http://10.0.0.1/inside: nothing was followed"),
        ((200, "text/html", SAVED, 3), "did not answer in time"),
        ((200, "text/html", (PAGES / "links-only.html").read_bytes(), 0), "No article text"),
    ],
)
def test_a_page_that_cannot_be_read_says_why(editor_client, site, answer, message):
    site.pages["/story"] = answer
    page = editor_client.post(FETCH, {"url": f"{site.base}/story"}).content.decode()
    assert message in page
    assert not Article.objects.exists()


def test_a_private_address_is_refused(editor_client, settings, site):
    settings.OUTBOUND_ALLOW_PRIVATE = False
    site.pages["/story"] = (200, "text/html", SAVED, 0)
    page = editor_client.post(FETCH, {"url": f"{site.base}/story"}).content.decode()
    assert "resolves to a private or local address" in page


def test_an_empty_file_or_neither_input_is_refused(editor_client):
    assert "The file is empty" in _upload(editor_client, b"   ").content.decode()
    assert "one of the two" in editor_client.post(FETCH, {}).content.decode()


def test_only_those_who_add_articles_may_fetch(client):
    from tests.factories import make_user

    client.force_login(make_user("reader", is_staff=True))
    assert client.get(FETCH).status_code == 403
