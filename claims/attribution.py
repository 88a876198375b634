"""Who a claim is attributed to, stored as data and worded when it is shown.

A claim keeps its attribution as parts, never as a sentence in somebody's interface
language: ``Claim.speech`` (direct quote, paraphrase or unknown) and
``Claim.attribution_chain``, a list of steps such as::

    [{"name": "NK News"}, {"name": "a high-level source", "link": "citing"}]

The first step is who says it (with an optional ``role``, "Menteri Luar Negeri");
each further step names who it comes through and how (``Link``). A first step with
the link ``article`` is the publication's own account. ``render`` words the parts in
the active language, so the same claim reads "NK News (paraphrased)" to an English
reader and "NK News (parafrase)" to an Indonesian one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Speech(models.TextChoices):
    """How the claimant's words reach the text."""

    QUOTE = "quote", gettext_lazy("direct quote")
    PARAPHRASE = "paraphrase", gettext_lazy("paraphrase")
    __empty__ = gettext_lazy("unknown")


class Link(models.TextChoices):
    """How a step of the chain relates to the step before it."""

    CITING = "citing", gettext_lazy("citing")
    THROUGH = "through", gettext_lazy("through")
    QUOTED_BY = "quoted_by", gettext_lazy("quoted by")
    ARTICLE = "article", gettext_lazy("stated by the article")


_KEYS = {"name", "role", "link"}


def step(name: str, *, link: str = "", role: str = "") -> dict[str, str]:
    """One step of a chain, without the empty keys."""
    out = {"name": name}
    if role:
        out["role"] = role
    if link:
        out["link"] = str(link)  # "citing", not Link.CITING: the chain is plain JSON
    return out


def validate_chain(value: Any) -> None:
    """A list of steps, each a dict with a name and only known keys and links."""
    if not isinstance(value, list):
        raise ValidationError(_("The attribution chain must be a list of steps."))
    for i, item in enumerate(value):
        if (
            not isinstance(item, dict)
            or not set(item) <= _KEYS
            or not all(isinstance(v, str) for v in item.values())
            or (item.get("link", "") not in Link.values and item.get("link"))
            or (i > 0 and item.get("link") in ("", None, Link.ARTICLE))
            or (i > 0 and not item.get("name"))
        ):
            raise ValidationError(
                _("Step %(n)d of the attribution chain is not valid.") % {"n": i + 1}
            )


def render(chain: list[dict[str, str]], speech: str = "", text: str = "") -> str:
    """The attribution in the active language.

    ``text`` is what a person typed (stored as written, in the claim's language) and
    wins over the chain; ``speech`` adds "(direct quote)" or "(paraphrased)".
    """
    words = text.strip() or _chain_words(chain)
    if not words:
        return ""
    if chain and chain[0].get("link") == Link.ARTICLE and not text.strip():
        return words
    if speech == Speech.QUOTE:
        return _("%(name)s (direct quote)") % {"name": words}
    if speech == Speech.PARAPHRASE:
        return _("%(name)s (paraphrased)") % {"name": words}
    return words


def _chain_words(chain: list[dict[str, str]]) -> str:
    if not chain:
        return ""
    first = chain[0]
    if first.get("link") == Link.ARTICLE:
        return _("stated by the article")
    words = first.get("name", "")
    if first.get("role"):
        words = f"{words}, {first['role']}"
    for later in chain[1:]:
        name, link = later.get("name", ""), later.get("link", "")
        if link == Link.CITING:
            words = _("%(name)s, citing %(cited)s") % {"name": words, "cited": name}
        elif link == Link.THROUGH:
            words = _("%(name)s, through %(who)s") % {"name": words, "who": name}
        elif link == Link.QUOTED_BY:
            words = _("%(who)s, quoted by %(name)s") % {"who": words, "name": name}
    return words


def names(chain: list[dict[str, str]]) -> list[str]:
    """Every name and role in the chain (what a search should find)."""
    out = []
    for item in chain:
        out += [item[k] for k in ("name", "role") if item.get(k)]
    return out
