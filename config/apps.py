"""App configs of the project itself. Loaded before the models, so nothing here imports them."""

from django.contrib.admin.apps import AdminConfig


class ClaimtrackAdminConfig(AdminConfig):
    """Django's admin, with claimtrack's site (config.admin_site): a second factor for those
    who may publish."""

    default_site = "config.admin_site.ClaimtrackAdminSite"
