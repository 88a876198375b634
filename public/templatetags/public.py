"""Template helpers for the public site: markdown, safe links, verdict badges, charts,
JSON-LD."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from claims.colours import readable_background
from claims.links import safe_url as _safe_url
from claims.links import site_url
from claims.models import Claim, Rating, Tag
from claims.pagination import CappedPaginator
from claims.text import markdown_html
from claims.translations import ClaimText
from claims.translations import claim_text as _claim_text
from public.jsonld import as_script_json

register = template.Library()


@register.filter(is_safe=True)
def markdown(text: str | None) -> SafeString:
    """A fact-checker's markdown as sanitised HTML (``claims.text.markdown_html``)."""
    return markdown_html(text)


@register.filter
def count_label(n: int | None) -> str:
    """A count that stops at ``CappedPaginator.COUNT_CAP``: "10,000+" above it."""
    if n is None:
        return ""
    cap = CappedPaginator.COUNT_CAP
    if n > cap:
        return number_format(cap, force_grouping=True) + "+"
    return number_format(n, force_grouping=True)


@register.filter
def safe_url(url: str | None) -> str:
    """A stored URL fit for an ``href``, or "" (``claims.links.safe_url``): write
    ``{% with href=doc.url|safe_url %}{% if href %}<a href="{{ href }}">…``, so a
    ``javascript:`` or ``data:`` URL is never a live link."""
    return _safe_url(url)


@register.filter
def rating_label(rating: Rating | None) -> str:
    return rating.localized_label() if rating else ""


@register.filter
def tag_name(tag: Tag | None) -> str:
    """The tag's name in the reader's language, else its own name."""
    return tag.localized_name() if tag else ""


@register.simple_tag
def claim_text(claim: Claim) -> ClaimText:
    """The claim's public text in the reader's language, falling back to the
    original (``{% claim_text claim as text %}``; ``claims.translations``)."""
    return _claim_text(claim, get_language())


@register.filter
def rating_description(rating: Rating | None) -> str:
    return rating.localized_description() if rating else ""


@register.simple_tag
def claim_cards(claims: Any) -> SafeString:
    """``{% claim_cards claims %}``: the claims' cards, from the card cache where it
    has them (``public.caching.claim_cards``)."""
    from public.caching import claim_cards as cards

    return cards(claims)


@register.simple_tag
def timeline_entries(entries: Any) -> SafeString:
    """``{% timeline_entries entries %}``: cached like cards
    (``public.caching.timeline_entries``)."""
    from public.caching import timeline_entries as render

    return render(entries)


@register.simple_tag
def verdict_badge(rating: Rating | None) -> SafeString:
    """The verdict as a labelled badge: the colour only repeats what the text says."""
    if rating is None:
        return format_html(
            '<span class="verdict verdict--none">{}</span>', _("No verdict")
        )
    # The colour comes from verdict--<slug> in /verdicts.css (public.views).
    return format_html(
        '<span class="verdict verdict--{}">'
        '<span class="visually-hidden">{} </span>{}</span>',
        rating.slug,
        _("Verdict:"),
        rating.localized_label(),
    )


@register.inclusion_tag("public/includes/verdict_chart.html")
def verdict_chart(
    counts: list[tuple[Rating, int]], caption: str = ""
) -> dict[str, Any]:
    """A horizontal bar chart of verdict counts, drawn as SVG on the server."""
    total = sum(n for _rating, n in counts)
    top = max((n for _rating, n in counts), default=0) or 1
    row_height, bar_left, bar_width = 28, 190, 260
    rows: list[dict[str, Any]] = [
        {
            "rating": rating,
            "colour": readable_background(rating.colour),
            "label": rating.localized_label(),
            "count": n,
            "y": i * row_height,
            "text_y": i * row_height + 18,
            "width": (w := max(2, round(bar_width * n / top))),
            "count_x": bar_left + w + 6,
            "percent": round(100 * n / total) if total else 0,
        }
        for i, (rating, n) in enumerate(counts)
    ]
    summary = "; ".join(
        ngettext("%(label)s: %(n)d claim", "%(label)s: %(n)d claims", r["count"])
        % {"label": r["label"], "n": r["count"]}
        for r in rows
    )
    return {
        "rows": rows,
        "total": total,
        "caption": caption,
        "summary": summary,
        "height": max(row_height * len(rows), row_height),
        "bar_left": bar_left,
        "width": bar_left + bar_width + 60,
    }


@register.simple_tag
def site_name() -> str:
    return settings.CLAIMDESK_SITE_NAME


@register.simple_tag
def absolute(path: str) -> str:
    """``path`` on the public site (``CLAIMDESK_SITE_URL``)."""
    return site_url(path)


@register.filter
def jsonld(data: dict[str, Any]) -> SafeString:
    return as_script_json(data)
