"""Turn what a user hands us (bytes of a .txt or a saved .html page) into plain text.

Decoding tries UTF-8 (with or without a BOM) and falls back to cp1252, which also
covers latin-1 text; binary files are refused. HTML goes through trafilatura, which
keeps the article body and drops the page around it, and gives title, date and URL.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

#: Larger inputs are refused: no news article comes near it, and the pipeline's
#: memory budget (300 MB) must hold for any input.
MAX_BYTES = 5 * 1024 * 1024

_SOURCE_LINE = re.compile(r"\A\ufeff?\s*#\s*source:\s*(\S+)[^\n]*\n?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class InputError(ValueError):
    """Input the importer cannot use; the message is meant for the user, the
    ``code`` ("too_large", "empty", "binary", "no_text_in_html",
    "no_article_text") for logs and callers."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass
class RawArticle:
    text: str
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    publisher: str = ""
    authors: str = ""
    is_html: bool = False


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252/latin-1.
    Refuses binary."""
    if len(data) > MAX_BYTES:
        raise InputError(
            _("The file is %(size)d MB; the importer takes up to %(max)d MB.")
            % {"size": len(data) // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    if not data.strip():
        raise InputError(_("The file is empty."), code="empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM
        try:
            return clean_text(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG")):
        raise InputError(
            _("This looks like a binary file; import a .txt or a saved .html page."),
            code="binary",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise newlines and drop control characters; refuse mostly-garbage text."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    if len(_CONTROL.findall(text[:8192])) > 8 or looks_like_noise(text):
        raise InputError(
            _("This looks like a binary file; import a .txt or a saved .html page."),
            code="binary",
        )
    return _CONTROL.sub("", text)


#: Latin letters with diacritics, Latin-1 symbols and the replacement character: what
#: random high bytes become when read as cp1252 or latin-1
_HIGH_LATIN = re.compile(r"[\u0080-\u024f\u2000-\u206f\u20ac\u2122\ufffd]")
#: Share of the sample's non-space characters that may be such: accented
#: languages stay far below it (French ~4 %, Vietnamese written in Latin-1
#: letters ~20 %); random bytes read as cp1252 are ~100 %.
NOISE_SHARE = 0.4


def looks_like_noise(text: str) -> bool:
    """Text that is no language: random or binary bytes decoded as cp1252/latin-1
    (100 KB of random high bytes once read as Malay)."""
    sample = "".join(text[:8192].split())
    if len(sample) < 64:
        return False
    return len(_HIGH_LATIN.findall(sample)) > NOISE_SHARE * len(sample)


_HTML_DOCUMENT = re.compile(r"^\s*<(?:!doctype\s+html|html|head|body)\b", re.I)
#: A whole tag, as markup has it: ``<p>``, ``</div>``, ``<p class="lead">``; prose
#: that mentions "<p" or "a <div element" has no such thing or only a few.
_TAG = re.compile(
    r"</?(?:p|div|article|section|span|a|br|h[1-6]|ul|ol|li|em|strong|b|i|img"
    r"|table|tr|td|blockquote|header|footer|nav|main|figure|script|style|meta"
    r"|title|link)(?:\s[^<>]*)?/?>",
    re.I,
)
_CLOSING = re.compile(r"</[a-z][a-z0-9]*\s*>", re.I)
#: Markup that does not open the text must be this dense (whole tags per 1,000
#: characters, with ``MIN_CLOSING`` closing tags) to be taken for a page.
TAG_DENSITY = 2
MIN_CLOSING = 3


def looks_like_html(text: str, filename: str = "") -> bool:
    """A page by its structure first (a saved page named .txt is still a page),
    then by its name. A page is text that opens with a doctype, ``<html>``,
    ``<head>`` or ``<body>``; or, pasted, opens with a whole tag and closes one
    (a copied fragment, ``<p>…</p>``); or carries closing tags among markup
    dense enough not to be prose. An ".html" file needs one whole tag. Prose
    that mentions "<p", "<div" or even "a <div> in a <p>" stays text."""
    if _HTML_DOCUMENT.match(text[:1000]):
        return True
    sample = text[:20000]
    tags = len(_TAG.findall(sample))
    if filename.lower().endswith((".html", ".htm", ".xhtml")):
        return tags > 0
    if filename.lower().endswith(".txt"):
        return False
    closing = len(_CLOSING.findall(sample))
    if closing and _TAG.match(sample.lstrip()):
        return True
    return closing >= MIN_CLOSING and tags * 1000 >= TAG_DENSITY * len(sample)


def read_article(data: bytes | str, filename: str = "") -> RawArticle:
    """Decode ``data`` and, for HTML, extract the article with trafilatura."""
    text = decode(data) if isinstance(data, bytes) else clean_text(data)
    if not text.strip():
        raise InputError(_("The file is empty."), code="empty")
    url = ""
    match = _SOURCE_LINE.match(text)
    if match:
        url, text = match.group(1), text[match.end() :]
    if looks_like_html(text, filename):
        article = _from_html(text)
        article.url = article.url or url
        return article
    return RawArticle(text=text, url=url)


def _from_html(html: str) -> RawArticle:
    import trafilatura  # imported here: 0.3 s, and plain-text imports never need it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            with_metadata=True,
            # Only dates the page states in its markup: a guess from the body text
            # would pass a year mentioned in the article off as its publication date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        doc = None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise InputError(
            _("No article text was found in this HTML page (only scripts or markup)."),
            code="no_text_in_html",
        )
    published = None
    raw_date = getattr(doc, "date", None) or ""
    if raw_date:
        try:
            published = dt.date.fromisoformat(raw_date[:10])
        except ValueError:
            published = None
    return RawArticle(
        text=body,
        title=(getattr(doc, "title", None) or "").strip(),
        url=getattr(doc, "url", None) or "",
        published=published,
        publisher=(getattr(doc, "sitename", None) or "").strip(),
        authors=(getattr(doc, "author", None) or "").strip(),
        is_html=True,
    )
