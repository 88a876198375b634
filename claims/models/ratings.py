"""The verdict scale, mapped to ClaimReview's ``ratingValue``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .base import hex_colour
from .history import RecordedQuerySet, recorded


class RatingQuerySet(RecordedQuerySet["Rating"]):
    def active(self) -> RatingQuerySet:
        return self.filter(is_active=True)


class Rating(models.Model):
    """One verdict on the newsroom's scale, mapped to ClaimReview's ``ratingValue``."""

    label = models.CharField(_("label"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    value = models.PositiveSmallIntegerField(
        _("position on the scale"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "1 is the worst. Becomes ClaimReview's ratingValue. Leave empty for "
            "verdicts off the scale, such as Unproven."
        ),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    colour = models.CharField(
        _("colour"), max_length=7, default="#6b7280", validators=[hex_colour]
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('{"id": {"label": "Salah", "description": "…"}}'),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RatingQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return self.label

    def _translated(self, key: str, language: str | None) -> str:
        lang = (language or get_language() or "en").split("-")[0]
        entry = (self.translations or {}).get(lang) or {}
        value = entry.get(key) if isinstance(entry, dict) else None
        return value or getattr(self, key)

    def localized_label(self, language: str | None = None) -> str:
        return self._translated("label", language)

    def localized_description(self, language: str | None = None) -> str:
        return self._translated("description", language)

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.translations, dict) or not all(
            isinstance(v, dict) for v in self.translations.values()
        ):
            raise ValidationError(
                {
                    "translations": _(
                        'Use {"<language>": {"label": …, "description": …}}.'
                    )
                }
            )

    @classmethod
    def scale_bounds(cls) -> tuple[int, int]:
        """(worst, best) ``value`` on the active scale, for ClaimReview."""
        agg = cls.objects.filter(value__isnull=False).aggregate(
            worst=models.Min("value"), best=models.Max("value")
        )
        return agg["worst"] or 1, agg["best"] or 1
