"""One ClaimReview node, as publishers really write it, read into an
``ExternalReview``: texts unescaped, URLs checked, dates parsed, the rating mapped
onto our scale.

Each reader is forgiving about shape (an object or a list of them, a number or a
numeric string, a name or only a URL) and strict about meaning: what cannot be
read is left empty, and a review without the statement it checks or a URL to
find it by is refused with its reason (``Unreadable``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import math
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from claims.dates import PartialDate, Precision
from claims.models import Rating, Source, validate_language
from claims.services import ExternalReview

from .reader import node_types


class Unreadable(Exception):
    """The node is not a review we can store; the message says why."""


# --- Small readers ------------------------------------------------------------------


def first(value: Any) -> Any:
    """A list's first non-empty element, or the value itself."""
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "", [], {})), None)
    return value


def first_dict(value: Any) -> dict[str, Any]:
    value = first(value)
    return value if isinstance(value, dict) else {}


def clean_text(value: Any, *, limit: int = 10_000) -> str:
    """Plain text: HTML entities decoded (twice, for the doubly escaped),
    tags stripped, whitespace collapsed. A name-bearing object gives its name."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if not isinstance(value, str):
        return ""
    text = html.unescape(html.unescape(value))
    if "<" in text:
        text = strip_tags(text)
    return " ".join(text.split())[:limit]


_url_validator = URLValidator(schemes=["http", "https"])


def clean_url(value: Any) -> str:
    value = first(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or ""
    if not isinstance(value, str):
        return ""
    url = html.unescape(value.strip())
    if len(url) > 2000:
        return ""
    try:
        _url_validator(url)
    except ValidationError:
        return ""
    return url


def clean_number(value: Any) -> float | None:
    value = first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
        if not value:
            return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


_DATE_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
]


def clean_date(value: Any) -> dt.date | None:
    """A calendar date from ISO 8601 (with or without time and zone), "2022-06-28
    21:14", RFC 2822 or a few common day-first and month-name forms; the date as
    the publisher wrote it (its own time zone)."""
    text = clean_text(value, limit=64)
    if not text:
        return None
    found: dt.date | None = None
    try:
        found = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                found = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            try:
                found = email.utils.parsedate_to_datetime(text).date()
            except (TypeError, ValueError, IndexError):
                return None
    return found if found and 1800 <= found.year <= 2200 else None


def clean_partial_date(value: Any) -> PartialDate | None:
    """As ``clean_date``, keeping a year ("2019") or month ("2019-06") precision."""
    text = clean_text(value, limit=64)
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        try:
            return PartialDate.parse(text)
        except ValidationError:
            return None
    day = clean_date(text)
    return PartialDate(day, Precision.DAY) if day else None


#: Language names publishers write instead of a code.
LANGUAGE_NAMES = {
    "english": "en",
    "spanish": "es",
    "espanol": "es",
    "indonesian": "id",
    "bahasa indonesia": "id",
    "french": "fr",
    "francais": "fr",
    "portuguese": "pt",
    "portugues": "pt",
    "german": "de",
    "hindi": "hi",
    "telugu": "te",
    "arabic": "ar",
}


def clean_language(value: Any) -> str:
    """A BCP 47 tag from a tag ("es", "pt-BR"), a language name ("Spanish") or a
    ``Language`` object; "" when none can be read."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or ""
    text = clean_text(value, limit=60)
    if not text:
        return ""
    try:
        validate_language(text)
        return text
    except ValidationError:
        pass
    text = text.replace("_", "-")
    try:
        validate_language(text)
        return text
    except ValidationError:
        return LANGUAGE_NAMES.get(normalise_label(text), "")


def host_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


# --- Ratings ------------------------------------------------------------------------


def normalise_label(text: str) -> str:
    """Lower case, accents and punctuation gone: "Engañoso!" and "enganoso" match."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def rating_labels() -> dict[str, str]:
    """Normalised label → our rating slug: ``CLAIMDESK_RATING_MAP`` first, then our
    own ratings' labels and translations (so our feed reads back as it was)."""
    labels: dict[str, str] = {}
    for rating in Rating.objects.all():
        names = [rating.label, rating.slug.replace("-", " ")]
        for entry in (rating.translations or {}).values():
            if isinstance(entry, dict) and entry.get("label"):
                names.append(str(entry["label"]))
        for name in names:
            labels.setdefault(normalise_label(name), rating.slug)
    configured = getattr(settings, "CLAIMDESK_RATING_MAP", {})
    labels.update({normalise_label(k): v for k, v in configured.items()})
    return labels


def map_rating(
    label: str,
    value: float | None,
    best: float | None,
    worst: float | None,
    *,
    labels: dict[str, str],
    ratings: dict[str, Rating],
) -> Rating | None:
    """Their rating on our scale, or None (unrated).

    1. the label, normalised, as a whole (``labels``); 2. a label that opens a
    sentence ("False: the video is from 2019", "Salah, karena…"); 3. the
    position of ``value`` between ``worst`` and ``best`` (schema.org's defaults 1
    and 5) on our numeric scale; 4. the one rating named inside the sentence.
    """
    text = normalise_label(label)
    if text in labels:
        return ratings.get(labels[text])
    by_length = sorted(labels, key=len, reverse=True)
    for known in by_length:
        if known and text.startswith(known + " "):
            return ratings.get(labels[known])
    if value is not None:
        best = 5.0 if best is None else best
        worst = 1.0 if worst is None else worst
        if best != worst and min(best, worst) <= value <= max(best, worst):
            scale = sorted(r.value for r in ratings.values() if r.value is not None)
            if scale:
                position = (value - worst) / (best - worst)
                target = scale[0] + position * (scale[-1] - scale[0])
                nearest = min(scale, key=lambda v: abs(v - target))
                return next(r for r in ratings.values() if r.value == nearest)
    words = f" {text} "
    named = {labels[k] for k in by_length if k and f" {k} " in words}
    if len(named) == 1:
        return ratings.get(named.pop())
    return None


# --- The review ---------------------------------------------------------------------


def _appearance(node: Any) -> dict[str, str] | None:
    if isinstance(node, str):
        url = clean_url(node)
        return {"url": url} if url else None
    if not isinstance(node, dict):
        return None
    url = clean_url(node.get("url") or node.get("@id"))
    if not url:
        return None
    found = {"url": url}
    headline = clean_text(node.get("headline") or node.get("name"), limit=500)
    if headline:
        found["headline"] = headline
    published = clean_date(node.get("datePublished"))
    if published:
        found["datePublished"] = published.isoformat()
    publisher = clean_text(first_dict(node.get("publisher")).get("name"), limit=200)
    if publisher:
        found["publisher"] = publisher
    return found


def appearances_of(item: dict[str, Any]) -> list[dict[str, str]]:
    """Where the claim was seen, first appearance first, each URL once."""
    nodes: list[Any] = []
    for key in ("firstAppearance", "appearance", "url", "sameAs"):
        value = item.get(key)
        nodes += value if isinstance(value, list) else [value]
    found: dict[str, dict[str, str]] = {}
    for node in nodes:
        appearance = _appearance(node)
        if appearance and appearance["url"] not in found:
            found[appearance["url"]] = appearance
        elif appearance:  # the same place named twice: keep what each says
            found[appearance["url"]] = {**appearance, **found[appearance["url"]]}
    return list(found.values())


def _party(value: Any) -> tuple[str, str, str]:
    """(name, url, kind) of an author or publisher: an object, a list, or a name."""
    value = first(value)
    if isinstance(value, str):
        return clean_text(value, limit=200), "", Source.Kind.ORGANISATION
    node = first_dict(value)
    kind = (
        Source.Kind.PERSON if "Person" in node_types(node) else Source.Kind.ORGANISATION
    )
    return clean_text(node.get("name"), limit=200), clean_url(node), kind


def read_review(
    node: dict[str, Any], *, labels: dict[str, str], ratings: dict[str, Rating]
) -> ExternalReview:
    """The ``ExternalReview`` in ``node``, or ``Unreadable`` with the reason."""
    raw_statement = node.get("claimReviewed")
    statement = clean_text(raw_statement)
    if not statement:
        if raw_statement not in (None, "", []):
            raise Unreadable(
                _("claimReviewed is not text (it is %(type)s).")
                % {"type": type(raw_statement).__name__}
            )
        raise Unreadable(_("No claimReviewed: the statement checked is missing."))
    review_url = clean_url(node.get("url")) or clean_url(node.get("@id"))
    review_url = review_url or clean_url(node.get("mainEntityOfPage"))
    if not review_url:
        raise Unreadable(_("No review URL (url) to identify the fact-check by."))
    name, url, _kind = _party(node.get("author") or node.get("publisher"))
    item = first_dict(node.get("itemReviewed"))
    claimant, _claimant_url, claimant_kind = _party(item.get("author"))
    appearances = appearances_of(item)
    made = clean_partial_date(item.get("datePublished"))
    if made is None:
        made = clean_partial_date(
            first_dict(item.get("firstAppearance")).get("datePublished")
        )
    if made is None:
        dates = sorted(a["datePublished"] for a in appearances if "datePublished" in a)
        made = PartialDate.parse(dates[0]) if dates else None
    rating_given = first(node.get("reviewRating"))
    rating_node = (
        {"alternateName": rating_given}
        if isinstance(rating_given, str)
        else first_dict(rating_given)
    )
    label = clean_text(
        rating_node.get("alternateName") or rating_node.get("name"), limit=500
    )
    value = clean_number(rating_node.get("ratingValue"))
    best = clean_number(rating_node.get("bestRating"))
    worst = clean_number(rating_node.get("worstRating"))
    return ExternalReview(
        claim_reviewed=statement,
        review_url=review_url,
        publisher_name=name or host_of(url or review_url),
        publisher_url=url,
        reviewed_on=clean_date(node.get("datePublished"))
        or clean_date(node.get("dateCreated")),
        rating_label=label,
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        rating=map_rating(label, value, best, worst, labels=labels, ratings=ratings),
        language=clean_language(node.get("inLanguage") or item.get("inLanguage")),
        claimant_name=claimant,
        claimant_kind=claimant_kind,
        made=made,
        appearances=appearances,
        raw=node,
    )
