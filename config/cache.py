"""The shared cache (Redis), forgiving: a cache that is down is a cache that misses.

Django's RedisCache raises on every call when Redis is unreachable, and every public page,
the sign-in page and /healthz ask the cache first, so one stopped Redis answered 500
everywhere. Here each call that fails is answered as a miss (a read finds nothing, a write
keeps nothing), logged once per outage, and the cache is left alone for
`CLAIMTRACK_CACHE_RETRY_SECONDS` before it is tried again: pages are built from the database
meanwhile (slower, never broken), and a request does not wait on a dead socket for every
part it asks for. `/healthz` reports the outage as degraded (claims/pages/health.py).

Rate limits counted in the cache fail open while it is down (RATELIMIT_FAIL_OPEN): the
export is served, not refused, and README says so."""

import logging
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("claimtrack.cache")

_outage = {"until": 0.0, "since": None}


def cache_down() -> bool:
    """Whether the shared cache failed within the retry interval (this process's view)."""
    return time.monotonic() < _outage["until"]


def _failed(error: Exception) -> None:
    if _outage["since"] is None:
        log.error(
            "cache unreachable; pages are built from the database", extra={"error": str(error)}
        )
        _outage["since"] = time.monotonic()
    _outage["until"] = time.monotonic() + settings.CACHE_RETRY_SECONDS


def _answered() -> None:
    if _outage["since"] is not None:
        log.warning(
            "cache reachable again", extra={"down_seconds": time.monotonic() - _outage["since"]}
        )
        _outage["since"] = None


def _forgiving(name: str, missed):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if cache_down():
            return missed(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except RedisError as error:
            _failed(error)
            return missed(*args, **kwargs)
        _answered()
        return result

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _none_found(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _incr_missed(*args, **kwargs):
    # What every backend raises for a key it does not hold; django-ratelimit then reads a
    # count of None and, with RATELIMIT_FAIL_OPEN, lets the request through.
    raise ValueError("the cache is unreachable")


class ForgivingRedisCache(RedisCache):
    """RedisCache whose failures are misses (see the module's docstring)."""

    add = _forgiving("add", _false)
    get = _forgiving("get", _default)
    set = _forgiving("set", _nothing)
    touch = _forgiving("touch", _false)
    delete = _forgiving("delete", _false)
    get_many = _forgiving("get_many", _none_found)
    has_key = _forgiving("has_key", _false)
    incr = _forgiving("incr", _incr_missed)
    set_many = _forgiving("set_many", _all_failed)
    delete_many = _forgiving("delete_many", _nothing)
    clear = _forgiving("clear", _false)

    def get_and_count(self, key: str, counter: str, seconds: int):
        """(the value at `key` or None, the counter `counter` plus one): a kept answer and its
        client's rate limit in one round trip (GET, INCR, EXPIRE NX in a pipeline), where
        Django's get() and incr() take three and django-ratelimit's add-then-incr four. The
        counter lives `seconds` from its first count. (None, None) while Redis is down."""
        if cache_down():
            return None, None
        key, counter = self.make_and_validate_key(key), self.make_and_validate_key(counter)
        try:
            with self._cache.get_client(counter, write=True).pipeline(transaction=False) as pipe:
                pipe.get(key)
                pipe.incr(counter)
                pipe.expire(counter, seconds, nx=True)
                found, counted, _ = pipe.execute()
        except RedisError as error:
            _failed(error)
            return None, None
        _answered()
        return (None if found is None else self._cache._serializer.loads(found)), counted

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz: asked every time, never skipped)."""
        try:
            ok = bool(self._cache.get_client(write=True).ping())
        except RedisError as error:
            _failed(error)
            return False
        _answered()
        return ok
