"""Read-only API views: the same visibility rule, filters and cache policy as the
public pages (``claims.caching``): anonymous responses are publicly cacheable, a
claim's detail answers conditional GETs with the page's ETag rule."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import APIRootView

from claims.caching import (
    cache_policy,
    cached_fragments,
    claim_page_state,
    fragment_key,
)
from claims.filters import ClaimFilter
from claims.links import site_url
from claims.models import Claim, ClaimMerge, Rating, Source, SourceMerge
from claims.pagination import CappedPaginator

from . import serializers


class KeptCountPaginator(CappedPaginator):
    """Counts kept until the next publication, as the public lists' are."""

    keep_count = True


class Pagination(PageNumberPagination):
    """Page-number pagination whose bad ``page`` is a 400 with a JSON body."""

    django_paginator_class = KeptCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request: Request, view=None):  # type: ignore[no-untyped-def]
        page = request.query_params.get(self.page_query_param)
        if (
            page is not None
            and page not in self.last_page_strings
            and (not page.isdecimal() or int(page) < 1)
        ):
            raise ValidationError({"page": ["A page number is a positive integer."]})
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and (not size.isdecimal() or int(size) < 1):
            raise ValidationError({"page_size": ["Give a positive integer."]})
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:  # a page past the end
            raise ValidationError({"page": [str(exc.detail)]}) from exc

    def get_paginated_response(self, data: Any) -> Response:
        """DRF's page, plus ``count_is_capped``: ``count`` stops at
        ``CappedPaginator.COUNT_CAP + 1`` (an exact count of a million rows is too
        slow to answer every request), and this says when it did."""
        response = super().get_paginated_response(data)
        response.data["count_is_capped"] = self.page.paginator.is_capped  # type: ignore[union-attr]
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = (
            "Matching fact-checks, counted up to 10,001: with count_is_capped, "
            "there are more."
        )
        paginated["properties"]["count_is_capped"] = {"type": "boolean"}
        return paginated


class PublicCacheMixin:
    """``claims.caching.cache_policy`` on every response, 304s included.

    The API authenticates nobody (its data is public), so whether the reader is
    logged in comes from the session, read before DRF replaces ``request.user``.
    """

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.reader_is_authenticated = request.user.is_authenticated
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(  # type: ignore[misc]
            request, response, *args, **kwargs
        )
        return cache_policy(
            response,
            method=request.method or "",
            authenticated=self.reader_is_authenticated,
        )


class RootView(PublicCacheMixin, APIRootView):
    pass


RETRACTED = (
    "A retracted fact-check keeps answering here, as its page keeps its URL: with "
    'status "retracted" and the verdict it had, which no longer stands (see its '
    "corrections). Like the page, it gives no reason or date for the retraction "
    "beyond updated_at: the review history is internal. Lists, counts and search "
    "leave retracted fact-checks out. A fact-check merged into another answers 301 "
    'with Location and a body {"status": "merged", "merged_into": <id>, "api_url": '
    "...} naming the one it became part of."
)
CONDITIONAL = (
    "Answers conditional GETs: the ETag changes with every change the claim's page "
    "shows and with the language (If-None-Match gives 304 while it holds)."
)


def merged_response(pk: int) -> Response | None:
    """301 to the survivor's detail, saying so in the body, for a fact-check that
    had a public page and was merged into another (as its page redirects)."""
    if pk >= 2**63:
        return None
    record = ClaimMerge.objects.filter(merged_id=pk, was_public=True).first()
    survivor = ClaimMerge.objects.survivor_of(pk) if record else None
    if record is None or survivor is None or not survivor.is_public:
        return None
    location = reverse("api:claim-detail", kwargs={"pk": survivor.pk})
    return Response(
        {
            "id": pk,
            "status": "merged",
            "merged_into": survivor.pk,
            "merged_at": record.merged_at,
            "url": site_url(survivor.get_absolute_url()),
            "api_url": site_url(location),
            "detail": "This fact-check was merged into another one: follow api_url.",
        },
        status=301,
        headers={"Location": location},
    )


@extend_schema_view(
    list=extend_schema(
        summary="Published fact-checks, filtered like /claims/",
        description="Published and corrected fact-checks only; never retracted ones.",
    ),
    retrieve=extend_schema(
        summary="One fact-check with its evidence (retracted ones too)",
        description=f"{RETRACTED}\n\n{CONDITIONAL}",
    ),
)
class ClaimViewSet(PublicCacheMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        if self.action == "retrieve":
            # Like the claim page: retracted claims keep their URL.
            return Claim.objects.with_public_page().with_page_related()
        # The page's ids and versions: each claim's JSON is a cached fragment.
        return Claim.objects.published().only("pk", "page_version")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of claims, each from the fragment cache (keyed by its
        ``page_version`` and the language, the inputs of its detail's ETag) or
        serialized with the others missing, in a constant number of queries."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        language = get_language() or ""

        def build(pks: list[int]) -> dict[int, Any]:
            claims = Claim.objects.published().filter(pk__in=pks)
            data = self.get_serializer(claims.with_public_related(), many=True).data
            return {item["id"]: item for item in data}

        wanted = [
            (
                claim.pk,
                fragment_key("api-claim", claim.pk, claim.page_version, language),
            )
            for claim in page or []
        ]
        return self.get_paginated_response(cached_fragments(wanted, build))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        """The claim, or 304 while the client's copy is current (same rule as the
        page's ETag, with its own variant: the JSON is another representation).

        Its JSON is kept in the fragment cache under the same inputs as the ETag;
        a query string (the list's filters apply to the detail too) skips it."""
        pk = str(kwargs.get("pk", ""))
        state = claim_page_state(int(pk)) if pk.isdecimal() else None
        if state is None:
            merged = merged_response(int(pk)) if pk.isdecimal() else None
            if merged is not None:
                return merged
            return super().retrieve(request, *args, **kwargs)  # the 404
        language = get_language() or ""
        etag = quote_etag(state.etag(language=language, variant="api"))
        modified = state.last_modified
        timestamp = int(modified.timestamp()) if modified else None
        not_modified = get_conditional_response(
            request._request, etag=etag, last_modified=timestamp
        )
        if not_modified is not None:
            return not_modified
        if request.query_params:
            response: Response = super().retrieve(request, *args, **kwargs)
        else:
            key = fragment_key(
                "api-claim-detail", state.pk, state.own_version, language
            )
            [data] = cached_fragments(
                [(state.pk, key)],
                lambda pks: {state.pk: self.get_serializer(self.get_object()).data},
                catalogue=state.catalogue,
            )
            response = Response(data)
        response.headers["ETag"] = etag
        if timestamp is not None:
            response.headers["Last-Modified"] = http_date(timestamp)
        return response

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "retrieve":
            return serializers.ClaimDetailSerializer
        return serializers.ClaimSerializer


@extend_schema_view(
    list=extend_schema(summary="Claimants and outlets of published fact-checks"),
    retrieve=extend_schema(summary="One source with its verdict breakdown"),
)
class SourceViewSet(PublicCacheMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Source]:
        return (
            Source.objects.with_public_page()
            .prefetch_related("aliases")
            .order_by("name", "pk")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        """The source, or 301 to the source it was merged into."""
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            survivor = SourceMerge.objects.survivor_of_slug(str(kwargs.get("slug")))
            if survivor is None or not (
                Source.objects.with_public_page().filter(pk=survivor.pk).exists()
            ):
                raise
            location = reverse("api:source-detail", kwargs={"slug": survivor.slug})
            return Response(
                {
                    "status": "merged",
                    "merged_into": survivor.slug,
                    "api_url": site_url(location),
                },
                status=301,
                headers={"Location": location},
            )

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "retrieve":
            return serializers.SourceDetailSerializer
        return serializers.SourceSerializer


@extend_schema_view(list=extend_schema(summary="The verdict scale"))
class RatingViewSet(PublicCacheMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    serializer_class = serializers.RatingSerializer
    queryset = Rating.objects.active()
    lookup_field = "slug"
