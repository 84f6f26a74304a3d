"""Django's admin finds an app's pages in `<app>.admin`; the editors' side keeps them."""

from claims.editors import admin  # noqa: F401 (registers every ModelAdmin)
from claims.alerts import admin as alerts_admin  # noqa: F401,E402 (the webhooks' pages)
