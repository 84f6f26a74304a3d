from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"
    default_auto_field = "django.db.models.BigAutoField"
