from django.urls import path

from claims.outputs import datafeed, downloads, embeds, feeds
from claims.pages import views
from claims.pages.caching import cached_page as cached

app_name = "claims"

urlpatterns = [
    path("", cached(views.claim_list), name="home"),
    path("claims/", cached(views.claim_list), name="list"),
    path("claims/export.csv", downloads.claim_export, name="export"),
    path("claims/feed.atom", cached(feeds.FilteredFeed()), name="list_feed"),
    path("claims/preview/<int:pk>/", views.claim_preview, name="preview"),  # staff only
    path("claims/<slug:slug>/", cached(views.claim_detail), name="claim"),
    path("claims/<slug:slug>/embed/", cached(embeds.claim_embed), name="embed"),
    path("claimants/<slug:slug>/", cached(views.claimant_detail), name="claimant"),
    path("claimants/<slug:slug>/feed.atom", cached(feeds.ClaimantFeed()), name="claimant_feed"),
    path("articles/<slug:slug>/", cached(views.article_detail), name="article"),
    path("topics/<slug:slug>/", cached(views.topic_detail), name="topic"),
    path("topics/<slug:slug>/feed.atom", cached(feeds.TopicFeed()), name="topic_feed"),
    path("feeds/claims.atom", cached(feeds.ClaimFeed()), name="claims_feed"),
    path("feeds/verdicts.atom", cached(feeds.VerdictFeed()), name="verdicts_feed"),
    path("claimreview.json", datafeed.claimreview_feed, name="claimreview_feed"),
    path("oembed", embeds.oembed, name="oembed"),
    path("verdicts/", cached(views.scale), name="scale"),
    path("record/", cached(views.site_record_page), name="record"),
]
