"""The claim page's JSON-LD: ``claims.claimreview`` builds the ClaimReview (one
builder for the page, the feed and the export); this module makes it safe to embed
in a ``<script>`` element."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from claims.claimreview import claim_review

__all__ = ["as_script_json", "claim_review"]


def as_script_json(data: dict[str, Any]) -> SafeString:
    """JSON safe inside ``<script type="application/ld+json">``: ``<``, ``>`` and
    ``&`` are escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)
