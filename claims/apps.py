from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _keep_search_index(sender, using="default", **kwargs):
    # SQLite drops the full-text index's triggers whenever a migration rebuilds the claims
    # table; put them back (claims.text.search), whatever migrations just ran. And keep the
    # planner's statistics as fresh as the schema.
    from django.db import connections

    from claims.text.search import ensure_fts5_index

    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if "claims_claim" in tables:
        ensure_fts5_index(connection)
    if connection.vendor == "sqlite" and "sqlite_stat1" in tables:
        # Statistics were gathered once (bench.fill does): a new index without them makes
        # SQLite's planner choose badly (the list page 45 → 320 ms at 100k), so refresh all.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_keep_search_index, sender=self)
        from claims.alerts import events  # noqa: F401 (records what alerts, by signals)
