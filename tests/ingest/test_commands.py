# ruff: noqa: E501 - article text and expected values read best unbroken
"""import_article and evaluate_extraction from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Appearance, Claim, ClaimDate, Document, Source
from tests.factories import SourceAliasFactory, SourceFactory

from .conftest import GOLD_FILES, REUTERS, TRIBUNNEWS


def run(*args):
    out = io.StringIO()
    call_command("import_article", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_json(*args):
    return json.loads(run(*args, "--json"))


def test_json_has_the_document_fields_claims_and_boilerplate(db):
    data = run_json(TRIBUNNEWS, "--dry-run")
    for key in ("title", "url", "publisher", "language", "published_on", "text"):
        assert key in data
    assert data["language"] == "id"
    assert data["publisher"] == "Tribunnews"
    assert (
        "Baca juga: Kim Jong Un Berang, 4 Pejabat Korut Dilempar ke Bui Usai Gagal Luncurkan Kapal Perang"
        in data["boilerplate"]
    )
    claim = data["claims"][0]
    assert set(claim) >= {
        "quote",
        "start",
        "end",
        "statement",
        "claimant",
        "attribution_chain",
        "speech",
        "dates",
        "checkworthiness",
    }
    for claim in data["claims"]:
        assert data["text"][claim["start"] : claim["end"]] == claim["quote"]
        assert 0 <= claim["checkworthiness"] <= 1
        for date in claim["dates"]:
            assert set(date) >= {"text", "value", "precision", "role"}
            assert date["precision"] in ("day", "month", "year")
            assert date["role"] in ("reported", "event")
    ranges = [d for c in data["claims"] for d in c["dates"] if "end" in d]
    assert ranges == [
        {
            "text": "1950-1953",
            "value": "1950",
            "end": "1953",
            "precision": "year",
            "role": "event",
        }
    ]


def test_dry_run_writes_nothing(db):
    run(TRIBUNNEWS, "--dry-run")
    assert Document.objects.count() == 0
    assert Claim.objects.count() == 0
    assert Source.objects.count() == 0


def test_import_writes_document_claims_appearances_dates_and_claimants(db):
    data = run_json(
        TRIBUNNEWS, "--url", "https://www.tribunnews.com/x", "--published", "2025-06-12"
    )
    document = Document.objects.get(pk=data["id"])
    assert document.url == "https://www.tribunnews.com/x"
    assert document.publisher.name == "Tribunnews"
    assert document.published_on.isoformat() == "2025-06-12"
    assert document.text_sha256 == Document.hash_text(document.text)
    assert Claim.objects.count() == len(data["claims"]) == 15
    assert Appearance.objects.count() == 16  # the lead appears twice
    for appearance in Appearance.objects.all():
        appearance.full_clean()  # the quote sits at its offsets
    trump = Claim.objects.get(statement__startswith="Korut sebagai")
    assert trump.claimant.name == "Donald Trump"
    assert trump.appearances.count() == 2
    letter = Claim.objects.get(statement__startswith="Donald Trump sudah membuat surat")
    assert letter.claimant.name == "NK News"
    assert letter.made_on.isoformat() == "2025-06-11"
    assert list(letter.dates.values_list("role", "start", "precision")) == [
        ("reported", letter.made_on, "day")
    ]
    war = ClaimDate.objects.get(text="1950-1953")
    assert (war.start.year, war.end.year, war.precision, war.end_precision) == (
        1950,
        1953,
        "year",
        "year",
    )
    assert Source.objects.get(name="NK News").kind == "outlet"
    assert all(c["created"] for c in data["claims"])


def test_reimport_adds_appearances_not_claims(db):
    run(TRIBUNNEWS)
    claims = Claim.objects.count()
    data = run_json(TRIBUNNEWS)
    assert Claim.objects.count() == claims
    assert Document.objects.count() == 2
    assert Appearance.objects.filter(document_id=data["id"]).count() == 16
    assert not any(c["created"] for c in data["claims"])


def test_claimants_match_existing_sources_by_alias(db):
    trump = SourceFactory(name="Donald J. Trump", kind="person")
    SourceAliasFactory(source=trump, name="Donald Trump")
    data = run_json(TRIBUNNEWS, "--dry-run")
    lead = next(c for c in data["claims"] if c["claimant"] == "Donald Trump")
    assert lead["claimant_source"] == trump.pk
    run(TRIBUNNEWS)
    assert Claim.objects.filter(claimant=trump).count() == 3
    assert not Source.objects.filter(name="Donald Trump").exists()


def test_publisher_option_and_english_article(db):
    data = run_json(REUTERS, "--publisher", "Thomson Reuters", "--language", "en")
    assert data["publisher"] == "Thomson Reuters"
    assert Document.objects.get().publisher.name == "Thomson Reuters"
    assert data["published_on"] == "2018-10-25"
    assert data["url"].startswith("https://www.reuters.com/")


def test_human_readable_output(db):
    out = run(TRIBUNNEWS, "--dry-run")
    assert "15 candidate claims" in out
    assert "Dry run: nothing was saved." in out


def test_missing_file_and_bad_date_are_clear_errors(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.txt")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(TRIBUNNEWS, "--published", "yesterday")


def test_evaluate_extraction_prints_every_figure_per_file_and_overall(db):
    out = io.StringIO()
    call_command("evaluate_extraction", *map(str, GOLD_FILES), stdout=out)
    text = out.getvalue()
    for word in ("recall", "prec.", "claim.", "dates", "boiler.", "overall"):
        assert word in text
    for gold in GOLD_FILES:
        assert gold.name[:40] in text


def test_evaluate_extraction_json_and_check(db):
    out = io.StringIO()
    call_command(
        "evaluate_extraction", *map(str, GOLD_FILES), "--json", "--check", stdout=out
    )
    data = json.loads(out.getvalue())
    assert set(data["overall"]) >= {
        "recall",
        "precision",
        "claimant_accuracy",
        "date_accuracy",
        "boilerplate_candidates",
    }


def test_evaluate_extraction_refuses_a_missing_gold_file(tmp_path):
    with pytest.raises(CommandError, match="No such gold file"):
        call_command("evaluate_extraction", str(tmp_path / "x.gold.json"))


def test_the_publisher_is_matched_by_its_domain_too(db):
    outlet = SourceFactory(name="Tribun Network", kind="outlet")
    SourceAliasFactory(source=outlet, name="tribunnews.com")
    data = run_json(TRIBUNNEWS, "--url", "https://www.tribunnews.com/internasional/x")
    assert Document.objects.get(pk=data["id"]).publisher == outlet


def test_the_printed_hash_is_the_stored_one(db):
    printed = run_json(TRIBUNNEWS, "--dry-run")["text_sha256"]
    stored = Document.objects.get(pk=run_json(TRIBUNNEWS)["id"])
    assert printed == stored.text_sha256 == Document.hash_text(stored.text)
    assert Document.objects.filter(text_sha256=printed).count() == 1
