"""/healthz for a load balancer: 200 when the database answers, 503 when it does not. A shared
cache that does not answer makes the site slower, not broken (config/cache.py): 200 with
status "degraded" and the cache named "unreachable", so a load balancer keeps the node. The
body names what was checked, never how it failed (no hosts, no error text), and is never
cached."""

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def _database_ok() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ok() -> bool | None:
    """None when no shared cache is configured (the per-process default is not checked)."""
    if settings.CACHES["default"]["BACKEND"] in _LOCAL_CACHES:
        return None
    cache = caches["default"]
    if hasattr(cache, "ping"):
        return cache.ping()  # the forgiving cache answers misses; ask Redis itself
    try:
        cache.set("healthz", "ok", 5)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001 - any cache failure means "unreachable", said without detail
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok()}
    cache = _cache_ok()
    if cache is not None:
        checks["cache"] = cache
    status = "ok" if all(checks.values()) else "degraded" if checks["database"] else "unavailable"
    body = {"status": status}
    body.update({name: "ok" if ok else "unreachable" for name, ok in checks.items()})
    return JsonResponse(body, status=503 if status == "unavailable" else 200)
