"""Logs as one JSON object per line on stdout (CLAIMTRACK_LOG_FORMAT=json, the default in
production; "text" gives one readable line each, the default with DEBUG on), each carrying
the id of the request it belongs to (taken from a proxy's X-Request-ID when it is sane, else
made here, and sent back in the response), so one request's lines can be found among many
workers'."""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

_request_id = contextvars.ContextVar("request_id", default="-")
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the request is finished, not just until this middleware returns: Django
        # logs a request's errors (django.request) after the middleware chain is done.
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


@receiver(request_finished)
def _forget_request_id(sender, **kwargs):
    _request_id.set("-")


FORMATS = {"json", "text"}


def logging_config(level: str, form: str = "json") -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
            # For a person at a terminal: the request id is left out, the message kept whole.
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": form,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        # Requests' errors (django.request: 5xx as ERROR with the traceback, 4xx as WARNING)
        # and claimtrack's own events (claimtrack.*) go to the root handler.
        "loggers": {
            "django": {"level": level},
            "claimtrack": {"level": level},
            "axes": {"level": "WARNING"},  # lockouts, not every successful sign-in
        },
    }
