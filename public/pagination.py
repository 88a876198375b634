"""Pagination that never 404s or 500s on a bad ``page``."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from claims.pagination import CappedPaginator


def paginate(request: HttpRequest, items: Any, per_page: int) -> Page:
    """A page that always exists: page=abc is the first, page=999999 the last."""
    return CappedPaginator(items, per_page).get_page(request.GET.get("page"))


class ForgivingPaginationMixin:
    """ListView pagination that never 404s or 500s on a bad ``page``."""

    request: HttpRequest

    def paginate_queryset(
        self, queryset: Any, page_size: int
    ) -> tuple[Paginator, Page, list[Any], bool]:
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, list(page.object_list), page.has_other_pages()
