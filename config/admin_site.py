"""The editors' admin site: Django's, with a second factor (django-otp) for every account
that may publish, when DJANGO_REQUIRE_2FA is on (installed by config.apps)."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


def needs_second_factor(user) -> bool:
    """Accounts that may publish (chief editors, superusers) sign in with a one-time code."""
    from claims.workflow import can_publish

    return bool(settings.REQUIRE_2FA and user is not None and user.is_active and can_publish(user))


class SignInForm(OTPAdminAuthenticationForm):
    """Password for everyone; then a code from an authenticator app (or a recovery code)
    for those who need a second factor."""

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if needs_second_factor(user):
            self.clean_otp(user)
        return self.cleaned_data


class ClaimtrackAdminSite(AdminSite):
    site_header = "claimtrack editing"
    site_title = "claimtrack"
    login_form = SignInForm
    login_template = OTPAdminSite.login_template

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not needs_second_factor(request.user) or request.user.is_verified()
