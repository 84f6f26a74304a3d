"""Django's admin finds an app's pages in `<app>.admin`; the editors' side keeps them."""

from claims.alerts import admin as alerts_admin  # noqa: F401 (the webhooks' pages)
from claims.editors import admin  # noqa: F401 (registers every ModelAdmin)
from claims.finder import admin as finder_admin  # noqa: F401 (the finder's decisions, models)
