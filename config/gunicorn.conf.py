"""gunicorn's settings for claimtrack: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threaded workers (gthread): a worker's main thread keeps telling the arbiter it is alive while
its threads serve requests, so a long download (the full CSV export, the ClaimReview feed) is
never killed by `timeout` halfway, as it is under the default sync worker; a reader whose
connection does break sees a chunked response without its final chunk, never a short file
that looks whole. Every value can be overridden on the command line or with
GUNICORN_CMD_ARGS.
"""

import ctypes
import ctypes.util
import gc
import multiprocessing
import os

bind = os.environ.get("CLAIMTRACK_BIND", "127.0.0.1:8000")
# Two processes per core (WEB_CONCURRENCY, as gunicorn reads it, wins), four threads each:
# eight requests at once per core, within the database pool's eight connections a process.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("CLAIMTRACK_THREADS", 4))
# With gthread, `timeout` is how long a worker may go without its heartbeat (a stuck
# process), not how long one request may take.
timeout = 60
graceful_timeout = 30
# No keep-alive: each request on a new connection, taken by whichever worker is free. With
# keep-alive a connection stays with the worker that accepted it, and measured
# (bench/http_load.py, 8 clients) one worker often held all 8 while the other idled: the
# uncached list ran at 55-105 req/s from run to run, 100-130 without. The TLS proxy in
# front keeps the readers' connections alive (nginx speaks to its upstream without
# keep-alive unless told to).
keepalive = 0
# A worker is replaced after this many requests (with jitter, so not all at once): a slow
# leak in any library stays bounded. Measured (bench/http_load.py): at 1,000 cached pages
# a second, 5,000 replaced each worker every 10 s, and each replacement (a fresh Django
# import, 300-400 ms) put the p99 at 300-400 ms; the app is loaded once in the master
# (preload_app) and forked, so a replacement takes milliseconds, and replacements are rarer.
# A request line up to 8 KB (gunicorn's most; its default is 4 KB), as nginx's default
# buffers allow: a long filtered list's or API query's URL reaches Django, which answers a
# bad parameter with a 400 that says why, rather than gunicorn's bare 414 (schemathesis
# generated a 7,479-byte API query that met the 4 KB limit).
limit_request_line = 8190
max_requests = 50000
max_requests_jitter = 5000
# Safe: nothing connects to the database at import (Django and psycopg's pool connect on
# first use, in the worker).
preload_app = True
accesslog = "-"
# The TLS proxy in front (README): only it may set X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("CLAIMTRACK_FORWARDED_ALLOW_IPS", "127.0.0.1")


# A worker hands freed memory back to the system after a request that left it large (a
# 10,000-row import preview, a big admin page): Python frees the objects, but glibc's malloc
# keeps the pages for reuse, so the worker stayed at the request's high-water mark (215 MB after
# three previews; bench/worker_memory.py). Past CLAIMTRACK_TRIM_ABOVE_MB of resident memory,
# a full collection and malloc_trim(0) after the request (a few ms, only then).
TRIM_ABOVE_MB = int(os.environ.get("CLAIMTRACK_TRIM_ABOVE_MB", 150))
_PAGE = os.sysconf("SC_PAGE_SIZE")
_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE / 2**20


def post_request(worker, req, environ, resp):
    if TRIM_ABOVE_MB and _resident_mb() > TRIM_ABOVE_MB and hasattr(_LIBC, "malloc_trim"):
        gc.collect()
        _LIBC.malloc_trim(0)
