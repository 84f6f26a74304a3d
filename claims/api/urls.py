"""/api/: every view read-only JSON, answering conditional GETs (ETag, 304)."""

from django.urls import path
from django.views.decorators.http import conditional_page as conditional
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.api import views

app_name = "api"

urlpatterns = [
    path("claims/", conditional(views.ClaimList.as_view()), name="claims"),
    path("claims/<int:pk>/", conditional(views.ClaimDetail.as_view()), name="claim"),
    path("claimants/", conditional(views.ClaimantList.as_view()), name="claimants"),
    path("claimants/<slug:slug>/", conditional(views.ClaimantDetail.as_view()), name="claimant"),
    path("articles/", conditional(views.ArticleList.as_view()), name="articles"),
    path("articles/<slug:slug>/", conditional(views.ArticleDetail.as_view()), name="article"),
    path("topics/", conditional(views.TopicList.as_view()), name="topics"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
