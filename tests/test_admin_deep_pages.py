"""A deep page of the claims changelist is read by its keys first (a deferred join), and
shows the same claims in the same order as a plain OFFSET would."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.pages import counting
from tests.factories import make_claim, make_claimant

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:claims_claim_changelist")


@pytest.fixture
def claims():
    claimant = make_claimant("Mike Pompeo")
    return [make_claim(f"Claim number {n}.", claimant=claimant) for n in range(7)]


def _listed(editor_client, page: int) -> tuple[list[str], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = editor_client.get(CHANGELIST, {"p": page}).content.decode()
    return re.findall(r"Claim number \d+\.", html), [q["sql"] for q in queries]


def test_a_deep_page_reads_its_keys_first_and_lists_what_offset_would(
    editor_client, claims, monkeypatch
):
    monkeypatch.setattr("claims.editors.admin.claims.ClaimAdmin.list_per_page", 3)
    monkeypatch.setattr(counting, "DEFERRED_FROM", 10**9)
    plain = [_listed(editor_client, page)[0] for page in (1, 2, 3)]
    monkeypatch.setattr(counting, "DEFERRED_FROM", 1)
    deferred = [_listed(editor_client, page) for page in (1, 2, 3)]
    assert [found for found, _ in deferred] == plain
    assert sum(len(page) for page in plain) == 7
    keys_first = [sql for sql in deferred[1][1] if re.search(r"OFFSET 3\b", sql)]
    assert keys_first and all(
        re.match(r'SELECT "claims_claim"\."id"( AS "pk")? FROM', s) for s in keys_first
    )
