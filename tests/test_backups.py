"""Backups: a full dump (`manage.py dumpdata`, as README documents) restores into
an empty database with every row, history included, and nothing added or changed."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import make_topic

# A transactional test that flushes: serialized_rollback puts the migrations' data (the groups)
# back for the tests after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Natural foreign keys for content types and permissions (migrate numbers them anew); primary
# keys kept, so users and groups keep their ids.
DUMP_ARGS = ["--natural-foreign", "-e", "contenttypes", "-e", "auth.Permission", "-e", "sessions"]


def every_row() -> dict[str, list]:
    """Every row of every table, with content types by name (migrate numbers them anew)."""
    types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in ("contenttypes", "sessions") or model._meta.proxy:
            continue
        if model._meta.label == "claims.RecordState":
            # The record's generation moves on a restore by design: the data changed, so
            # whatever was computed from it before must not be served (claims.models.state).
            continue
        values = list(model.objects.values())
        for row in values:
            if "content_type_id" in row:
                row["content_type_id"] = types.get(row["content_type_id"])
            if model is Permission:
                del row["id"]  # recreated by migrate, matched by natural key
        rows[model._meta.label] = sorted(json.dumps(r, sort_keys=True, default=str) for r in values)
    return rows


def test_a_full_dump_restores_every_row(tmp_path, editor_client):
    call_command("load_seeds", verbosity=0)
    claim = apps.get_model("claims", "Claim").objects.order_by("pk").first()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(editor_client, url)
    data["claimant_role"] = ["A role, changed by an editor"]
    data["topics"] = [str(make_topic("Backups").pk)]
    data["correction_note"] = ["Role added from the article."]
    assert editor_client.post(url, data).status_code == 302
    before = every_row()
    assert len(before["claims.HistoricalClaim"]) > 100

    dump = tmp_path / "claimtrack.json"
    call_command("dumpdata", *DUMP_ARGS, output=str(dump), verbosity=0)
    call_command("flush", "--no-input", verbosity=0)
    assert apps.get_model("claims", "Claim").objects.count() == 0
    out = io.StringIO()
    call_command("loaddata", str(dump), stdout=out)
    after = every_row()
    assert after == before
