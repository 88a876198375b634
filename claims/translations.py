"""Reading a claim in the reader's language, with an honest fallback.

``claim_text(claim, language)`` picks what a page, a card, the API and JSON-LD
show: the claim's translation into ``language`` where the team wrote one, else
the original, marked as such so the page can say "not yet translated". Each part
(statement, summary, notes) falls back on its own: a translated statement with a
summary still to translate shows the original summary, in its own ``lang``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import get_language_info

from .models import Claim, ClaimTranslation
from .models.translations import primary_language, site_languages

if TYPE_CHECKING:
    from django.http import HttpRequest

#: The query parameter that asks for one of the site's languages: each language
#: version of a page has a URL of its own (``?lang=id``), which ``hreflang``
#: links need (``config.middleware.QueryLanguageMiddleware`` reads it).
LANGUAGE_PARAMETER = "lang"


def requested_language(request: HttpRequest) -> str | None:
    """The site language ``?lang=`` names, or None (absent or not offered)."""
    value = request.GET.get(LANGUAGE_PARAMETER, "")
    offered = {code for code, _name in settings.LANGUAGES}
    return value if value in offered else None


def language_url(path: str, language: str) -> str:
    """``path`` read in ``language``: its language version's URL."""
    return f"{path}?{LANGUAGE_PARAMETER}={language}"


def language_name(code: str) -> str:
    """The language's name in the active language ("Inggris" for en, read in
    Indonesian), else its own name, else the code."""
    for candidate in (code, primary_language(code)):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return code


@dataclass(frozen=True)
class ClaimText:
    """The public text of a claim as one reader sees it."""

    reader_language: str
    original_language: str
    statement: str
    statement_language: str
    summary: str
    summary_language: str
    #: the translated public notes (markdown), or None: show the original notes
    notes: str | None
    notes_language: str
    #: the site languages a reader can read this claim in (original included)
    versions: list[str] = field(default_factory=list)

    @property
    def is_original(self) -> bool:
        return primary_language(self.original_language) == self.reader_language

    @property
    def is_translated(self) -> bool:
        """Whether the statement is shown in the reader's language."""
        return primary_language(self.statement_language) == self.reader_language

    @property
    def untranslated_parts(self) -> bool:
        """Whether any part shown is in the original while the reader reads
        another language: the page then says so."""
        if self.is_original:
            return False
        return not self.is_translated or any(
            primary_language(lang) != self.reader_language
            for lang in (self.summary_language, self.notes_language)
        )

    @property
    def original_language_name(self) -> str:
        return language_name(self.original_language)


def _translations(claim: Claim) -> list[ClaimTranslation]:
    """The claim's translations, from a prefetch where there is one."""
    cache = getattr(claim, "_prefetched_objects_cache", {})
    if "translations" in cache:
        return list(cache["translations"])
    if claim.pk is None:
        return []
    return list(claim.translations.all())


def claim_text(claim: Claim, language: str | None) -> ClaimText:
    """What ``claim`` shows a reader of ``language`` (falls back to the original)."""
    reader = primary_language(language) or primary_language(claim.language)
    original = claim.language
    translations = {t.language: t for t in _translations(claim)}
    versions = [
        lang
        for lang in site_languages()
        if lang == primary_language(original)
        or (lang in translations and translations[lang].statement.strip())
    ]
    found = translations.get(reader)
    if primary_language(original) == reader or found is None:
        return ClaimText(
            reader_language=reader,
            original_language=original,
            statement=claim.statement,
            statement_language=original,
            summary=claim.verdict_summary,
            summary_language=original,
            notes=None,
            notes_language=original,
            versions=versions,
        )
    has_notes = bool(getattr(claim, "public_notes", None))
    statement = found.statement.strip()
    summary = found.verdict_summary.strip()
    notes = found.notes.strip()
    return ClaimText(
        reader_language=reader,
        original_language=original,
        statement=statement or claim.statement,
        statement_language=reader if statement else original,
        summary=summary or claim.verdict_summary,
        summary_language=reader if summary or not claim.verdict_summary else original,
        notes=notes or None,
        # no public notes to translate: nothing shown in the original
        notes_language=reader if notes or not has_notes else original,
        versions=versions,
    )
