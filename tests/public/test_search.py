"""``ClaimQuerySet.search``: PostgreSQL full-text (stored vector), SQLite fallback."""

import pytest
from django.db import connection

from claims.models import Claim, Source, SourceAlias
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    SourceAliasFactory,
    SourceFactory,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)

HOSTILE = [
    "",
    "   ",
    "\x00",
    "a\x00b",
    "a & | !",
    "!!!",
    "(((",
    "'",
    '"',
    '"unterminated',
    "\\",
    "\\\\'\"",
    ":*",
    "<->",
    "a <-> b",
    "x:* & !y",
    "'; DROP TABLE claims_claim; --",
    "%_%",
    "x" * 10_000,
    "a " * 5000,
    "😀\u202e",
    "or and not",
]


def ids(qs):
    return {c.pk for c in qs}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_text_never_raises(db, text):
    ClaimFactory(published=True, statement="Something plain.")
    list(Claim.objects.published().search(text))


def test_blank_search_filters_nothing(db):
    claims = [ClaimFactory(published=True) for _ in range(3)]
    assert ids(Claim.objects.published().search("  ")) == {c.pk for c in claims}


def test_search_statement_quote_claimant_and_alias(db):
    kim = SourceFactory(name="Kim Jong Un", kind=Source.Kind.PERSON)
    SourceAliasFactory(source=kim, name="Chairman Kim")
    by_kim = ClaimFactory(
        published=True, claimant=kim, statement="The talks went well."
    )
    quoted = ClaimFactory(published=True, statement="A summit took place.")
    AppearanceFactory(
        claim=quoted,
        document=DocumentFactory(text="Officials said the Hanoi summit failed."),
        quote="the Hanoi summit failed",
    )
    other = ClaimFactory(published=True, statement="Unrelated statistics.")
    published = Claim.objects.published()
    assert ids(published.search("talks")) == {by_kim.pk}
    assert ids(published.search("Kim Jong Un")) == {by_kim.pk}
    assert ids(published.search("Chairman")) == {by_kim.pk}
    assert ids(published.search("Hanoi")) == {quoted.pk}
    assert ids(published.search("statistics")) == {other.pk}
    assert ids(published.search("nowhere-to-be-found")) == set()


def test_search_keeps_the_visibility_rule(db):
    ClaimFactory(in_review=True, statement="Secret Hanoi draft.")
    shown = ClaimFactory(published=True, statement="Public Hanoi check.")
    assert ids(Claim.objects.published().search("Hanoi")) == {shown.pk}


def test_search_is_chainable_and_annotates_a_rank(db):
    ClaimFactory(published=True, statement="Hanoi summit.")
    row = Claim.objects.published().search("Hanoi").order_by("-search_rank").first()
    assert row.search_rank is not None


# --- PostgreSQL only ----------------------------------------------------------------


@postgres_only
def test_vector_is_stored_with_a_gin_index(db):
    claim = ClaimFactory(published=True, statement="Refused letters.")
    claim.refresh_from_db()
    assert claim.search_vector
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["claim_search_vector_gin"],
        )
        assert "gin" in cursor.fetchone()[0]


@postgres_only
def test_ranked_statement_above_quote(db):
    in_quote = ClaimFactory(published=True, statement="A meeting happened.")
    AppearanceFactory(
        claim=in_quote,
        document=DocumentFactory(text="They met at Panmunjom in 2019."),
        quote="They met at Panmunjom",
    )
    in_statement = ClaimFactory(published=True, statement="Trump went to Panmunjom.")
    ranked = list(
        Claim.objects.published().search("Panmunjom").order_by("-search_rank")
    )
    assert [c.pk for c in ranked] == [in_statement.pk, in_quote.pk]
    assert ranked[0].search_rank > ranked[1].search_rank


@postgres_only
def test_english_stemming_and_unaccent(db):
    claim = ClaimFactory(published=True, statement="Diplomats refused the letters.")
    accented = ClaimFactory(published=True, statement="A café in Pyongyáng.")
    published = Claim.objects.published()
    assert ids(published.search("refusing letter")) == {claim.pk}
    assert ids(published.search("cafe pyongyang")) == {accented.pk}
    assert ids(published.search("CAFÉ")) == {accented.pk}


@postgres_only
def test_indonesian_stemming(db):
    claim = ClaimFactory(
        published=True, language="id", statement="Korea Utara menolak surat Trump."
    )
    # "menolaknya" only matches through the Indonesian stemmer (-nya suffix).
    assert ids(Claim.objects.published().search("menolaknya")) == {claim.pk}


@postgres_only
def test_websearch_syntax(db):
    a = ClaimFactory(published=True, statement="Singapore summit in June.")
    b = ClaimFactory(published=True, statement="Hanoi summit in February.")
    published = Claim.objects.published()
    assert ids(published.search("summit -Hanoi")) == {a.pk}
    assert ids(published.search('"Hanoi summit"')) == {b.pk}
    assert ids(published.search("Singapore or Hanoi")) == {a.pk, b.pk}


@postgres_only
def test_triggers_follow_appearances_aliases_and_renames(db):
    source = SourceFactory(name="Korean Central News Agency")
    claim = ClaimFactory(published=True, claimant=source, statement="A statement.")
    published = Claim.objects.published()
    assert ids(published.search("KCNA")) == set()
    alias = SourceAlias.objects.create(source=source, name="KCNA")
    assert ids(published.search("KCNA")) == {claim.pk}
    alias.delete()
    assert ids(published.search("KCNA")) == set()
    Source.objects.filter(pk=source.pk).update(name="Rodong Sinmun")
    assert ids(published.search("Rodong")) == {claim.pk}
    appearance = AppearanceFactory(
        claim=claim,
        document=DocumentFactory(text="Pyongyang denied everything."),
        quote="Pyongyang denied everything",
    )
    assert ids(published.search("denied")) == {claim.pk}
    appearance.delete()
    assert ids(published.search("denied")) == set()
    Claim.objects.filter(pk=claim.pk).update(statement="Now about sanctions.")
    assert ids(published.search("sanctions")) == {claim.pk}


@postgres_only
def test_page_bumps_do_not_recompute_the_search_vector(db):
    """Bumping every public page (a rating edit) must not re-read each claim's
    claimant, aliases and quotes: only changes to what the vector holds do."""
    claim = ClaimFactory(published=True, statement="Refused letters.")
    with connection.cursor() as cursor:  # a marker the trigger would overwrite
        cursor.execute(
            "UPDATE claims_claim SET search_vector = to_tsvector('simple', 'marker') "
            "WHERE id = %s",
            [claim.pk],
        )
    Claim.objects.filter(pk=claim.pk).bump_page_version()
    assert ids(Claim.objects.search("marker")) == {claim.pk}
    Claim.objects.filter(pk=claim.pk).update(attribution="in a speech")
    assert ids(Claim.objects.search("marker")) == set()
    assert ids(Claim.objects.search("letters")) == {claim.pk}


def test_search_finds_the_names_and_roles_of_a_stored_attribution(db):
    chain = [
        {"name": "Retno Marsudi", "role": "Menteri Luar Negeri"},
        {"name": "sumber informasi tingkat tinggi", "link": "citing"},
    ]
    claim = ClaimFactory(
        published=True,
        statement="A statement.",
        claimant=None,
        attribution="",
        attribution_chain=chain,
    )
    ClaimFactory(published=True, statement="Another statement.")
    published = Claim.objects.published()
    assert ids(published.search("sumber informasi")) == {claim.pk}
    assert ids(published.search("Menteri Luar Negeri")) == {claim.pk}
    Claim.objects.filter(pk=claim.pk).update(attribution_chain=[])
    assert ids(published.search("sumber informasi")) == set()
