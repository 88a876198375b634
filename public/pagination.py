"""Pagination that never 404s or 500s on a bad ``page``."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from claims.pagination import CappedPaginator


def query_key(request: HttpRequest, ignore: tuple[str, ...] = ("page",)) -> str:
    """A digest of the path and the query string, in any order, without ``ignore``."""
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in ignore
        for value in values
    )
    return hashlib.sha256(repr((request.path, query)).encode()).hexdigest()[:32]


def paginate(request: HttpRequest, items: Any, per_page: int) -> Page:
    """A page that always exists: page=abc is the first, page=999999 the last. Its
    count is kept in the facet cache until the next publication."""
    return CappedPaginator(items, per_page, keep_count=True).get_page(
        request.GET.get("page")
    )


class ForgivingPaginationMixin:
    """ListView pagination that never 404s or 500s on a bad ``page``."""

    request: HttpRequest

    def paginate_queryset(
        self, queryset: Any, page_size: int
    ) -> tuple[Paginator, Page, list[Any], bool]:
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, list(page.object_list), page.has_other_pages()
