"""A forged admin post never reaches a database constraint: resubmitting a claim's existing
quote as a new row (the form's own fields, with the row's id taken out) is a form error that
says what is wrong, not a 500, and nothing is written."""

import pytest
from django.urls import reverse

from claims.models import Appearance
from tests.admin_forms import form_data
from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db


def test_an_existing_quote_resubmitted_as_a_new_row_is_a_form_error(editor_client):
    claim = make_sourced_claim("Talks resume soon.")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(editor_client, url)
    assert data["appearances-INITIAL_FORMS"] == ["1"]
    data["appearances-INITIAL_FORMS"] = ["0"]  # the existing row, posted as a new one
    data.pop("appearances-0-id")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "already quoted from this article" in response.content.decode()
    assert Appearance.objects.filter(claim=claim).count() == 1
