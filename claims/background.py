"""Queueing a task without letting the queue break what asked: a queue that is down (Redis
gone, a database that refuses the write) is logged, and `manage.py send_alerts` (cron)
catches up with whatever was not run."""

import datetime
import logging

log = logging.getLogger("claimtrack.tasks")


def queue(task, *args, run_after: datetime.datetime | None = None):
    """Enqueue `task`; later, at `run_after`, where the backend can wait (the immediate
    backend cannot: then the next `send_alerts` run does it). The result, or None."""
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return None
            task = task.using(run_after=run_after)
        return task.enqueue(*args)
    except Exception:
        log.exception("task not queued", extra={"event": "task_not_queued", "task": task.name})
        return None
