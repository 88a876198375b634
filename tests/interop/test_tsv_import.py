"""import_claims_tsv: the LIAR dataset's rows, and mapped CSV tables, as claims."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError

from claims.models import (
    Claim,
    ExternalId,
    ReviewEvent,
    Source,
    SourceAlias,
    Status,
)

LIAR = Path(__file__).resolve().parent.parent / "data" / "liar" / "test-part1.tsv"
ROWS = LIAR.read_bytes().splitlines(keepends=True)
pytestmark = pytest.mark.django_db


def run(*paths, options=()):
    out = StringIO()
    call_command(
        "import_claims_tsv", *[str(p) for p in paths], *options, "--json", stdout=out
    )
    return json.loads(out.getvalue())


def write(tmp_path, name, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lines_of(report, outcome):
    return {i["item"]: i for i in report["items"] if i["outcome"] == outcome}


def test_liar_rows_become_claims_with_speaker_subjects_context_and_verdict():
    report = run(LIAR)
    assert report["counts"] == {"imported": 120}
    record = ExternalId.objects.get(key="liar:11096.json")
    claim = record.claim
    assert claim.statement == "Says John McCain has done nothing to help the vets."
    assert claim.claimant.name == "Donald Trump"
    assert claim.claimant.kind == Source.Kind.PERSON
    assert set(claim.tags.values_list("name", flat=True)) == {
        "military",
        "veterans",
        "voting-record",
    }
    assert (record.speaker_job, record.speaker_state, record.speaker_party) == (
        "President-Elect",
        "New York",
        "republican",
    )
    assert record.context == "comments on ABC's This Week."
    assert (record.rating_label, record.rating.slug) == ("false", "false")
    assert record.data["pants_on_fire_counts"] == "61"
    labels = dict(
        ExternalId.objects.values_list("rating_label", "rating__slug").distinct()
    )
    assert labels == {
        "true": "true",
        "mostly-true": "mostly-true",
        "half-true": "mixed",
        "barely-true": "mostly-false",
        "false": "false",
        "pants-fire": "false",
    }
    # the external key is a field a query (or the matching's report) reads
    assert Claim.objects.filter(external_ids__key="liar:11972.json").get().claimant
    item = next(i for i in report["items"] if i["key"] == "liar:11096.json")
    assert item["claim_id"] == claim.pk and item["item"] == 3  # its line


def test_imported_rows_are_audited_new_and_never_public(client):
    run(LIAR)
    imported = Claim.objects.filter(origin=Claim.Origin.DATASET)
    assert imported.count() == 120
    assert set(imported.values_list("status", flat=True)) == {Status.NEW}
    assert not Claim.objects.published().exists()
    assert ReviewEvent.objects.filter(claim__in=imported).count() == 120
    assert Claim.history.filter(history_type="+").count() == 120
    assert ExternalId.history.count() == 120
    claim = ExternalId.objects.get(key="liar:11972.json").claim
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert "Mexico border" not in client.get("/claims/?q=Mexico").content.decode()


def test_claimants_are_matched_by_name_or_alias():
    trump = Source.objects.create(name="Donald Trump", kind="person")
    perry = Source.objects.create(name="James Richard Perry", kind="person")
    SourceAlias.objects.create(source=perry, name="Rick Perry")
    run(LIAR)
    assert ExternalId.objects.get(key="liar:11096.json").claim.claimant == trump
    assert ExternalId.objects.get(key="liar:11972.json").claim.claimant == perry
    assert Source.objects.filter(name__iexact="donald trump").count() == 1
    # the same speaker on many rows is one source
    assert Source.objects.filter(name="Barack Obama").count() == 1


def test_reimport_is_idempotent_and_updates_a_changed_row(tmp_path):
    run(LIAR)

    def counts():
        return [m.objects.count() for m in (Claim, Source, ReviewEvent, ExternalId)]

    before = counts()
    again = run(LIAR)
    assert again["counts"] == {"unchanged": 120}
    after = counts()
    assert after == before
    changed = LIAR.read_text().replace(
        "11972.json\ttrue\t", "11972.json\tmostly-true\t"
    )
    report = run(write(tmp_path, "liar.tsv", changed.encode()))
    assert report["counts"] == {"unchanged": 119, "updated": 1}
    record = ExternalId.objects.get(key="liar:11972.json")
    assert record.rating.slug == "mostly-true"
    assert record.history.count() == 2
    assert Claim.objects.count() == before[0]


def test_dry_run_reports_and_keeps_nothing():
    report = run(LIAR, options=["--dry-run"])
    assert report["dry_run"] and report["counts"] == {"imported": 120}
    assert not Claim.objects.exists() and not ExternalId.objects.exists()
    assert not Source.objects.exists()


def test_plain_report_names_file_line_and_reason(tmp_path):
    path = write(tmp_path, "short.tsv", ROWS[0] + b"1.json\tfalse\tcut here\n")
    out = StringIO()
    call_command("import_claims_tsv", str(path), stdout=out)
    text = out.getvalue()
    assert f"skipped   {path}:2: 3 columns, expected 14." in text
    assert text.strip().endswith("1 imported, 1 skipped.")


# --- Bad input ---------------------------------------------------------------------


def test_rows_with_missing_or_extra_columns_are_skipped_and_the_rest_import(tmp_path):
    extra = ROWS[1].rstrip(b"\n") + b"\tan extra column\n"
    missing = b"\t".join(ROWS[2].split(b"\t")[:12]) + b"\n"
    path = write(tmp_path, "bad.tsv", ROWS[0] + extra + missing + b"\n" + ROWS[3])
    report = run(path)
    skipped = lines_of(report, "skipped")
    assert "15 columns, expected 14 (a tab" in skipped[2]["reason"]
    assert skipped[3]["reason"] == "12 columns, expected 14."
    assert set(lines_of(report, "imported")) == {1, 5}  # line 4 is blank
    assert Claim.objects.count() == ExternalId.objects.count() == 2


def test_windows_line_endings_read_like_any_others(tmp_path):
    crlf = b"".join(r.rstrip(b"\r\n") + b"\r\n" for r in ROWS[:5])
    report = run(write(tmp_path, "windows.tsv", crlf))
    assert report["counts"] == {"imported": 5}
    record = ExternalId.objects.get(key="liar:11972.json")
    assert record.context == "Radio interview"
    assert not ExternalId.objects.filter(context__contains="\r").exists()


def test_bytes_not_in_utf8_skip_their_row_only(tmp_path):
    latin = ROWS[1].replace(b"Wisconsin is", b"Wisconsin \xe9s")
    report = run(write(tmp_path, "latin1.tsv", ROWS[0] + latin + ROWS[2]))
    skipped = lines_of(report, "skipped")
    assert list(skipped) == [2]
    assert "not UTF-8 (e9)" in skipped[2]["reason"]
    assert report["counts"] == {"imported": 2, "skipped": 1}


def test_utf16_with_a_bom_imports_and_without_one_is_refused(tmp_path):
    text = b"".join(ROWS[:3]).decode()
    report = run(write(tmp_path, "u16.tsv", text.encode("utf-16")))
    assert report["counts"] == {"imported": 3}
    report = run(write(tmp_path, "u16le.tsv", text.encode("utf-16-le")))
    assert report["counts"] == {"skipped": 1}
    assert "UTF-16 without a byte order mark" in report["items"][0]["reason"]


def test_wrong_types_are_reported_with_their_line(tmp_path):
    fields = ROWS[1].split(b"\t")
    fields[8] = b"lots"
    not_a_number = b"\t".join(fields)
    no_statement = ROWS[2].replace(
        b"Says John McCain has done nothing to help the vets.", b"  "
    )
    twice = ROWS[0]
    nul = ROWS[2].replace(b"vets", b"v\x00ets")
    path = write(tmp_path, "types.tsv", ROWS[0] + not_a_number + no_statement + twice)
    report = run(path)
    skipped = lines_of(report, "skipped")
    assert "barely_true_counts is not a whole number: 'lots'" in skipped[2]["reason"]
    assert skipped[3]["reason"] == "No statement."
    assert "The same id liar:11972.json as line 1" in skipped[4]["reason"]
    assert report["counts"] == {"imported": 1, "skipped": 3}
    report = run(write(tmp_path, "nul.tsv", nul))
    assert "NUL" in report["items"][0]["reason"]


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "liar-big.tsv"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB
    report = run(big, LIAR)
    first = report["items"][0]
    assert first["item"] is None and "52,428,800" in first["reason"]
    assert "over the import limit" in first["reason"]
    assert report["counts"] == {"skipped": 1, "imported": 120}


def test_a_truncated_file_imports_up_to_the_cut(tmp_path):
    data = b"".join(ROWS[:10])
    cut = data[: len(data) - 40]  # in the middle of the tenth row
    report = run(write(tmp_path, "cut.tsv", cut))
    assert report["counts"] == {"imported": 9, "skipped": 1}
    assert "columns, expected 14" in lines_of(report, "skipped")[10]["reason"]


def test_a_row_the_database_refuses_is_skipped_and_nothing_is_half_written(
    tmp_path, monkeypatch
):
    """A refused chunk is written again row by row: the refused row leaves no claim
    behind (no claim without its external key), the others all import."""
    real = ExternalId.objects.bulk_create

    def refuse(records, *args, **kwargs):
        if any(r.key == "liar:11096.json" for r in records):
            raise IntegrityError("refused for the test")
        return real(records, *args, **kwargs)

    monkeypatch.setattr(ExternalId.objects, "bulk_create", refuse)
    report = run(write(tmp_path, "five.tsv", b"".join(ROWS[:5])))
    skipped = lines_of(report, "skipped")
    assert list(skipped) == [3]
    assert "database refused it" in skipped[3]["reason"]
    assert report["counts"] == {"imported": 4, "skipped": 1}
    assert Claim.objects.count() == ExternalId.objects.count() == 4
    assert not Claim.objects.filter(statement__contains="John McCain").exists()
    assert ReviewEvent.objects.count() == 4


# --- Generic tables -------------------------------------------------------------------


def test_a_csv_with_a_header_and_a_mapping(tmp_path):
    csv = (
        "No,Klaim,Tokoh,Label,Tanggal,Topik,Bahasa\r\n"
        '7,"Harga beras naik 50 persen, kata dia",Joko Widodo,Salah,2023-05,'
        '"ekonomi; pangan",id\r\n'
        '8,"Sebuah klaim\r\nyang memanjang dua baris",,benar,2024-02-30,,id\r\n'
        "9,Klaim tanpa tanggal,Joko Widodo,Menyesatkan,,,xx-not-a-code\r\n"
    )
    path = write(tmp_path, "Periksa Fakta.csv", csv.encode())
    report = run(
        path,
        options=[
            "--format",
            "csv",
            "--dataset",
            "cekfakta",
            "--map",
            "id=No,statement=Klaim,claimant=Tokoh,label=Label,date=Tanggal,"
            "subjects=Topik,language=Bahasa",
        ],
    )
    skipped = lines_of(report, "skipped")
    assert "Not a date: '2024-02-30'" in skipped[3]["reason"]
    assert "Unknown language code 'xx-not-a-code'" in skipped[5]["reason"]
    record = ExternalId.objects.get(key="cekfakta:7")
    assert record.claim.statement == "Harga beras naik 50 persen, kata dia"
    assert record.claim.language == "id"
    assert record.claim.made.iso() == "2023-05"
    assert record.rating.slug == "false"
    assert set(record.claim.tags.values_list("name", flat=True)) == {
        "ekonomi",
        "pangan",
    }
    assert report["counts"] == {"imported": 1, "skipped": 2}


def test_a_table_named_like_the_targets_needs_no_mapping_and_keys_without_ids(
    tmp_path,
):
    path = write(
        tmp_path,
        "sheet.tsv",
        b"statement\tclaimant\tlabel\nThe sky is green\tBob\tfalse\n",
    )
    report = run(path, options=["--format", "csv"])
    assert report["counts"] == {"imported": 1}
    key = report["items"][0]["key"]
    assert key.startswith("sheet:sha256-")
    assert run(path, options=["--format", "csv"])["counts"] == {"unchanged": 1}


def test_a_mapping_naming_a_missing_column_refuses_the_file(tmp_path):
    path = write(tmp_path, "t.csv", b"Claim,Who\nA claim,Bob\n")
    report = run(path, options=["--format", "csv", "--map", "statement=Statement"])
    line = report["items"][0]
    assert line["item"] is None and "no column Statement" in line["reason"]
    assert "Claim, Who" in line["reason"]
    with pytest.raises(CommandError, match="Unknown target speaker"):
        run(path, options=["--format", "csv", "--map", "speaker=Who"])
    with pytest.raises(CommandError, match="target=column"):
        run(path, options=["--format", "csv", "--map", "statement"])
    assert not Claim.objects.exists()


def test_a_field_over_the_csv_limit_skips_its_row_only(tmp_path):
    fields = ROWS[1].split(b"\t")
    fields[2] = b"x" * 200_000
    path = write(tmp_path, "huge.tsv", ROWS[0] + b"\t".join(fields) + ROWS[2])
    report = run(path)
    skipped = lines_of(report, "skipped")
    assert "field larger than field limit" in skipped[2]["reason"]
    assert report["counts"] == {"imported": 2, "skipped": 1}


def test_the_default_dataset_is_the_file_name_as_a_slug(tmp_path):
    path = write(tmp_path, "Periksa Fakta 2024.csv", b"statement\nA claim\n")
    report = run(path, options=["--format", "csv"])
    assert report["items"][0]["key"].startswith("periksa-fakta-2024:sha256-")
