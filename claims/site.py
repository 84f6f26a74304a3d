"""What every page says of the site itself (a template context processor)."""

from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME, "publisher_name": settings.PUBLISHER_NAME}
