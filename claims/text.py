"""Fact-checkers write markdown; this is the one place it becomes HTML or plain text.

``markdown_html`` is what pages and the API show (raw HTML off, then sanitised);
``markdown_text`` is what feeds, JSON-LD and meta descriptions carry.
"""

from __future__ import annotations

from html import unescape

import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)
_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code",
    "pre", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def markdown_html(text: str | None) -> SafeString:
    """Render a fact-checker's markdown, raw HTML off, then sanitise the result
    (headings shifted below the page's own h1/h2)."""
    html = _markdown.render(text or "")
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)


def markdown_text(text: str | None, limit: int | None = None) -> str:
    """The words of a fact-checker's markdown, without markup or entities, on one
    line (cut to ``limit`` characters when given): for feeds, JSON-LD and meta
    descriptions."""
    plain = " ".join(unescape(strip_tags(markdown_html(text))).split())
    if limit is not None and len(plain) > limit:
        plain = plain[: limit - 1].rstrip() + "…"
    return plain
