"""The claims' search index without a pending list (fastupdate off).

Altered in place rather than dropped and built again: at 1M claims a rebuild takes a minute
with the table locked, the ALTER takes none. Later inserts go straight into the index; the
pending list already held is merged by the next VACUUM."""

from django.db import migrations

import claims.vendor


def alter(fastupdate: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER INDEX claim_search_idx SET (fastupdate = {fastupdate})")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0031_claim_finder"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(alter("off"), alter("on"))],
            state_operations=[
                migrations.RemoveIndex(model_name="claim", name="claim_search_idx"),
                migrations.AddIndex(
                    model_name="claim",
                    index=claims.vendor.PostgresOnlyGinIndex(
                        fastupdate=False, fields=["search_vector"], name="claim_search_idx"
                    ),
                ),
            ],
        ),
    ]
