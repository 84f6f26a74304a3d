"""Every kind of response keeps the security headers: pages, errors, the health
check, the export and a rate-limited request alike, with production's HSTS setting."""

import pytest
from django.test import override_settings

from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, EXPORT_RATE="1/m"
)
def test_every_kind_of_response_has_the_security_headers(client):
    claim = make_sourced_claim("Talks resume soon.")
    responses = {
        "page": client.get(claim.get_absolute_url(), secure=True),
        "400": client.get("/claims/?page=two", secure=True),
        "404": client.get("/claims/no-such-claim/", secure=True),
        "health": client.get("/healthz", secure=True),
        "export": client.get("/claims/export.csv", secure=True),
        "429": client.get("/claims/export.csv", secure=True),
        "admin": client.get("/admin/login/", secure=True),
    }
    assert responses["429"].status_code == 429
    for name, response in responses.items():
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        assert "default-src 'self'" in response["Content-Security-Policy"], name
        assert response["X-Request-ID"], name
