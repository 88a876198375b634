"""Bilingual fact-checks in the domain: writing translations through the services
(history, page versions, the frozen rule, corrections) and reading a claim in a
language with its fallback to the original."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims import services
from claims.models import Claim, ClaimTranslation, Correction
from claims.services import WorkflowError
from claims.translations import claim_text
from tests.factories import ClaimFactory, NoteFactory, shown_version


def version(claim):
    return Claim.objects.values_list("page_version", flat=True).get(pk=claim.pk)


def test_translation_is_saved_with_history_and_bumps_the_page(fact_checker):
    claim = ClaimFactory(researching=True, statement="Trump sent a letter.")
    before = version(claim)
    translation = services.claim_translation_add(
        claim=claim, by=fact_checker, language="id", statement="Trump mengirim surat."
    )
    assert translation.created_by == fact_checker
    assert version(claim) > before
    rows = translation.history.all()
    assert [r.history_type for r in rows] == ["+"]
    assert rows[0].history_user == fact_checker
    assert rows[0].statement == "Trump mengirim surat."


def test_translation_of_a_public_claim_bumps_the_pages_listing_its_card(editor):
    claim = ClaimFactory(published=True, tags=["letters"])
    neighbour = ClaimFactory(published=True)
    neighbour.tags.set(claim.tags.all())
    before = shown_version(neighbour)
    services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Surat dikirim."
    )
    assert shown_version(neighbour) > before  # its related card shows the statement


@pytest.mark.parametrize(
    ("language", "statement", "message"),
    [
        ("en", "Same language", "The claim itself is written in this language"),
        ("fr", "Une lettre", "site's languages"),
        ("id", "", "at least one text"),
    ],
)
def test_translation_refuses_bad_input(fact_checker, language, statement, message):
    claim = ClaimFactory(researching=True)
    with pytest.raises(ValidationError) as exc:
        services.claim_translation_add(
            claim=claim, by=fact_checker, language=language, statement=statement
        )
    assert message in str(exc.value)
    assert not ClaimTranslation.objects.exists()


def test_translation_needs_permission(outsider):
    claim = ClaimFactory(researching=True)
    with pytest.raises(PermissionDenied):
        services.claim_translation_add(
            claim=claim, by=outsider, language="id", statement="Surat."
        )


def test_one_translation_per_language(fact_checker):
    claim = ClaimFactory(researching=True)
    services.claim_translation_add(
        claim=claim, by=fact_checker, language="id", statement="Satu."
    )
    with pytest.raises(ValidationError):
        services.claim_translation_save(
            translation=ClaimTranslation(claim=claim, language="id", statement="Dua"),
            by=fact_checker,
        )
    services.claim_translation_add(
        claim=claim, by=fact_checker, language="id", statement="Dua."
    )
    assert list(claim.translations.values_list("statement", flat=True)) == ["Dua."]


# --- Published means frozen: additions allowed, changes through a correction ---


def test_published_claim_takes_a_new_translation_and_fills_in_blanks(editor):
    claim = ClaimFactory(published=True)
    translation = services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Surat ditolak."
    )
    translation.verdict_summary = "Angka resminya 5,9 persen."
    services.claim_translation_save(translation=translation, by=editor)
    translation.refresh_from_db()
    assert translation.verdict_summary == "Angka resminya 5,9 persen."


def test_published_translation_text_changes_only_through_a_correction(
    editor, superuser
):
    claim = ClaimFactory(published=True)
    translation = services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Surat ditolak."
    )
    translation.statement = "Surat diterima."
    with pytest.raises(WorkflowError) as exc:
        services.claim_translation_save(translation=translation, by=editor)
    assert exc.value.code == "frozen"
    with pytest.raises(WorkflowError):  # not even a superuser deletes it
        services.claim_record_delete(record=translation, by=superuser)
    stored = ClaimTranslation.objects.get(pk=translation.pk)
    assert stored.statement == "Surat ditolak."

    claim.refresh_from_db()
    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note="Terjemahan diperbaiki.",
        expected_version=claim.version,
        rows=[translation],
    )
    assert ClaimTranslation.objects.get(pk=translation.pk).statement == (
        "Surat diterima."
    )
    change = Correction.objects.get(pk=correction.pk).changes[0]
    assert change["before"] == "Surat ditolak."
    assert change["after"] == "Surat diterima."
    assert "id" in change["label"]


def test_unpublished_translation_may_change_and_be_deleted(editor, superuser):
    """Deleting is a superuser's, as for every record of a claim."""
    claim = ClaimFactory(in_review=True)
    translation = services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Satu."
    )
    translation.statement = "Dua."
    services.claim_translation_save(translation=translation, by=editor)
    with pytest.raises(PermissionDenied):
        services.claim_record_delete(record=translation, by=editor)
    services.claim_record_delete(record=translation, by=superuser)
    assert not ClaimTranslation.objects.exists()


# --- Reading a claim in a language ---


def test_claim_text_falls_back_to_the_original(db):
    claim = ClaimFactory(published=True, statement="A letter.", language="en")
    text = claim_text(claim, "id")
    assert text.statement == "A letter."
    assert text.statement_language == "en"
    assert not text.is_translated
    assert text.untranslated_parts
    assert text.versions == ["en"]


def test_claim_text_each_part_falls_back_on_its_own(editor):
    claim = ClaimFactory(published=True, statement="A letter.")
    NoteFactory(claim=claim, body="We called.", is_public=True)
    services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Sebuah surat."
    )
    claim = Claim.objects.with_page_related().get(pk=claim.pk)
    text = claim_text(claim, "id")
    assert (text.statement, text.statement_language) == ("Sebuah surat.", "id")
    assert (text.summary, text.summary_language) == (claim.verdict_summary, "en")
    assert text.notes is None and text.notes_language == "en"
    assert text.is_translated and text.untranslated_parts
    assert text.versions == ["en", "id"]
    english = claim_text(claim, "en")
    assert english.statement == "A letter." and not english.untranslated_parts


def test_claim_in_the_readers_language_needs_no_translation(db):
    claim = ClaimFactory(published=True, language="id", statement="Surat.")
    text = claim_text(claim, "id")
    assert text.is_original and not text.untranslated_parts


def test_missing_and_translated_querysets(editor):
    english = ClaimFactory(researching=True, language="en")
    indonesian = ClaimFactory(researching=True, language="id")
    translated = ClaimFactory(researching=True, language="en")
    summary_only = ClaimFactory(researching=True, language="en")
    services.claim_translation_add(
        claim=translated, by=editor, language="id", statement="Sudah."
    )
    services.claim_translation_add(
        claim=summary_only, by=editor, language="id", verdict_summary="Ringkasan."
    )
    missing_id = set(Claim.objects.missing_translation("id"))
    assert missing_id == {english, summary_only}
    assert set(Claim.objects.missing_translation("en")) == {indonesian}
    assert set(Claim.objects.translated_into("id")) == {translated}
