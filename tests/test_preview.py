"""A draft's preview: staff see its page exactly as readers will once it is published; to
everyone else the preview's address is a 404, as the draft's own address is."""

import pytest
from django.test import Client

from claims.models import ClaimStatus
from tests.factories import make_sourced_claim, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_sourced_claim("Kim will visit Seoul this year.", status=ClaimStatus.DRAFT)


def _preview(draft):
    return f"/claims/preview/{draft.pk}/"


def test_an_editor_previews_a_draft_as_the_page_it_will_be(editor_client, draft):
    response = editor_client.get(_preview(draft))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kim will visit Seoul this year." in body
    assert "Preview of a draft." in body
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert response.templates[0].name == "claims/claim_detail.html"  # the public page's own


def test_view_on_site_for_a_draft_is_its_preview(editor_client, draft):
    page = editor_client.get(f"/admin/claims/claim/{draft.pk}/change/")
    assert f'href="{_preview(draft)}"' in page.content.decode()  # "View on site"


def test_nobody_else_sees_a_preview(client, draft):
    assert client.get(_preview(draft)).status_code == 404  # a reader
    outsider = Client()
    outsider.force_login(make_user("sam"))  # signed in, not staff
    assert outsider.get(_preview(draft)).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404  # the draft's own address
    assert client.get("/claims/preview/999999/").status_code == 404
