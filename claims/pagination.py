"""Pagination that the public lists and the API share."""

from __future__ import annotations

import hashlib
import math
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .siteversion import cached_facet
from .timeouts import optional


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

    #: Keep each count in the facet cache (``cached_facet``) until the site version
    #: moves: the public lists and the API do, the desk counts live.
    keep_count = False

    def __init__(self, *args: Any, keep_count: bool | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if keep_count is not None:
            self.keep_count = keep_count

    @cached_property
    def count(self) -> int:
        items = self.object_list
        if not isinstance(items, QuerySet):
            return min(len(items), self.COUNT_CAP + 1)
        rows = items.order_by().values("pk")[: self.COUNT_CAP + 1]
        count = rows.count
        if self.keep_count:
            # Kept per query (its SQL and parameters, the cap included) until the
            # site version moves: every publication, correction, retraction or
            # archived claim moves it.
            try:
                sql, params = rows.query.sql_with_params()
            except EmptyResultSet:  # .none(): an invalid filter form
                return 0
            key = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
            count = lambda: cached_facet(f"count:{key}", rows.count)  # noqa: E731
        # A count that hits the public statement timeout (a filter no index covers,
        # its rows not in memory) gives "more than the cap" rather than cancel the
        # page, and is not kept: the next request counts again.
        return optional(count, self.COUNT_CAP + 1, part="count")

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
