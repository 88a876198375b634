"""Read-only API views: the same visibility rule and filters as the public pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from claims.filters import ClaimFilter
from claims.models import Claim, Rating, Source
from claims.pagination import CappedPaginator

from . import serializers


class Pagination(PageNumberPagination):
    """Page-number pagination whose bad ``page`` is a 400 with a JSON body."""

    django_paginator_class = CappedPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request: Request, view=None):  # type: ignore[no-untyped-def]
        page = request.query_params.get(self.page_query_param)
        if (
            page is not None
            and page not in self.last_page_strings
            and (not page.isdigit() or int(page) < 1)
        ):
            raise ValidationError({"page": ["A page number is a positive integer."]})
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and (not size.isdigit() or int(size) < 1):
            raise ValidationError({"page_size": ["Give a positive integer."]})
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:  # a page past the end
            raise ValidationError({"page": [str(exc.detail)]}) from exc


@extend_schema_view(
    list=extend_schema(summary="Published fact-checks, filtered like /claims/"),
    retrieve=extend_schema(summary="One published fact-check with its evidence"),
)
class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        claims = Claim.objects.published()
        if self.action == "retrieve":
            return claims.with_page_related()
        return claims.with_public_related()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "retrieve":
            return serializers.ClaimDetailSerializer
        return serializers.ClaimSerializer


@extend_schema_view(
    list=extend_schema(summary="Claimants and outlets of published fact-checks"),
    retrieve=extend_schema(summary="One source with its verdict breakdown"),
)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Source]:
        return (
            Source.objects.with_public_page()
            .prefetch_related("aliases")
            .order_by("name", "pk")
        )

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "retrieve":
            return serializers.SourceDetailSerializer
        return serializers.SourceSerializer


@extend_schema_view(list=extend_schema(summary="The verdict scale"))
class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    serializer_class = serializers.RatingSerializer
    queryset = Rating.objects.active()
    lookup_field = "slug"
