"""Tags: the topics claims are filed under."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Upper
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .base import unique_slug
from .history import RecordedQuerySet, recorded


class TagQuerySet(RecordedQuerySet["Tag"]):
    def named(self, text: str) -> TagQuerySet:
        """The tag ``text`` names: by slug or by name (case-insensitive), each an
        index lookup."""
        text = text.strip()
        return self.filter(Q(slug=text) | Q(name__iexact=text))

    def public(self) -> TagQuerySet:
        """Tags of at least one publicly visible claim: the only ones readers see."""
        from .claims import Claim

        return self.filter(
            models.Exists(Claim.objects.published().filter(tags=OuterRef("pk")))
        )


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('The name in the site\'s other languages: {"id": {"name": "…"}}.'),
    )

    objects = TagQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        indexes = [models.Index(Upper("name"), name="tag_name_upper_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, 110)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def localized_name(self, language: str | None = None) -> str:
        """The name in ``language`` (the active one by default), else the name."""
        lang = (language or get_language() or "en").split("-")[0]
        entry = (self.translations or {}).get(lang) or {}
        value = entry.get("name") if isinstance(entry, dict) else None
        return str(value).strip() if value and str(value).strip() else self.name

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.translations, dict) or not all(
            isinstance(v, dict) and all(isinstance(t, str) for t in v.values())
            for v in self.translations.values()
        ):
            raise ValidationError(
                {"translations": _('Use {"<language>": {"name": "…"}}.')}
            )
