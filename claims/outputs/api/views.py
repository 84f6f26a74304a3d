"""The API's views: thin, reading the same rules as the pages (published(), in_public(), the
list's FilterSet), every response JSON, a bad parameter a 400 naming it."""

from django.conf import settings
from django.db.models import Count
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, pagination
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
from claims.pages.counting import estimated_count
from claims.pages.filters import ClaimFilter
from claims.pages.params import whole_number
from claims.pages.sorting import SORTS
from claims.text.search import is_postgresql

DEFAULT_LIMIT, MAX_LIMIT = 25, 100


def _filter_parameters():
    """The list's own filters, described from the FilterSet so the schema cannot drift."""
    form = ClaimFilter(data={}).form
    params = []
    for name, field in form.fields.items():
        many = name in ("claimant", "verdict")
        params.append(
            OpenApiParameter(
                name,
                OpenApiTypes.STR,
                many=many,
                explode=True if many else None,
                description=str(field.help_text or field.label or name),
                enum=[c[0] for c in field.choices if c[0]]
                if name in ("verdict", "kind", "sort")
                else None,
            )
        )
    params += [
        OpenApiParameter("cursor", OpenApiTypes.STR, description="From a page's `next`."),
        OpenApiParameter("limit", OpenApiTypes.INT, description=f"Claims a page, 1–{MAX_LIMIT}."),
    ]
    return params


def bad_request(errors: dict) -> Response:
    return Response({"errors": errors}, status=400)


class ClaimList(CachedResponses, APIView):
    """Published claims, filtered and sorted as the public list is."""

    @extend_schema(
        operation_id="claims_list", parameters=_filter_parameters(), responses=ClaimPageSerializer
    )
    def get(self, request):
        filterset = ClaimFilter(request.GET, queryset=Claim.objects.published())
        errors = {} if filterset.is_valid() else filterset.errors_by_field()
        limit = whole_number(request.GET.get("limit"), default=DEFAULT_LIMIT)
        if limit is None or not 1 <= limit <= MAX_LIMIT:
            errors["limit"] = [f"a whole number from 1 to {MAX_LIMIT}"]
        if errors:
            return bad_request(errors)
        sort_key = filterset.form.cleaned_data["sort"]
        sort = SORTS[sort_key]
        matching = filterset.qs
        page = matching
        if raw := request.GET.get("cursor"):
            try:
                page = cursor.after(matching, sort, *cursor.decode(raw, sort_key))
            except cursor.CursorError as exc:
                return bad_request({"cursor": [str(exc)]})
        rows = list(page.values_list("pk", sort.field)[: limit + 1])
        pks = [pk for pk, _ in rows[:limit]]
        claims = {c.pk: c for c in Claim.objects.filter(pk__in=pks).for_summary()}
        total = estimated_count(matching)
        absolute = request.build_absolute_uri
        return Response(
            {
                "total": total,
                "total_is_estimate": total > settings.EXACT_COUNT_CAP and is_postgresql(matching),
                "next": self._next(request, sort_key, rows, limit),
                # Summaries (no outcome timeline, evidence or corrections: those are the
                # claim's own URL), built directly: ClaimSummarySerializer describes them for
                # the schema, and a serializer per row would only copy its fields again.
                "results": [claim_summary(claims[pk], absolute) for pk in pks],
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
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = MAX_LIMIT


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
