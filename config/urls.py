from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "claimtrack editing"
admin.site.site_title = "claimtrack"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
