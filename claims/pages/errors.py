"""Bad input, answered one way per surface. Pages answer with their own template and a 400
(the list shows its errors above the results: claims.pages.listing); the API with its JSON
`{"errors": …}` (claims.outputs.api.views); and what a program reads without a page (the CSV
export, the Atom feeds, oEmbed) with `plain_error`: the status and the reason in words."""

from django.http import HttpResponse


def plain_error(message: str, status: int = 400) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
