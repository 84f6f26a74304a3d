"""gunicorn's settings for claimtrack: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threaded workers (gthread): a worker's main thread keeps telling the arbiter it is alive while
its threads serve requests, so a long download (the full CSV export, the ClaimReview feed) is
never killed by `timeout` halfway, as it is under the default sync worker; a reader whose
connection does break sees a chunked response without its final chunk, never a short file
that looks whole. Every value can be overridden on the command line or with
GUNICORN_CMD_ARGS.
"""

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
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once): a slow
# leak in any library stays bounded.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
# The TLS proxy in front (README): only it may set X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("CLAIMTRACK_FORWARDED_ALLOW_IPS", "127.0.0.1")
