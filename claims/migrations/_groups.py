"""Helpers for the data migrations that create permission groups."""

from django.contrib.auth.management import create_permissions


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
    # Custom permissions follow the same "<action>_<model>" pattern, e.g. publish_claim.
    wanted = [f"{action}_{model}" for model, actions in spec.items() for action in actions]
    perms = Permission.objects.filter(content_type__app_label="claims", codename__in=wanted)
    if perms.count() != len(wanted):
        raise RuntimeError(f"Some permissions for the {name!r} group are missing.")
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(perms)

