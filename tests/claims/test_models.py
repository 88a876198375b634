"""Model validation (what full_clean refuses and says) and the read QuerySets."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from claims.dates import PartialDate
from claims.models import (
    Appearance,
    Claim,
    Document,
    Source,
    Status,
    validate_language,
)
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    SourceAliasFactory,
    SourceFactory,
    rating,
)

pytestmark = pytest.mark.django_db

TEXT = "The minister said unemployment fell to 5.2 percent in 2019. Nobody agreed."
QUOTE = "unemployment fell to 5.2 percent in 2019"


def errors_of(instance, **kwargs):
    with pytest.raises(ValidationError) as exc:
        instance.full_clean(**kwargs)
    return exc.value.message_dict


# --- Claim --------------------------------------------------------------------------


@pytest.mark.parametrize("statement", ["", "   ", "\n\t"])
def test_claim_with_an_empty_statement_is_refused(statement):
    claim = ClaimFactory.build(statement=statement, claimant=None)

    assert "statement" in errors_of(claim, exclude=["search_vector"])


def test_a_valid_claim_passes_full_clean():
    claim = ClaimFactory.build(claimant=None)

    claim.full_clean(exclude=["search_vector"])


@pytest.mark.parametrize("score", [-0.1, 1.01, 7])
def test_checkworthiness_outside_zero_to_one_is_refused(score):
    claim = ClaimFactory.build(checkworthiness=score, claimant=None)

    assert "checkworthiness" in errors_of(claim, exclude=["search_vector"])


def test_checkworthiness_not_a_number_is_refused():
    claim = ClaimFactory.build(checkworthiness=float("nan"), claimant=None)

    errors = errors_of(claim, exclude=["search_vector"])

    assert errors == {"checkworthiness": ["Enter a number between 0 and 1."]}


@pytest.mark.parametrize("score", [0, 0.5, 1, None])
def test_checkworthiness_within_zero_to_one_is_accepted(score):
    ClaimFactory.build(checkworthiness=score, claimant=None).full_clean(
        exclude=["search_vector"]
    )


def test_claim_made_on_a_month_must_be_stored_as_its_first_day():
    claim = ClaimFactory.build(
        made_on=dt.date(2018, 6, 15), made_on_precision="month", claimant=None
    )

    errors = errors_of(claim, exclude=["search_vector"])
    assert errors["made_on"] == ["A month or year date is stored as its first day."]


def test_claim_made_property_renders_with_its_precision():
    claim = ClaimFactory.build(made_on=dt.date(2018, 6, 1), made_on_precision="month")

    with override("en"):
        assert str(claim.made) == "June 2018"
    assert ClaimFactory.build(made_on=None).made is None


# --- Language codes -----------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "id", "pt-BR", "zh-Hant", "ms", "en-US"])
def test_known_language_codes_are_accepted(code):
    validate_language(code)
    DocumentFactory.build(language=code, publisher=None).full_clean()


@pytest.mark.parametrize("code", ["xx-nonsense", "zz", "english", "en-", "", "e n"])
def test_unknown_language_codes_are_refused(code):
    document = DocumentFactory.build(language=code, publisher=None)

    errors = errors_of(document)
    assert list(errors) == ["language"]
    if code:
        assert "is not a known language code" in errors["language"][0]


def test_claim_language_is_validated_too():
    claim = ClaimFactory.build(language="english", claimant=None)

    assert "language" in errors_of(claim, exclude=["search_vector"])


# --- URLs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["not a url", "news.example.org/x", "http://", "ftp:/x"]
)
def test_malformed_document_url_is_refused(url):
    document = DocumentFactory.build(url=url, publisher=None)

    assert "url" in errors_of(document)


def test_malformed_document_archive_url_is_refused():
    document = DocumentFactory.build(archive_url="archive dot org", publisher=None)

    assert "archive_url" in errors_of(document)


def test_malformed_evidence_url_is_refused():
    evidence = EvidenceFactory.build(claim=ClaimFactory(), url="stats example org")

    assert "url" in errors_of(evidence)


def test_evidence_without_url_document_or_source_is_refused():
    evidence = EvidenceFactory.build(claim=ClaimFactory(), url="")

    errors = errors_of(evidence)

    assert errors == {
        "url": ["Evidence needs a URL, a document or a source (or several)."]
    }


@pytest.mark.parametrize("target", ["url", "document", "source"])
def test_evidence_with_any_one_target_is_accepted(target):
    kwargs = {"url": ""}
    if target == "url":
        kwargs["url"] = "https://stats.example.org/t"
    elif target == "document":
        kwargs["document"] = DocumentFactory()
    else:
        kwargs["source"] = SourceFactory()

    EvidenceFactory.build(claim=ClaimFactory(), **kwargs).full_clean()


# --- Appearances --------------------------------------------------------------------


def appearance(document, quote=QUOTE, start=None, end=None):
    start = TEXT.find(quote) if start is None else start
    end = start + len(quote) if end is None else end
    return Appearance(
        claim=ClaimFactory(), document=document, quote=quote, start=start, end=end
    )


def test_quote_at_its_offsets_is_accepted():
    appearance(DocumentFactory(text=TEXT)).full_clean()


def test_quote_not_at_its_offsets_says_where_it_does_occur():
    document = DocumentFactory(text=TEXT)
    found = TEXT.find(QUOTE)

    errors = errors_of(appearance(document, start=0, end=len(QUOTE)))

    assert errors["quote"] == [
        f"The quote is not found at characters 0–{len(QUOTE)} of the document. "
        f"It occurs at {found}–{found + len(QUOTE)}."
    ]


def test_quote_absent_from_the_document_says_so():
    document = DocumentFactory(text=TEXT)

    errors = errors_of(appearance(document, quote="unemployment rose", start=0, end=17))

    assert errors["quote"][0].endswith("It does not occur anywhere in the document.")


def test_end_offset_beyond_the_text_is_refused():
    document = DocumentFactory(text=TEXT)

    errors = errors_of(appearance(document, start=60, end=len(TEXT) + 10))

    assert errors["end"] == [f"The document is only {len(TEXT)} characters long."]


def test_end_offset_before_start_is_refused():
    document = DocumentFactory(text=TEXT)

    errors = errors_of(appearance(document, start=30, end=10))

    assert "end" in errors


def test_first_appearance_is_in_the_earliest_document():
    claim = ClaimFactory()
    later = AppearanceFactory(
        claim=claim, document=DocumentFactory(published_on=dt.date(2021, 1, 1))
    )
    earlier = AppearanceFactory(
        claim=claim, document=DocumentFactory(published_on=dt.date(2019, 1, 1))
    )
    undated = AppearanceFactory(
        claim=claim, document=DocumentFactory(published_on=None)
    )

    assert claim.first_appearance() == earlier
    assert list(claim.appearances.order_by_first()) == [earlier, later, undated]


# --- Documents ----------------------------------------------------------------------


def test_document_text_cannot_change_once_an_appearance_points_into_it():
    document = AppearanceFactory().document
    document.text = document.text.replace("5.2", "6.2")

    errors = errors_of(document)

    assert errors["text"] == [
        "The text cannot change: claims quote it at fixed places."
    ]


def test_document_text_can_change_while_no_claim_quotes_it():
    document = DocumentFactory()
    document.text = "A different text."

    document.full_clean()


def test_document_other_fields_can_change_after_appearances():
    document = AppearanceFactory().document
    document.title = "Renamed"

    document.full_clean()


# --- Dates --------------------------------------------------------------------------


def test_claim_date_end_before_start_is_refused():
    date = ClaimDateFactory.build(
        claim=ClaimFactory(),
        start=dt.date(1953, 1, 1),
        precision="year",
        end=dt.date(1950, 1, 1),
        end_precision="year",
    )

    errors = errors_of(date)

    assert "The end date is before the start date." in errors["end"]


def test_claim_date_range_within_its_start_period_is_refused_cleanly():
    """ "15 June 2019 until June 2019" stores end (1 June) before start (15 June);
    the database constraint would refuse it, so validation must say so first."""
    date = ClaimDateFactory.build(
        claim=ClaimFactory(),
        start=dt.date(2019, 6, 15),
        precision="day",
        end=dt.date(2019, 6, 1),
        end_precision="month",
    )

    errors = errors_of(date)

    assert errors["end"] == ["The end date is before the start date."]


def test_claim_date_with_a_month_precision_but_a_day_is_refused():
    date = ClaimDateFactory.build(
        claim=ClaimFactory(), start=dt.date(2018, 6, 15), precision="month"
    )

    assert "start" in errors_of(date)


def test_claim_date_renders_its_range():
    date = ClaimDateFactory(
        start=dt.date(1950, 1, 1),
        precision="year",
        end=dt.date(1953, 1, 1),
        end_precision="year",
    )

    date.full_clean()
    assert str(date) == "1950–1953"


# --- QuerySets ----------------------------------------------------------------------


@pytest.fixture
def one_claim_per_state():
    claims = {
        status: ClaimFactory(
            status=status,
            verdict=rating() if status not in ("new", "researching") else None,
        )
        for status in Status.values
    }
    claims["archived_published"] = ClaimFactory(published=True, is_archived=True)
    claims["archived_retracted"] = ClaimFactory(retracted=True, is_archived=True)
    return claims


def test_published_shows_only_published_and_corrected_unarchived(one_claim_per_state):
    c = one_claim_per_state

    assert set(Claim.objects.published()) == {c["published"], c["corrected"]}


def test_with_public_page_adds_retracted(one_claim_per_state):
    c = one_claim_per_state

    assert set(Claim.objects.with_public_page()) == {
        c["published"],
        c["corrected"],
        c["retracted"],
    }


def test_is_public_agrees_with_published(one_claim_per_state):
    public = {c for c in Claim.objects.all() if c.is_public}

    assert public == set(Claim.objects.published())


def test_status_counts_has_every_status(one_claim_per_state):
    counts = Claim.objects.status_counts()

    assert counts == {
        "new": 1,
        "researching": 1,
        "in_review": 1,
        "published": 2,
        "not_checkable": 1,
        "corrected": 1,
        "retracted": 2,
    }
    assert Claim.objects.active().status_counts()["published"] == 1


def test_status_counts_of_nothing_is_all_zero():
    assert Claim.objects.status_counts() == dict.fromkeys(Status.values, 0)


def test_awaiting_review_and_assignment_filters(editor, fact_checker):
    waiting = ClaimFactory(in_review=True, assignee=fact_checker)
    ClaimFactory(in_review=True, is_archived=True)
    free = ClaimFactory()

    assert list(Claim.objects.awaiting_review()) == [waiting]
    assert list(Claim.objects.assigned_to(fact_checker)) == [waiting]
    assert list(Claim.objects.assigned_to(editor)) == []
    assert free in Claim.objects.unassigned()
    assert waiting not in Claim.objects.unassigned()


def test_source_matching_finds_by_name_or_alias_case_insensitively():
    korea = SourceFactory(name="North Korea", kind=Source.Kind.GOVERNMENT)
    SourceAliasFactory(source=korea, name="Korut")
    SourceAliasFactory(source=korea, name="Korea Utara")
    SourceFactory(name="South Korea")

    for name in ("north korea", "KORUT", "  korea utara ", "Korea Utara"):
        assert list(Source.objects.matching(name)) == [korea], name
    assert list(Source.objects.matching("Korea")) == []


def test_source_search_finds_by_part_of_an_alias():
    korea = SourceFactory(name="North Korea")
    SourceAliasFactory(source=korea, name="Korut")
    SourceAliasFactory(source=korea, name="Korea Utara")

    assert list(Source.objects.search("utara")) == [korea]


def test_source_with_published_claims():
    shown = ClaimFactory(published=True).claimant
    ClaimFactory(in_review=True)
    ClaimFactory(retracted=True)

    assert list(Source.objects.with_published_claims()) == [shown]


def test_search_text_covers_quotes_and_claimant_aliases():
    quoted = AppearanceFactory().claim
    aliased = ClaimFactory(statement="Sanctions were lifted.")
    SourceAliasFactory(source=aliased.claimant, name="Korut")
    ClaimFactory(statement="Unrelated.")

    assert list(Claim.objects.search_text("percent in 2019")) == [quoted]
    assert list(Claim.objects.search_text("korut")) == [aliased]


def test_source_slug_is_unique_per_name():
    first = SourceFactory(name="Ministry of Health")
    second = SourceFactory(name="Ministry of Health")

    assert first.slug == "ministry-of-health"
    assert second.slug == "ministry-of-health-2"


def test_rating_label_is_translated():
    false = rating("false")

    assert false.localized_label("id") == "Salah"
    assert false.localized_label("en") == "False"
    with override("id"):
        assert false.localized_label() == "Salah"


def test_document_hash_is_sha256_of_its_text():
    document = DocumentFactory(text="abc")

    assert document.text_sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert Document.hash_text("abc") == document.text_sha256


SPAN_ENDS = ["2019", "2019-06", "2019-06-01", "2019-06-15", "2019-07", "2020"]


@pytest.mark.parametrize("end", SPAN_ENDS)
@pytest.mark.parametrize("start", ["2019-06-15", "2019-06", "2019"])
def test_validation_and_the_database_agree_on_every_range(start, end):
    """Whatever full_clean accepts saves; whatever the database would refuse,
    full_clean refuses first with a message on the end date."""
    first, last = PartialDate.parse(start), PartialDate.parse(end)
    date = ClaimDateFactory.build(
        claim=ClaimFactory(),
        start=first.value,
        precision=first.precision,
        end=last.value,
        end_precision=last.precision,
    )

    if last.value >= first.value:
        date.full_clean()
        date.save()
        assert date.pk
    else:
        assert errors_of(date) == {"end": ["The end date is before the start date."]}
