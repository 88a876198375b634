"""The finder on either database, and the lexical signals it combines."""

from io import StringIO

import pytest
from django.db import connection

from claims import services
from matching.finder import similar_to_text
from matching.index import VectorIndex, vector_index
from matching.text import (
    guess_language,
    negation_conflict,
    number_conflict,
    numbers,
    polarity_conflict,
    trigram_similarity,
)


def test_numbers_read_both_languages():
    assert numbers("$1.2 trillion") == numbers("1,2 triliun") == {1.2e12}
    assert numbers("18,000 people") == numbers("18.000 orang") == {18000.0}
    assert numbers("Sixty percent") == numbers("enam puluh persen") == {60.0}
    assert numbers("Twenty-five states") == {25.0}


def test_contradictions():
    claim = "Wisconsin is on pace to double the number of layoffs this year."
    assert polarity_conflict("Wisconsin will halve its layoffs this year.", claim)
    assert not polarity_conflict("Layoffs in Wisconsin will double this year.", claim)
    assert not polarity_conflict(
        "Alcohol is more toxic than marijuana.", "Marijuana is less toxic than alcohol."
    )
    assert number_conflict("paid $6 million", "paid $601 million") == 1.0
    assert number_conflict("take a few months", "take literally years") == 1.0
    assert negation_conflict(
        "Children do show up in court.", "Children do not show up."
    )


def test_quantities_that_differ_are_seen():
    assert number_conflict("met on 30 June 2021", "met on 30 June 2019") == 0.5
    assert number_conflict("half as likely", "twice as likely") == 1.0
    assert number_conflict("fewer than one in ten", "more than half") == 1.0
    # "ten years" is "a decade"; "$10 billion" is "10 miliar dolar"
    assert number_conflict("restored ten years ago", "restored a decade ago") == 0
    assert number_conflict("$10 billion", "10 miliar dolar") == 0


def test_directions_read_as_a_reader_would():
    # approximate quantities are not directions
    assert not polarity_conflict(
        "It carries more than $500 billion of risk with under $10 billion.",
        "It has over $500 billion of risk, with less than $10 billion of surplus.",
    )
    # comparatives in Indonesian, across languages
    assert polarity_conflict(
        "Ganja lebih beracun daripada alkohol.", "Marijuana is less toxic than alcohol."
    )
    assert not polarity_conflict(
        "Ganja kurang beracun daripada alkohol.",
        "Marijuana is less toxic than alcohol.",
    )
    assert not polarity_conflict("Harga lebih rendah.", "Prices are lower.")
    # refusing to accept is the other side of accepting, and "tidak mau" says it too
    refused = "Korea Utara menolak menerima surat Presiden Donald Trump."
    assert polarity_conflict(
        "Korea Utara menerima surat Presiden Donald Trump.", refused
    )
    assert not polarity_conflict("Korea Utara tidak mau menerima surat Trump.", refused)
    assert polarity_conflict(
        "Buying heavy water from Iran will slow down its nuclear program.",
        "Buying heavy water from Iran will subsidize its nuclear program.",
    )
    assert not polarity_conflict(
        "Kabel tegangan tinggi menurunkan nilai properti 30 persen.",
        "High-voltage power lines lower property values by 30 percent.",
    )


def test_negation_is_about_the_word_it_negates():
    assert negation_conflict(
        "Bambang menilai utang luar negeri sangat mengkhawatirkan.",
        "Bambang: utang luar negeri tidak mengkhawatirkan, tidak sama sekali.",
    )
    # a negation of something the other does not mention is not a contradiction
    assert not negation_conflict(
        "The Constitution does not apply within 100 miles of the border.",
        "There is a Constitution exemption zone within 100 miles of the border.",
    )
    assert not negation_conflict(
        "Jokowi menyebut pemerintah tidak berpihak kepada rakyat.",
        "Jokowi menyebut bukti ketidakberpihakan pemerintah terhadap rakyat.",
    )
    assert not negation_conflict(
        "Unemployment is above 10% for people without a college education, 4% "
        "for college graduates.",
        "Unemployment is 4 percent for college graduates and over 10 for the rest.",
    )
    assert not negation_conflict(
        "Not since 1888 has such a Senate confirmed a nominee.",
        "It has been since 1888 that such a Senate confirmed a nominee.",
    )


def test_trigram_similarity_is_pg_trgm():
    assert trigram_similarity("word", "word") == 1.0
    assert round(trigram_similarity("word", "two words"), 6) == round(4 / 11, 6)


def test_language_guess():
    assert guess_language("Ganja kurang beracun dibandingkan alkohol.") == "id"
    assert guess_language("Marijuana is less toxic than alcohol.") == "en"


@pytest.mark.django_db
def test_a_claim_without_a_vector_is_found_by_its_words():
    """Before the worker embedded it, the lexical candidates (the same-statement
    lookup on SQLite; full text and pg_trgm on PostgreSQL) still bring it in."""
    claim = services.claim_create(
        by=None, statement="Banjir Jakarta tahun 2020 terparah."
    )
    found = similar_to_text("Banjir Jakarta tahun 2020 terparah.")
    assert found and found[0].claim == claim
    assert found[0].signals.cosine > 0.99 and found[0].suggested
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_archived_claims_are_not_offered():
    claim = services.claim_create(
        by=None, statement="Banjir Jakarta tahun 2020 terparah."
    )
    claim.is_archived = True
    claim.save()
    assert similar_to_text("Banjir Jakarta tahun 2020 terparah.") == []


@pytest.mark.django_db
def test_two_copies_of_one_claim_are_both_suggested():
    """A claim imported twice must not make each copy look doubtful."""
    text = "The governor cut school funding by 20 percent."
    for _ in range(2):
        services.claim_create(by=None, statement=text)
    services.claim_create(by=None, statement="Jakarta has the worst traffic in Asia.")
    from django.core.management import call_command

    call_command("embed_claims", stdout=StringIO())
    found = similar_to_text("School funding was cut by 20 percent by the governor.")
    assert [s.suggested for s in found[:2]] == [True, True]


@pytest.mark.django_db
def test_index_over_its_exact_limit_uses_codes(settings):
    settings.CLAIMDESK_MATCH_EXACT_LIMIT = 1
    settings.CLAIMDESK_MATCH_PREFILTER = 2
    statements = [
        "The governor cut school funding by 20 percent.",
        "Jakarta has the worst traffic in Asia.",
        "Rice prices doubled in 2024.",
    ]
    claims = [services.claim_create(by=None, statement=s) for s in statements]
    from django.core.management import call_command

    call_command("embed_claims", stdout=StringIO())
    index = vector_index()
    found = similar_to_text("Harga beras naik dua kali lipat pada 2024.")
    assert isinstance(index, VectorIndex) and index.arrays.vectors is None
    assert found[0].claim == claims[2]
