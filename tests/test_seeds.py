"""The seed dataset loads completely, twice without change, and refuses a broken file."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from claims.models import Appearance, Article, Claim, Claimant, Outcome, Topic, Verdict

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
MODELS = [Topic, Claimant, Article, Claim, Appearance, Outcome]


def snapshot():
    """Every seeded row's fields (and many-to-many links), keyed by model."""
    rows = {}
    for model in MODELS:
        rows[model.__name__] = [
            {k: (sorted(o.pk for o in v) if isinstance(v, list) else v) for k, v in d.items()}
            for d in (model_to_dict(obj) for obj in model.objects.order_by("pk"))
        ]
    rows["updated_at"] = list(Claim.objects.order_by("pk").values_list("updated_at", flat=True))
    rows["history"] = Claim.history.count()
    return rows


def test_loading_twice_changes_nothing():
    call_command("load_seeds", verbosity=0)
    first = snapshot()
    call_command("load_seeds", verbosity=0)
    assert snapshot() == first


def _broken_copy(tmp_path, old, new):
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root)
    path = root / "claims" / "rogin-one-year-after-singapore-2019.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_quote_not_in_article_stops_the_load_and_writes_nothing(tmp_path):
    root = _broken_copy(tmp_path, "Sanctions weaken over time.", "Sanctions grow stronger.")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_seeds", dir=root, verbosity=0)
    message = str(excinfo.value)
    assert "rogin-one-year-after-singapore-2019.toml" in message
    assert "sanctions-weaken-over-time-2019" in message
    assert "does not occur in the text" in message
    for model in MODELS:
        assert not model.objects.exists(), model


def test_unknown_claimant_is_named(tmp_path):
    root = _broken_copy(tmp_path, 'claimant = "josh-rogin"', 'claimant = "josh-rogan"')
    with pytest.raises(CommandError, match="unknown claimant 'josh-rogan'"):
        call_command("load_seeds", dir=root, verbosity=0)
    assert not Claim.objects.exists()


def test_changed_article_text_is_refused(tmp_path):
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root)
    with open(root / "articles" / "000_21d1ea8c23ff406e.txt", "a", encoding="utf-8") as f:
        f.write("\nAn added line.")
    with pytest.raises(CommandError, match="sha256 mismatch"):
        call_command("load_seeds", dir=root, verbosity=0)
    assert not Article.objects.exists()


def test_editor_additions_survive_a_reload():
    call_command("load_seeds", verbosity=0)
    claim = Claim.objects.get(slug="impeachment-vote-by-end-of-2019")
    claim.outcomes.create(verdict=Verdict.TRUE, decided_on="2020-02-05", explanation="Added.")
    call_command("load_seeds", verbosity=0)
    assert claim.outcomes.count() == 2


def test_a_corrupted_seed_file_is_named_not_a_traceback(tmp_path):
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root)
    (root / "topics.toml").write_bytes(b"\xff\xfe\x00binary garbage\x80\x81")
    with pytest.raises(CommandError, match="topics.toml: cannot be read"):
        call_command("load_seeds", dir=root, verbosity=0)
    assert not Claim.objects.exists()
