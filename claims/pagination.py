"""Pagination that the public lists and the API share."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """No page past ``MAX_PAGES``: a deep OFFSET costs the database a scan of every
    row before it, and no reader pages that far (they filter or search instead)."""

    MAX_PAGES = 500

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.MAX_PAGES)
