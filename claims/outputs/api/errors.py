"""The API's one error shape, `{"errors": {"<parameter or detail>": ["what is wrong"]}}`, for
every refusal (a bad parameter, a missing claim, too many requests), and the schema saying
so on every operation, with the 304 a conditional GET gets."""

from functools import wraps

from django.utils.cache import get_conditional_response, set_response_etag
from rest_framework.views import exception_handler

# The body of every 4xx answer, as the schema documents it.
ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "What was refused, by parameter (or `detail`), each in words.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
}
ANSWERS = {
    "304": {"description": "Not modified: the ETag given in If-None-Match is current."},
    "400": {"description": "A parameter was refused; each is named with the reason."},
    "404": {"description": "No such published record, or no such page."},
    "429": {
        "description": "Too many requests from this address; Retry-After says when to return.",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
}


def handler(exc, context):
    """DRF's answer to an exception, in the API's one error shape."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) != {"detail"}:
        response.data = {"errors": {k: v if isinstance(v, list) else [v] for k, v in data.items()}}
    else:
        detail = data.get("detail", data) if isinstance(data, dict) else data
        response.data = {"errors": {"detail": [str(detail)]}}
    return response


def document_every_answer(result, generator, request, public):
    """drf-spectacular hook: the error shape as a component, and every operation's 304,
    400, 404 and 429 (the views answer them all: a conditional GET, a bad parameter or an
    unknown id, the rate limit)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Errors"] = ERRORS
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            answers = operation.setdefault("responses", {})
            for status, answer in ANSWERS.items():
                content = {} if status == "304" else {"content": body}
                answers.setdefault(status, {**answer, **content})
    return result


def conditional(view):
    """ETag on every 200 and a 304 for a matching If-None-Match, for HEAD as for GET (Django's
    conditional_page looks at GET only, so a monitor's HEAD got neither)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper
