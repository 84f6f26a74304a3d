from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; make them exist now."""
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def set_group_permissions(apps, name, spec):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [f"{action}_{model}" for model, actions in spec.items() for action in actions]
    perms = Permission.objects.filter(content_type__app_label="claims", codename__in=wanted)
    if perms.count() != len(wanted):
        raise RuntimeError(f"Some permissions for the {name!r} group are missing.")
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(perms)


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
