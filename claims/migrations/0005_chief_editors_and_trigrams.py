from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from claims.migrations._groups import set_group_permissions

# Editors keep what 0002 gave them. Chief editors can do all of it, and publish, unpublish,
# change published verdicts (correcting published outcomes), and merge duplicates.
# Frozen here on purpose: a later change to a group is a later migration.
EDITOR_PERMISSIONS = {
    "claim": ["view", "add", "change"],
    "claimant": ["view", "add", "change"],
    "article": ["view", "add", "change"],
    "topic": ["view", "add", "change"],
    "appearance": ["view", "add", "change", "delete"],
    "outcome": ["view", "add", "change", "delete"],
    "evidencelink": ["view", "add", "change", "delete"],
    "correction": ["view"],
}
CHIEF_EDITOR_PERMISSIONS = {**EDITOR_PERMISSIONS, "claim": ["view", "add", "change", "publish"]}


def create_groups(apps, schema_editor):
    set_group_permissions(apps, "editors", EDITOR_PERMISSIONS)
    set_group_permissions(apps, "chief editors", CHIEF_EDITOR_PERMISSIONS)


def remove_chief_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="chief editors").delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_workflow")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_groups, remove_chief_editors),
    ]
