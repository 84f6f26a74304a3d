from django.contrib import admin
from django.urls import include, path

from claims.health import healthz

admin.site.site_header = "claimtrack editing"
admin.site.site_title = "claimtrack"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
