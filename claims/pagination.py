"""Pagination that the public lists and the API share."""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .siteversion import cached_facet


class CappedPaginator(Paginator):
    """No page past ``MAX_PAGES``, and no count past ``COUNT_CAP``.

    A deep OFFSET costs the database a scan of every row before it, and no reader
    pages that far (they filter or search instead). Counting is capped the same way:
    ``count`` counts at most ``COUNT_CAP + 1`` rows (a LIMITed subquery, which an
    index walk answers in a few milliseconds at any size), so a count above the cap
    means "more than ``COUNT_CAP``": ``is_capped`` says so, and pages show
    "10,000+" rather than an exact COUNT(*) over a million rows.
    """

    MAX_PAGES = 500
    COUNT_CAP = 10_000

    def __init__(self, *args: Any, count_key: str | None = None, **kwargs: Any):
        """``count_key`` names the count in the facet cache (``cached_facet``: kept
        until the site version moves), for a list whose filters it identifies."""
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        items = self.object_list
        if not isinstance(items, QuerySet):
            return min(len(items), self.COUNT_CAP + 1)

        def count() -> int:
            return items.order_by().values("pk")[: self.COUNT_CAP + 1].count()

        if self.count_key is None:
            return count()
        return cached_facet(f"count:{self.COUNT_CAP}:{self.count_key}", count)

    @cached_property
    def is_capped(self) -> bool:
        """Whether there are more rows than ``count`` says."""
        return self.count > self.COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return min(math.ceil(hits / self.per_page), self.MAX_PAGES)
