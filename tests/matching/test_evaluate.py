"""``evaluate_matching`` on a small labelled fixture (tests/data/matching/small)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim
from matching.models import ClaimEmbedding

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parents[1] / "data" / "matching" / "small" / "queries.jsonl"
FULL = Path(__file__).parents[1] / "data" / "matching" / "queries.jsonl"


def test_prints_success_per_kind_and_threshold_figures():
    out = StringIO()
    call_command("evaluate_matching", str(SMALL), "--split", "all", stdout=out)
    text = out.getvalue()
    assert "12 queries against 20 claims" in text
    assert "Success@1" in text and "Success@5" in text
    for kind in ("en_reword", "id_reword", "en_to_id", "id_to_en", "embedded"):
        assert kind in text
    assert "precision" in text and "recall" in text and "false matches" in text
    assert "Thresholds calibrated on the tune split: suggest" in text
    # nothing of the set stays behind
    assert not Claim.objects.exists()
    assert not ClaimEmbedding.objects.exists()


def test_json_figures_on_the_small_set():
    out = StringIO()
    call_command("evaluate_matching", str(SMALL), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["claims"] == 20 and figures["queries"] == 12
    every = figures["splits"]["all"]
    assert every["counts"] == {"queries": 12, "positives": 10, "negatives": 2}
    # two same-language rewordings of each kind, on 20 claims: all found first
    assert every["per_kind"]["en_reword"]["success@1"] == 1.0
    assert every["per_kind"]["same_language"]["success@5"] == 1.0
    assert every["per_kind"]["cross_language"]["success@5"] == 1.0
    assert 0.0 <= every["false_match_rate"] <= 1.0
    assert every["recall"] > 0.5


def test_labelled_set_is_large_enough_and_consistent():
    claims = [
        json.loads(x) for x in (FULL.parent / "claims.jsonl").read_text().splitlines()
    ]
    queries = [json.loads(x) for x in FULL.read_text().splitlines()]
    keys = {c["key"] for c in claims}
    assert len(claims) >= 1000 and len(queries) >= 300
    assert {q["kind"] for q in queries} == {
        "en_reword",
        "id_reword",
        "en_to_id",
        "id_to_en",
        "embedded",
        "negative",
    }
    assert all(q["expected"] in keys for q in queries if q["expected"])
    assert {q["split"] for q in queries} == {"tune", "heldout"}


def test_a_broken_set_names_the_line(tmp_path):
    bad = tmp_path / "queries.jsonl"
    (tmp_path / "claims.jsonl").write_text('{"key": "a", "statement": "x"}\n')
    bad.write_text('{"query": "x", "expected": "a"}\n{"query": \n')
    with pytest.raises(CommandError, match="line 2"):
        call_command("evaluate_matching", str(bad))
    bad.write_text('{"query": "x", "expected": "nope"}\n')
    with pytest.raises(CommandError, match="nope"):
        call_command("evaluate_matching", str(bad))
    with pytest.raises(CommandError, match="missing"):
        call_command("evaluate_matching", str(tmp_path / "missing.jsonl"))


def test_a_missing_file_is_named_as_given(tmp_path):
    """The error names the file the user typed and what is missing, not a
    claims.jsonl path derived from it."""
    given = tmp_path / "elsewhere" / "my-queries.jsonl"
    with pytest.raises(CommandError) as caught:
        call_command("evaluate_matching", str(given))
    assert str(caught.value) == f"{given}: no such queries file"
    given.parent.mkdir()
    given.write_text('{"query": "x", "expected": null}\n')
    with pytest.raises(CommandError) as caught:
        call_command("evaluate_matching", str(given))
    message = str(caught.value)
    assert message.startswith(f"{given}: its claims are missing")
    assert "claims.jsonl" in message and "--claims" in message
    with pytest.raises(CommandError, match="no such claims file"):
        call_command("evaluate_matching", str(given), "--claims", str(tmp_path / "c"))
