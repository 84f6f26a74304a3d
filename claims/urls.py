from django.urls import path

from claims import datafeed, embeds, feeds, views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="home"),
    path("claims/", views.claim_list, name="list"),
    path("claims/export.csv", views.claim_export, name="export"),
    path("claims/feed.atom", feeds.FilteredFeed(), name="list_feed"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim"),
    path("claims/<slug:slug>/embed/", embeds.claim_embed, name="embed"),
    path("claimants/<slug:slug>/", views.claimant_detail, name="claimant"),
    path("claimants/<slug:slug>/feed.atom", feeds.ClaimantFeed(), name="claimant_feed"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("topics/<slug:slug>/feed.atom", feeds.TopicFeed(), name="topic_feed"),
    path("feeds/claims.atom", feeds.ClaimFeed(), name="claims_feed"),
    path("feeds/verdicts.atom", feeds.VerdictFeed(), name="verdicts_feed"),
    path("claimreview.json", datafeed.claimreview_feed, name="claimreview_feed"),
    path("oembed", embeds.oembed, name="oembed"),
    path("verdicts/", views.scale, name="scale"),
    path("record/", views.site_record_page, name="record"),
]
