"""Public pages. Placeholders until the public site lands."""

from django.http import Http404, HttpResponse


def claim_list(request):
    return HttpResponse("claimtrack")


def _not_yet(request, slug):
    raise Http404


claim_detail = claimant_detail = article_detail = topic_detail = _not_yet
