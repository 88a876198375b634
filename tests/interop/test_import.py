"""import_claimreview: ClaimReview as fact-checkers really publish it."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Claim, ExternalFactCheck, ReviewEvent, Status

DATA = Path(__file__).resolve().parent.parent / "data" / "claimreview"


def run(*paths, dry_run=False):
    out = StringIO()
    args = [str(p) for p in paths] + ["--json"] + (["--dry-run"] if dry_run else [])
    call_command("import_claimreview", *args, stdout=out)
    return json.loads(out.getvalue())


def by_url(report):
    return {i["review_url"]: i for i in report["items"] if i["review_url"]}


@pytest.mark.django_db
def test_the_three_real_samples_import_with_their_verdicts():
    report = run(
        DATA / "afp_factual_es_2022-06-28_pilotos-dallas.json",
        DATA / "factly_te_2023-01-25_datafeeditem-wrapper.json",
        DATA / "vishvasnews_en_2022-11-01_rishi-sunak.json",
    )
    assert report["counts"] == {"imported": 3}
    afp = ExternalFactCheck.objects.get(publisher_name="AFP")
    assert afp.rating.slug == "false"
    assert afp.rating_label == "Falso"
    assert str(afp.reviewed_on) == "2022-06-28"  # "2022-06-28 21:14"
    assert afp.claim.made_on.isoformat() == "2022-06-26"
    assert afp.claim.claimant.name == "Varias fuentes"
    factly = ExternalFactCheck.objects.get(publisher_name="FACTLY")
    assert factly.rating.slug == "misleading"
    assert factly.appearances[0]["url"].startswith("https://www.facebook.com/photo")
    vishvas = ExternalFactCheck.objects.get(publisher_name="Vishvas News")
    assert (
        vishvas.claim.statement == "Rishi Sunak praises Manmohan Singh's economy ideas"
    )
    assert (vishvas.rating_value, vishvas.best_rating) == (1.0, 5.0)


@pytest.mark.django_db
def test_imported_claims_are_new_and_never_public(client):
    run(DATA)
    imported = Claim.objects.filter(origin=Claim.Origin.CLAIMREVIEW)
    assert imported.count() >= 10
    assert set(imported.values_list("status", flat=True)) == {Status.NEW}
    assert not Claim.objects.published().filter(origin="claimreview").exists()
    claim = imported.first()
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert "Golden Gate" not in client.get("/claims/?q=Golden").content.decode()
    # written through claim_create: a review event and a history row each
    assert ReviewEvent.objects.filter(claim=claim, action="claim.created").exists()
    assert claim.history.exists()


@pytest.mark.django_db
def test_variants_map_ratings_dates_and_appearances():
    run(DATA)
    get = ExternalFactCheck.objects.get
    # label in the map, string numbers, a publisher with a URL and no name
    pof = get(review_url__contains="no-the-bridge")
    assert pof.rating.slug == "false" and pof.publisher_name == "politifact.example"
    assert [a["url"] for a in pof.appearances] == [
        "https://www.facebook.com/posts/bridge-collapse-123",
        "https://x.com/someone/status/998877",
    ]
    assert get(review_url__contains="minimum-wage").rating.slug == "mixed"  # Half True
    cek = get(review_url__contains="vaksin")
    assert cek.claim.statement == 'Vaksin "mengandung chip" untuk melacak warga'
    assert cek.publisher_name == "Cek Fakta & Data"
    assert cek.rating.slug == "false" and cek.language == "id"
    assert cek.claim.made_on.isoformat() == "2023-05-08"  # earliest appearance
    flood = get(review_url__contains="banjir")
    assert flood.rating.slug == "misleading" and flood.language == "id"
    # a whole sentence, no ratingValue
    assert get(review_url__contains="ABC123").rating.slug == "misleading"
    assert get(review_url__contains="DEF456").rating.slug == "false"
    # old-style CreativeWork, a label off every map: its place on their 1–4 scale
    boom = get(review_url__contains="boom.example")
    assert boom.rating.slug == "misleading"
    assert boom.claim.made_on.isoformat() == "2019-11-12"  # "November 12, 2019"
    assert boom.appearances == [
        {"url": "https://www.facebook.com/photo.php?fbid=12345"}
    ]
    # JSON-LD inside an HTML page
    assert get(review_url__contains="vishvas.example").language == "hi"


@pytest.mark.django_db
def test_bad_items_are_reported_and_the_good_ones_still_import():
    report = run(DATA / "truncated.json", DATA / "wrong-types.json")
    items = report["items"]
    outcomes = [(Path(i["file"]).name, i["item"], i["outcome"]) for i in items]
    assert ("truncated.json", 1, "imported") in outcomes
    assert ("truncated.json", 2, "imported") in outcomes
    cut = next(
        i for i in items if i["file"].endswith("truncated.json") and i["item"] == 3
    )
    assert cut["outcome"] == "skipped" and "truncated JSON" in cut["reason"]
    wrong = {i["item"]: i for i in items if i["file"].endswith("wrong-types.json")}
    assert "claimReviewed is not text" in wrong[1]["reason"]
    assert "No review URL" in wrong[2]["reason"]
    assert "No review URL" in wrong[3]["reason"]
    assert wrong[4]["outcome"] == "imported"  # lists where one value belongs
    assert wrong[4]["rating"] == "false"  # a bare string rating is its label
    assert wrong[5]["outcome"] == "imported" and wrong[5]["rating"] == ""
    assert ExternalFactCheck.objects.count() == 4


@pytest.mark.django_db
def test_unknown_encoding_and_mediareview_are_skipped_with_reasons():
    report = run(
        DATA / "latin1-encoded.json", DATA / "afpfactual_es_graph-mediareview.json"
    )
    latin, media = report["items"][0], report["items"][1]
    assert latin["item"] is None and "not UTF-8" in latin["reason"]
    assert media["outcome"] == "skipped" and "MediaReview" in media["reason"]
    assert report["counts"] == {"skipped": 2, "imported": 2}


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "feed.json"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB
    shutil.copy(DATA / "vishvasnews_en_2022-11-01_rishi-sunak.json", tmp_path)
    report = run(tmp_path)
    big_line = next(i for i in report["items"] if i["file"].endswith("feed.json"))
    assert "over the import limit" in big_line["reason"]
    assert "52,428,800" in big_line["reason"]
    assert report["counts"] == {"skipped": 1, "imported": 1}


@pytest.mark.django_db
def test_import_is_idempotent_and_updates_a_changed_review(tmp_path):
    source = DATA / "vishvasnews_en_2022-11-01_rishi-sunak.json"
    assert run(source)["counts"] == {"imported": 1}
    assert run(source)["counts"] == {"unchanged": 1}
    data = json.loads(source.read_text("utf-8"))
    data["reviewRating"]["alternateName"] = "Misleading"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), "utf-8")
    assert run(changed)["counts"] == {"updated": 1}
    record = ExternalFactCheck.objects.get()
    assert record.rating.slug == "misleading"
    assert Claim.objects.filter(origin="claimreview").count() == 1


@pytest.mark.django_db
def test_dry_run_reports_and_keeps_nothing():
    report = run(DATA, dry_run=True)
    assert report["dry_run"] is True and report["counts"]["imported"] >= 10
    assert not ExternalFactCheck.objects.exists()
    assert not Claim.objects.filter(origin="claimreview").exists()


@pytest.mark.django_db
def test_plain_report_names_file_item_and_reason():
    out = StringIO()
    call_command("import_claimreview", str(DATA / "wrong-types.json"), stdout=out)
    text = out.getvalue()
    assert "skipped   " in text and "wrong-types.json #2 [1]: No review URL" in text
    assert text.strip().endswith("2 imported, 3 skipped.")
