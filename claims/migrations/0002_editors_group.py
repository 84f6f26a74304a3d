from django.db import migrations

from claims.migrations._groups import set_group_permissions

# Editors enter and correct claims and their evidence, and record outcomes. They may
# delete only the rows that hang off a claim (a wrong appearance, outcome or link);
# claims, claimants, articles and topics are never deleted by editors, so nothing is lost.
# Frozen here on purpose: a later change to the group is a later migration.
EDITOR_PERMISSIONS = {
    "claim": ["view", "add", "change"],
    "claimant": ["view", "add", "change"],
    "article": ["view", "add", "change"],
    "topic": ["view", "add", "change"],
    "appearance": ["view", "add", "change", "delete"],
    "outcome": ["view", "add", "change", "delete"],
    "evidencelink": ["view", "add", "change", "delete"],
}


def create_editors(apps, schema_editor):
    set_group_permissions(apps, "editors", EDITOR_PERMISSIONS)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
