"""The article's candidates page in the admin (ArticleAdmin routes it here): the proposed
sentences best first, each with its reasons and matches and three doors: a claim (the claim
form, filled in), a repeat of a match (added at once as its new quote), not a claim (with a
reason, for good). claims/static/claims/finder.js drives it from the keyboard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.finder import decisions
from claims.finder.ranking import find
from claims.models import Article


def candidates_page(model_admin, request, object_id):
    article = get_object_or_404(Article, pk=object_id)
    if not _may_decide(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _decide(request, article)
    finding = find(article)
    for problem in finding.problems:
        messages.warning(request, problem)
    proposed = [c for c in finding.candidates if c.proposed]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Claims in “{article.title}”",
        "article": article,
        "opts": Article._meta,
        "proposed": proposed,
        "quoted": [c for c in finding.candidates if c.quoted_by],
        "decided": [c for c in finding.candidates if c.decision and not c.quoted_by],
        "ranked_by": finding.ranked_by,
        "rejection_reasons": decisions.REJECTION_REASONS,
    }
    return TemplateResponse(request, "admin/claims/article/finder.html", context)


def _may_decide(user) -> bool:
    return user.has_perm("claims.add_claim") and user.has_perm("claims.add_appearance")


def _decide(request, article: Article):
    here = reverse("admin:claims_article_finder", args=[article.pk])
    data = request.POST
    start, end = data.get("start", ""), data.get("end", "")
    if not (start.isdigit() and end.isdigit()):
        messages.error(request, "No sentence was chosen: choose one from the list.")
        return HttpResponseRedirect(here)
    start, end, user, action = int(start), int(end), request.user, data.get("action")
    try:
        if action == "claim":
            return HttpResponseRedirect(decisions.accept(article, start, end, user))
        if action == "repeat":
            claim = decisions.accept_repeat(article, start, end, data.get("claim"), user)
            messages.success(request, f"Added as a new quote of “{claim}”.")
        elif action == "reject":
            reason = data.get("reason_other") or data.get("reason", "")
            decisions.reject(article, start, end, reason, user)
            messages.success(request, "Marked as not a claim: it will not be proposed again.")
        else:
            messages.error(request, "Choose what to do with the sentence.")
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    return HttpResponseRedirect(f"{here}#after-{start}")
