"""/api/: every view read-only JSON, answering conditional GETs (ETag, 304)."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.outputs.api import views
from claims.outputs.api.errors import conditional

app_name = "api"

# Swagger UI sets style attributes and draws its icons as data: images as it renders:
# allowed on this one page, for styles and images only; its scripts still come from this
# site (drf-spectacular-sidecar), none inline.
docs = csp_update({"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("claims/", conditional(views.ClaimList.as_view()), name="claims"),
    path("claims/<int:pk>/", conditional(views.ClaimDetail.as_view()), name="claim"),
    path("claimants/", conditional(views.ClaimantList.as_view()), name="claimants"),
    path("claimants/<slug:slug>/", conditional(views.ClaimantDetail.as_view()), name="claimant"),
    path("articles/", conditional(views.ArticleList.as_view()), name="articles"),
    path("articles/<slug:slug>/", conditional(views.ArticleDetail.as_view()), name="article"),
    path("topics/", conditional(views.TopicList.as_view()), name="topics"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    re_path(r"", views.not_found),  # last: whatever nothing above matched
]
