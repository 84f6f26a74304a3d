"""The API's views: thin, reading the same rules as the pages (published(), in_public(), the
list's FilterSet), every response JSON, a bad parameter a 400 naming it."""

from django import forms
from django.conf import settings
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Article, Claim, Claimant, Topic
from claims.outputs.api import cursor
from claims.outputs.api.serializers import (
    ArticleSerializer,
    ClaimantSerializer,
    ClaimPageSerializer,
    ClaimSerializer,
    TopicSerializer,
)
from claims.outputs.serialise import claim_dict, claim_summary
from claims.pages.caching import CachedResponses
from claims.pages.counting import estimated_count, query_key
from claims.pages.filters import FIXED_CHOICES, ClaimFilter
from claims.pages.fragments import kept, kept_each
from claims.pages.params import whole_number
from claims.pages.sorting import SORTS
from claims.text.search import is_postgresql

DEFAULT_LIMIT, MAX_LIMIT = 25, 100
LIMIT = {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
BAD_LIMIT = f"a whole number from 1 to {MAX_LIMIT}"
EMPTY = "Empty: give a value or leave the parameter out."
# Text parameters: never empty (_empty_parameters) and never a NUL, which Django's forms refuse.
TEXT = {"type": "string", "minLength": 1, "pattern": "^[^\\u0000]*$"}
NAMED_BY_SLUG = {"claimant", "topic"}  # filters naming a record: an unknown one is a 404


def _schema_of(name: str, field) -> tuple[dict, bool]:
    """A filter's parameter schema, from its form field; and whether it repeats."""
    text = dict(TEXT)
    if name in FIXED_CHOICES:
        text["enum"] = [value for value, _ in field.choices if value]
    elif isinstance(field, forms.DateField):
        text["format"] = "date"
    elif isinstance(field, forms.BooleanField):
        text = {"type": "boolean"}
    elif getattr(field, "max_length", None):
        text["maxLength"] = field.max_length
    many = isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
    return ({"type": "array", "items": text} if many else text), many


def _filter_parameters():
    """The list's own filters, described from the FilterSet so the schema cannot drift."""
    params = []
    for name, field in ClaimFilter(data={}).form.fields.items():
        schema, many = _schema_of(name, field)
        description = str(field.help_text or field.label or name)
        # spectacular ignores `many` on a schema given as a dict: the array is written out.
        params.append(OpenApiParameter(name, schema, explode=many or None, description=description))
    params += [
        OpenApiParameter("cursor", TEXT, description="From a page's `next`."),
        OpenApiParameter("limit", LIMIT, description=f"Claims a page, 1–{MAX_LIMIT}."),
    ]
    return params


def _empty_parameters(query) -> dict:
    """A parameter given with no value is refused. The list's HTML form sends its empty fields
    to mean "any"; a client means something by a parameter, and should leave it out."""
    names = {*ClaimFilter.base_filters, "cursor", "limit"}
    return {name: [EMPTY] for name, values in query.lists() if name in names and "" in values}


def _limit(raw: str | None, default: int | None) -> int | None:
    """A page's `limit` (`default` when absent), None when it is not 1 to MAX_LIMIT."""
    limit = whole_number(raw, default=default)
    return limit if limit is not None and limit <= MAX_LIMIT else None


def bad_request(errors: dict) -> Response:
    return Response({"errors": errors}, status=400)


def _names_unknown_record(filterset) -> bool:
    """Only fault: a claimant or topic slug that names nothing in public. That is a 404 (the
    address of claims that do not exist), not a malformed request: any slug is well formed."""
    found = filterset.form.errors.as_data()
    return bool(found) and all(
        name in NAMED_BY_SLUG and all(e.code == "invalid_choice" for e in errors)
        for name, errors in found.items()
    )


def _missing(errors: dict) -> Response:
    return Response({"errors": errors}, status=404)


class ClaimList(CachedResponses, APIView):
    """Published claims, filtered and sorted as the public list is."""

    @extend_schema(
        operation_id="claims_list", parameters=_filter_parameters(), responses=ClaimPageSerializer
    )
    def get(self, request):
        if empty := _empty_parameters(request.GET):
            return bad_request(empty)
        filterset = ClaimFilter(request.GET, queryset=Claim.objects.published())
        errors = {} if filterset.is_valid() else filterset.errors_by_field()
        limit = _limit(request.GET.get("limit"), DEFAULT_LIMIT)
        if limit is None:
            errors["limit"] = [BAD_LIMIT]
        if errors:
            return bad_request(errors) if not _names_unknown_record(filterset) else _missing(errors)
        sort_key = filterset.form.cleaned_data["sort"]
        sort = SORTS[sort_key]
        matching = filterset.qs
        page = matching
        if raw := request.GET.get("cursor"):
            try:
                page = sort.after(matching, *cursor.decode(raw, sort_key))
            except cursor.CursorError as exc:
                # A cursor is the address of a page: one this API never gave out names no
                # page, as a page number past the end does.
                return _missing({"cursor": [str(exc)]})
        rows = list(page.values_list("pk", sort.field)[: limit + 1])
        pks = [pk for pk, _ in rows[:limit]]
        absolute = request.build_absolute_uri  # the site's address (CLAIMTRACK_SITE_URL)

        def summaries(missing):
            found = Claim.objects.filter(pk__in=missing).for_summary()
            return {claim.pk: claim_summary(claim, absolute) for claim in found}

        # Each claim's summary and the filter's total, kept until the record changes, as
        # the list page keeps its rows and counts: 25 summaries built anew cost 11 ms at 1M.
        summary = kept_each("api-summary", pks, summaries)
        total = kept(f"api-total:{query_key(matching)}", lambda: estimated_count(matching))
        return Response(
            {
                "total": total,
                "total_is_estimate": total > settings.EXACT_COUNT_CAP and is_postgresql(matching),
                "next": self._next(request, sort_key, rows, limit),
                # Summaries (no outcome timeline, evidence or corrections: those are the
                # claim's own URL), built directly: ClaimSummarySerializer describes them for
                # the schema, and a serializer per row would only copy its fields again.
                "results": [summary[pk] for pk in pks if pk in summary],
            }
        )

    def _next(self, request, sort_key, rows, limit):
        if len(rows) <= limit:
            return None
        pk, value = rows[limit - 1]
        query = request.GET.copy()
        query["cursor"] = cursor.encode(sort_key, value, pk)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class ClaimDetail(CachedResponses, APIView):
    """A published claim with its appearances, outcome timeline, evidence and corrections."""

    @extend_schema(responses=ClaimSerializer)
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim.objects.published().for_data(), pk=pk)
        return Response(claim_dict(claim, request.build_absolute_uri))


class Pages(pagination.PageNumberPagination):
    """Numbered pages whose `limit` is refused as the claims list refuses it (a 400 naming
    it), never quietly replaced by the default; a page past the end is a 404."""

    page_size = 50
    page_size_query_param = "limit"
    max_page_size = MAX_LIMIT

    def paginate_queryset(self, queryset, request, view=None):
        if request.query_params.get(self.page_query_param) == "":
            raise ValidationError({self.page_query_param: [EMPTY]})
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        limit = self.page_size if raw is None else _limit(raw, None)
        if limit is None:
            raise ValidationError({"limit": [BAD_LIMIT]})
        return limit

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            bound = {"page": {"minimum": 1}, "limit": LIMIT}.get(parameter["name"], {})
            parameter["schema"] = {**parameter["schema"], **bound}
        return parameters


class ClaimantList(CachedResponses, generics.ListAPIView):
    """Claimants with published claims, by name, each with their verdict tally."""

    serializer_class = ClaimantSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Claimant.objects.in_public().order_by("name", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "tallies": getattr(self, "tallies", {})}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.tallies = tallies([claimant.pk for claimant in page or []])
        return page


class ClaimantDetail(CachedResponses, generics.RetrieveAPIView):
    """A claimant with published claims, by its slug, with its verdict tally."""

    serializer_class = ClaimantSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Claimant.objects.in_public()

    def get_serializer_context(self):
        slug = self.kwargs.get("slug")
        found = Claimant.objects.filter(slug=slug).values_list("pk", flat=True)
        return {**super().get_serializer_context(), "tallies": tallies(list(found))}


def tallies(claimant_ids: list[int]) -> dict[int, dict[str, int]]:
    """Published claims by verdict for each claimant: one GROUP BY."""
    rows = (
        Claim.objects.published()
        .filter(claimant__in=claimant_ids)
        .order_by()
        .values_list("claimant", "verdict")
        .annotate(n=Count("pk"))
    )
    found: dict[int, dict[str, int]] = {}
    for claimant, verdict, n in rows:
        found.setdefault(claimant, {})[verdict] = n
    return found


class ArticleList(CachedResponses, generics.ListAPIView):
    """Articles that published claims quote, newest first."""

    serializer_class = ArticleSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Article.objects.in_public().order_by("-published_on", "pk")


class ArticleDetail(CachedResponses, generics.RetrieveAPIView):
    """An article that published claims quote, by its slug."""

    serializer_class = ArticleSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Article.objects.in_public()


class TopicList(CachedResponses, generics.ListAPIView):
    """Topics with published claims, by name."""

    serializer_class = TopicSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Topic.objects.in_public().order_by("name", "pk")


def not_found(request, *args, **kwargs):
    """Any other address under /api/ (an id that is not a number, a slug with spaces): the
    API's 404 in its own shape, not the site's HTML page."""
    return JsonResponse({"errors": {"detail": ["No such address in the API."]}}, status=404)
