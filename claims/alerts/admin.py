"""Partner newsrooms' webhooks in the admin (chief editors): the endpoint, what it follows,
its secret, and its delivery log (status, tries, last answer), with a "send test" action.
An address the outbound rules refuse (http, a private network) is a form error."""

from django import forms
from django.contrib import admin, messages

from claims import outbound
from claims.alerts import webhooks
from claims.alerts.targets import NotFollowable, saved_search
from claims.editors.admin.base import URL_FIELDS
from claims.models import DeliveryStatus, FollowKind, WebhookDelivery, WebhookEndpoint


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label="Address", max_length=500, assume_scheme="https",
        help_text="https, outside private networks; redirects are not followed.",
    )  # fmt: skip

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "active", "kind", "claim", "claimant", "topic", "search"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            outbound.check(url)
        except outbound.Refused as problem:
            raise forms.ValidationError(str(problem)) from None
        return url

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        targets = {FollowKind.CLAIM: "claim", FollowKind.CLAIMANT: "claimant",
                   FollowKind.TOPIC: "topic"}  # fmt: skip
        for field in ("claim", "claimant", "topic"):
            if data.get(field) and targets.get(kind) != field:
                self.add_error(field, f"Leave this empty when following {kind}.")
        if kind in targets and not data.get(targets[kind]):
            self.add_error(targets[kind], "Choose what to follow.")
        if kind == FollowKind.SEARCH:
            try:
                data["search"] = saved_search(data.get("search", ""))
            except NotFollowable as problem:
                self.add_error("search", str(problem))
        elif data.get("search"):
            self.add_error("search", "Only a saved search has a query string.")
        return data


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ["created_at", "what", "status", "attempts", "last_status_code", "last_error",
              "next_attempt_at", "delivered_at"]  # fmt: skip
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-created_at", "-pk"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    formfield_overrides = URL_FIELDS
    list_display = ["name", "url", "kind", "active", "created_at"]
    readonly_fields = ["secret", "created_at"]
    autocomplete_fields = ["claim", "claimant", "topic"]
    actions = ["send_test"]
    inlines = [DeliveryInline]

    @admin.action(description="Send a test delivery")
    def send_test(self, request, queryset):
        for endpoint in queryset:
            delivery = webhooks.send_test(endpoint)
            if delivery.status == DeliveryStatus.DELIVERED:
                self.message_user(request, f"{endpoint}: delivered ({delivery.last_status_code}).")
            else:
                self.message_user(
                    request, f"{endpoint}: not delivered: {delivery.last_error}", messages.ERROR
                )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "endpoint", "what", "status", "attempts", "last_status_code",
                    "last_error"]  # fmt: skip
    list_filter = ["status", "endpoint"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
