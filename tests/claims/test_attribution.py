"""Attribution stored as parts and worded in the reader's language."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from claims.attribution import Link, Speech, render, step, validate_chain
from tests.factories import ClaimFactory

CITING = [step("NK News"), step("a high-level source", link=Link.CITING)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "NK News (paraphrased)"), ("id", "NK News (parafrase)")],
)
def test_one_paraphrase_reads_in_each_language(language, expected):
    with translation.override(language):
        assert render([step("NK News")], Speech.PARAPHRASE) == expected


@pytest.mark.parametrize(
    ("chain", "speech", "en", "id"),
    [
        (
            CITING,
            "",
            "NK News, citing a high-level source",
            "NK News, mengutip a high-level source",
        ),
        (
            [step("Budi", role="Menteri Luar Negeri")],
            Speech.QUOTE,
            "Budi, Menteri Luar Negeri (direct quote)",
            "Budi, Menteri Luar Negeri (kutipan langsung)",
        ),
        (
            [step("sumber tersebut"), step("NK News", link=Link.QUOTED_BY)],
            "",
            "sumber tersebut, quoted by NK News",
            "sumber tersebut, dikutip oleh NK News",
        ),
        (
            [step("Kemendag"), step("pejabat Kemendag", link=Link.THROUGH)],
            "",
            "Kemendag, through pejabat Kemendag",
            "Kemendag, melalui pejabat Kemendag",
        ),
        (
            [step("Tribunnews", link=Link.ARTICLE)],
            "",
            "stated by the article",
            "dinyatakan oleh artikel",
        ),
        ([], Speech.QUOTE, "", ""),
    ],
)
def test_every_link_is_worded_at_display_time(chain, speech, en, id):
    with translation.override("en"):
        assert render(chain, speech) == en
    with translation.override("id"):
        assert render(chain, speech) == id


def test_what_a_person_typed_wins_over_the_chain():
    with translation.override("id"):
        assert render(CITING, "", "said on the radio") == "said on the radio"
        assert render(CITING, Speech.QUOTE, "Budi") == "Budi (kutipan langsung)"


def test_steps_are_plain_json():
    assert CITING[1] == {"name": "a high-level source", "link": "citing"}
    assert type(CITING[1]["link"]) is str


@pytest.mark.parametrize(
    "chain",
    [
        "NK News, citing a source",
        [{"name": "NK News", "words": "citing"}],
        [step("NK News"), {"name": "a source"}],  # a later step needs a link
        [step("NK News"), step("a source", link="mengutip")],
        [step("NK News"), step("", link=Link.CITING)],
    ],
)
def test_invalid_chains_are_refused(chain):
    with pytest.raises(ValidationError):
        validate_chain(chain)


def test_the_claim_words_its_parts_for_each_reader(db):
    claim = ClaimFactory(
        attribution="", speech=Speech.PARAPHRASE, attribution_chain=CITING
    )
    claim.full_clean(exclude=["search_vector"])
    with translation.override("en"):
        assert claim.attribution_text == (
            "NK News, citing a high-level source (paraphrased)"
        )
    with translation.override("id"):
        assert claim.attribution_text == (
            "NK News, mengutip a high-level source (parafrase)"
        )


def test_search_finds_a_name_in_the_chain(db):
    claim = ClaimFactory(attribution="", attribution_chain=CITING)
    ClaimFactory()
    assert list(type(claim).objects.search_text("high-level")) == [claim]


def test_migration_moves_interface_words_out_of_stored_attributions(db):
    migration = importlib.import_module(
        "claims.migrations.0013_claim_speech_attribution_chain"
    )
    english = ClaimFactory(attribution="NK News (paraphrased)")
    indonesian = ClaimFactory(attribution="NK News (parafrase)")
    quoted = ClaimFactory(attribution="Donald Trump (kutipan langsung)")
    article = ClaimFactory(attribution="dinyatakan oleh artikel")
    typed = ClaimFactory(attribution="said in a speech")
    migration.split_attribution(apps, None)
    for claim in (english, indonesian):
        claim.refresh_from_db()
        assert (claim.attribution, claim.speech) == ("NK News", "paraphrase")
    quoted.refresh_from_db()
    assert (quoted.attribution, quoted.speech) == ("Donald Trump", "quote")
    article.refresh_from_db()
    assert article.attribution == ""
    with translation.override("en"):
        assert article.attribution_text == "stated by the article"
    typed.refresh_from_db()
    assert (typed.attribution, typed.speech, typed.attribution_chain) == (
        "said in a speech",
        "",
        [],
    )
