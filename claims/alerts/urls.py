from django.urls import path

from claims.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("confirm/<str:link>/", views.confirm, name="confirm"),
    path("mine/<str:link>/", views.manage, name="manage"),
    path("unsubscribe/<str:link>/", views.unsubscribe, name="unsubscribe"),
]
