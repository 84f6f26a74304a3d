from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from claims.outputs.sitemaps import SITEMAPS, robots_txt
from claims.pages.health import healthz
from claims.pages.site import favicon

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("claims.outputs.api.urls")),
    path("follow/", include("claims.alerts.urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("claims.urls")),
]
