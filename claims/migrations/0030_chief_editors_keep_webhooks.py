from django.db import migrations

from claims.migrations._groups import ensure_permissions

# Chief editors register partner newsrooms' webhooks and read their delivery log. Readers'
# follows are in no group: their addresses are not for the newsroom to browse.
WEBHOOK_PERMISSIONS = ["view_webhookendpoint", "add_webhookendpoint", "change_webhookendpoint",
                       "delete_webhookendpoint", "view_webhookdelivery"]  # fmt: skip


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="chief editors")
    perms = Permission.objects.filter(
        content_type__app_label="claims", codename__in=WEBHOOK_PERMISSIONS
    )
    group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="claims", codename__in=WEBHOOK_PERMISSIONS
    )
    for group in Group.objects.filter(name="chief editors"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("claims", "0029_follows_and_webhooks")]

    operations = [migrations.RunPython(grant, revoke)]
