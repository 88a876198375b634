"""A claim's public text in the site's other languages.

One ``ClaimTranslation`` row per claim and language holds the statement, verdict
summary and public write-up as the team translated them. The claim keeps its own
``language``: the original is never replaced, and a reader whose language has no
translation reads the original with a "not yet translated" note
(``claims.translations.ClaimText``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .claims import Claim
from .history import RecordedQuerySet, recorded


def primary_language(code: str | None) -> str:
    """The language subtag, lower case: "pt-BR" → "pt"."""
    return (code or "").split("-")[0].split("_")[0].lower()


def site_languages() -> list[str]:
    """The languages a reader can choose (``settings.LANGUAGES``): the ones a
    claim's public text can be translated into."""
    return [primary_language(code) for code, _name in settings.LANGUAGES]


def site_language_name(code: str) -> str:
    names = {primary_language(c): name for c, name in settings.LANGUAGES}
    return str(names.get(primary_language(code), code))


class ClaimTranslationQuerySet(RecordedQuerySet["ClaimTranslation"]):
    def written(self) -> ClaimTranslationQuerySet:
        """Translations that translate at least the statement: the ones a reader
        is shown (a row with an empty statement is a translation still to do)."""
        return self.exclude(statement="")


class ClaimTranslation(models.Model):
    """The claim's statement, verdict summary and public notes in one of the
    site's languages other than the claim's own."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(
        _("language"),
        max_length=35,
        help_text=_("One of the site's languages, other than the claim's own."),
    )
    statement = models.TextField(
        _("statement"),
        blank=True,
        help_text=_("The claim as the team words it, in this language."),
    )
    verdict_summary = models.TextField(
        _("verdict summary"),
        blank=True,
        help_text=_("The public write-up of the verdict in this language (markdown)."),
    )
    notes = models.TextField(
        _("public notes"),
        blank=True,
        help_text=_(
            "The public notes (“How we checked it”) in this language (markdown). "
            "Left empty, readers see the original notes."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ClaimTranslationQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["language", "pk"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "language"], name="unique_claim_translation"
            )
        ]
        indexes = [
            # The desk's "missing translation" filter: one lookup per claim.
            models.Index(fields=["language", "claim"], name="claimtranslation_lang_idx")
        ]

    def __str__(self) -> str:
        text = self.statement or "…"
        return f"[{self.language}] {text[:80]}"

    def clean(self) -> None:
        super().clean()
        self.language = primary_language(self.language)
        if self.language not in site_languages():
            raise ValidationError(
                {
                    "language": _(
                        "Translations are written in the site's languages: %(langs)s."
                    )
                    % {"langs": ", ".join(site_languages())}
                }
            )
        claim = Claim.objects.filter(pk=self.claim_id).only("language").first()
        if claim is not None and primary_language(claim.language) == self.language:
            raise ValidationError(
                {
                    "language": _(
                        "The claim itself is written in this language: edit the "
                        "claim, not a translation."
                    )
                }
            )
        if not (
            self.statement.strip() or self.verdict_summary.strip() or self.notes.strip()
        ):
            raise ValidationError(
                {"statement": _("A translation needs at least one text.")}
            )
