"""``/claimreview.json``: the ClaimReview feed, streamed, cacheable like the rest of
the public site."""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.views.decorators.http import require_safe

from claims.caching import cache_policy

from .feed import feed_chunks, parse_since


@require_safe
def claimreview_feed_view(request: HttpRequest) -> HttpResponseBase:
    since = None
    if request.GET.get("since"):
        try:
            since = parse_since(request.GET["since"])
        except ValueError as exc:
            return HttpResponse(
                str(exc), status=400, content_type="text/plain; charset=utf-8"
            )
    response = StreamingHttpResponse(
        feed_chunks(since), content_type="application/ld+json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="claimreview.json"'
    return cache_policy(
        response,
        method=request.method or "",
        authenticated=request.user.is_authenticated,
    )
