from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="home"),
    path("claims/", views.claim_list, name="list"),
    path("claims/export.csv", views.claim_export, name="export"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim"),
    path("claimants/<slug:slug>/", views.claimant_detail, name="claimant"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
