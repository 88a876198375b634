"""``similar_claims`` and ``embed_claims`` as a person runs them."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims import services
from claims.models import ExternalFactCheck, ExternalId
from matching.models import ClaimEmbedding

pytestmark = pytest.mark.django_db

STATEMENTS = [
    ("Wisconsin is on pace to double the number of layoffs this year.", "en"),
    ("Marijuana is less toxic than alcohol.", "en"),
    ("Korea Utara menolak menerima surat Presiden Donald Trump.", "id"),
    (
        "Each year, 18,000 people die in America because they don't have health care.",
        "en",
    ),
]


@pytest.fixture
def claims():
    made = [
        services.claim_create(by=None, statement=text, language=language)
        for text, language in STATEMENTS
    ]
    call_command("embed_claims", stdout=StringIO())
    return made


def run(*args):
    out = StringIO()
    call_command("similar_claims", *args, stdout=out)
    return out.getvalue()


def test_json_is_one_object_per_query_in_input_order(claims, settings):
    ExternalId.objects.create(claim=claims[0], key="liar:11685.json", dataset="liar")
    out = run(
        "--json",
        "--top",
        "3",
        "Layoffs in Wisconsin are on track to double this year.",
        "North Korea refused to accept Trump's letter.",
    )
    lines = out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"query", "threshold", "suggestions"}
    assert first["query"] == "Layoffs in Wisconsin are on track to double this year."
    assert second["query"] == "North Korea refused to accept Trump's letter."
    assert first["threshold"] == settings.CLAIMDESK_MATCH_SUGGEST
    assert len(first["suggestions"]) == 3
    for suggestion in first["suggestions"]:
        assert set(suggestion) == {
            "id",
            "statement",
            "score",
            "external_ids",
            "suggested",
        }
        assert suggestion["suggested"] == (suggestion["score"] >= first["threshold"])
    scores = [s["score"] for s in first["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    best = first["suggestions"][0]
    assert best["id"] == claims[0].pk
    assert best["external_ids"] == ["liar:11685.json"]
    assert best["suggested"] is True
    # across languages: the Indonesian claim for an English query
    assert second["suggestions"][0]["id"] == claims[2].pk


def test_external_ids_of_an_imported_review_are_its_url(claims):
    ExternalFactCheck.objects.create(
        claim=claims[1],
        key=ExternalFactCheck.make_key("https://fc.example/r/1", STATEMENTS[1][0]),
        claim_reviewed=STATEMENTS[1][0],
        review_url="https://fc.example/r/1",
        publisher_name="FC",
        raw={},
    )
    line = json.loads(
        run("--json", "--top", "1", "Alcohol is more toxic than marijuana.")
    )
    assert line["suggestions"][0]["external_ids"] == ["https://fc.example/r/1"]


def test_file_queries_in_order_blank_lines_skipped(claims, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text(
        "\ufeffMarijuana is less toxic than alcohol.\n\n"
        "Setiap tahun 18.000 orang di Amerika meninggal karena tidak punya "
        "asuransi.\r\n",
        encoding="utf-8",
    )
    lines = [json.loads(x) for x in run("--json", "--file", str(queries)).splitlines()]
    assert [x["query"] for x in lines] == [
        "Marijuana is less toxic than alcohol.",
        "Setiap tahun 18.000 orang di Amerika meninggal karena tidak punya asuransi.",
    ]
    assert lines[1]["suggestions"][0]["id"] == claims[3].pk


def test_plain_output_marks_suggestions(claims):
    out = run("--top", "2", "Marijuana is less toxic than alcohol.")
    assert out.splitlines()[0] == "Marijuana is less toxic than alcohol."
    assert f"#{claims[1].pk}" in out.splitlines()[1]
    assert out.splitlines()[1].lstrip().startswith(("*", "="))


def test_bad_input_is_refused_clearly(claims, tmp_path):
    with pytest.raises(CommandError, match="Give a statement"):
        run()
    with pytest.raises(CommandError, match="--top"):
        run("--top", "0", "x")
    with pytest.raises(CommandError, match=r"missing\.txt"):
        run("--file", str(tmp_path / "missing.txt"))
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 claims".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1\.txt"):
        run("--file", str(latin))


def test_hostile_queries_answer_without_error(claims):
    lines = run(
        "--json", "a\x00b", "x" * 50_000, "   ", "'; DROP TABLE claims_claim; --"
    )
    assert len(lines.splitlines()) == 4


def test_no_claims_no_suggestions(db):
    line = json.loads(run("--json", "anything at all"))
    assert line["suggestions"] == []


def test_embed_claims_reports_rate_and_is_idempotent(claims):
    assert ClaimEmbedding.objects.count() == len(STATEMENTS)
    out = StringIO()
    call_command("embed_claims", stdout=out)
    assert out.getvalue().startswith("0 claims embedded")
    assert "claims/s" in out.getvalue()
    claims[0].statement = "Wisconsin layoffs will triple."
    claims[0].save()
    out = StringIO()
    call_command("embed_claims", stdout=out)
    assert out.getvalue().startswith("1 claims embedded")
