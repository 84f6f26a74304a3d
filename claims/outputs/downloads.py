"""The CSV download of the public list (`/claims/export.csv`): the whole record from its
file or its kept rows, a filtered one from the same filter as the list; rate-limited per
client address, with a 429 saying when to come back."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit

from claims.models import Claim
from claims.outputs import export_file
from claims.outputs.export import download_name, url_prefix
from claims.outputs.export_table import filtered_response, whole_record_response
from claims.pages.errors import plain_error
from claims.pages.filters import ClaimFilter
from config.env import rate_window


def _export_rate(group, request):
    return settings.EXPORT_RATE


@ratelimit(key="ip", rate=_export_rate, group="export", block=True)
def claim_export(request):
    if not request.GET:  # the whole published record: from a file most of the time
        served = export_file.file_response(url_prefix(request), download_name("claims"))
        if served is not None:
            return served
        return whole_record_response(request, Claim.objects.published().db)
    filterset = ClaimFilter(request.GET, queryset=Claim.objects.published())
    if not filterset.is_valid():
        return filterset.bad_filter_response()
    return filtered_response(filterset.qs, request)


def rate_limited(request, exception):
    """Over a rate limit: 429, and when to come back (the limit's window)."""
    count, seconds = rate_window(settings.EXPORT_RATE)
    period = settings.EXPORT_RATE.split("/")[1]
    response = plain_error(
        f"Too many requests: at most {count} exports per {period} from one address. "
        f"Try again in {seconds} seconds.",
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
