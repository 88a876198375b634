"""Field helpers shared by the models: languages, colours, slugs."""

from __future__ import annotations

import functools

import langcodes
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def validate_language(value: str) -> None:
    """Accept a well-formed BCP 47 tag whose language subtag is a registered one."""
    if not _known_language(value):
        raise ValidationError(
            _("“%(value)s” is not a known language code (BCP 47, e.g. en, id, pt-BR)."),
            params={"value": value[:20]},
            code="invalid_language",
        )


@functools.lru_cache(maxsize=1024)
def _known_language(value: str) -> bool:
    """Parsing a tag costs ~0.1 ms and a bulk import checks the same few thousands
    of times."""
    try:
        tag = langcodes.Language.get(value, normalize=False)
        return bool(langcodes.tag_is_valid(value) and tag.language is not None)
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        return False


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


def language_field(**kwargs: object) -> models.CharField:
    defaults: dict = {
        "max_length": 35,
        "validators": [validate_language],
        "help_text": _("BCP 47 code: en, id, ms, pt-BR…"),
    }
    defaults.update(kwargs)
    return models.CharField(_("language"), **defaults)


def unique_slug(model: type[models.Model], text: str, max_length: int = 200) -> str:
    base = slugify(text, allow_unicode=False)[:max_length] or "item"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug
