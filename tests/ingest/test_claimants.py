# ruff: noqa: E501 - article text reads best unbroken
"""A claimant is a person or an organisation: never a weekday, a month, a nationality,
a place or a role without its holder. Checked through ``import_article``, as a
fact-checker runs it, and on the rules themselves."""

import io
import json

import pytest
from django.core.management import call_command

from claims.models import Source
from ingest import claimants
from tests.factories import SourceAliasFactory, SourceFactory


def run(path, *args):
    out = io.StringIO()
    call_command(
        "import_article", str(path), "--json", *args, stdout=out, stderr=io.StringIO()
    )
    return json.loads(out.getvalue())


def claims_of(tmp_path, text, *args):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    data = run(path, "--publisher", "Antara", "--published", "2023-08-09", *args)
    return data["claims"]


def claimant_of(claims, words):
    found = [c for c in claims if words in c["quote"]]
    assert found, f"no candidate quotes {words!r}"
    return found[0]["claimant"]


AMBASSADOR = (
    "JAKARTA - Menteri Luar Negeri Retno Marsudi menerima kunjungan delegasi parlemen Belanda di Jakarta pada Senin (7/8/2023).\n\n"
    "Mantan Duta Besar Indonesia untuk Belanda ini mengatakan bahwa perdagangan kedua negara naik 12 persen sejak 2015."
)
WEEKDAY = (
    "JAKARTA (Antara) - President Joko Widodo opened the ASEAN 56th Anniversary commemoration event here on Tuesday.\n\n"
    "Tuesday said the high-speed railway would cost 7.3 billion dollars, 1.2 billion more than planned in 2016."
)
DEMONYM = (
    "BEIJING (Antara) - Trade between the two countries reached 150 billion dollars in 2022.\n\n"
    "The Chinese said the talks in Beijing were constructive and would continue in 2024."
)
PLACE = (
    "JAKARTA - Harga beras di pasar induk naik menjadi Rp 14.000 per kilogram pada Juli 2023.\n\n"
    '"Kami akan membangun 300 rumah susun tahun ini," kata Jakarta.'
)
MINISTER = (
    "JAKARTA - Pemerintah menyiapkan anggaran Rp 20 triliun untuk perumahan rakyat.\n\n"
    '"Kami akan membangun 300 rumah susun tahun ini," kata Menteri PUPR Basuki Hadimuljono.'
)


def test_a_former_ambassador_of_indonesia_is_the_minister_named_before(db, tmp_path):
    claims = claims_of(tmp_path, AMBASSADOR)
    claimant = claimant_of(claims, "perdagangan kedua negara")
    assert claimant == "Retno Marsudi"
    assert all("Besar" not in c["claimant"] for c in claims)


def test_a_weekday_is_no_claimant(db, tmp_path):
    claims = claims_of(tmp_path, WEEKDAY)
    assert claimant_of(claims, "high-speed railway") != "Tuesday"
    assert all(c["claimant"] != "Tuesday" for c in claims)


def test_a_nationality_adjective_is_no_claimant(db, tmp_path):
    claims = claims_of(tmp_path, DEMONYM)
    assert claimant_of(claims, "talks in Beijing") not in ("Chinese", "The Chinese")


def test_a_place_is_no_claimant_but_a_minister_is(db, tmp_path):
    assert claimant_of(claims_of(tmp_path, PLACE), "300 rumah") != "Jakarta"
    assert (
        claimant_of(claims_of(tmp_path, MINISTER), "300 rumah") == "Basuki Hadimuljono"
    )


def test_importing_creates_no_source_for_a_weekday_or_a_role(db, tmp_path):
    for text in (AMBASSADOR, WEEKDAY, DEMONYM, PLACE):
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        call_command(
            "import_article", str(path), "--publisher", "Antara",
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
    names = set(Source.objects.values_list("name", flat=True))
    assert not names & {"Tuesday", "Chinese", "The Chinese", "Jakarta"}
    assert not any("Besar" in name for name in names)
    assert "Retno Marsudi" in names


def test_the_gold_claimants_are_accepted(db, data_dir):
    data = run(data_dir / "tribunnews-nk-letter-2025.txt", "--dry-run")
    assert {"Donald Trump", "NK News"} <= {c["claimant"] for c in data["claims"]}
    data = run(
        data_dir / "en_reuters_2018-10-25_china-mattis-meeting-constructive.txt",
        "--dry-run",
    )
    assert {"Jim Mattis", "Wu Qian", "China’s defense ministry"} <= {
        c["claimant"] for c in data["claims"]
    }


UNKNOWN_BODY = (
    "JAKARTA - Harga beras di pasar induk naik menjadi Rp 14.000 per kilogram pada Juli 2023.\n\n"
    "Cikeas mengatakan jumlah kader partai naik 25 persen menjadi 1,7 juta orang pada 2023."
)


def test_a_known_source_or_alias_speaks_even_when_the_tagger_does_not_know_it(
    db, tmp_path
):
    # the tagger reads "Cikeas" (a residence standing for its party) as a place
    before = claimant_of(claims_of(tmp_path, UNKNOWN_BODY, "--dry-run"), "kader")
    assert before == "Antara"
    source = SourceFactory(name="Partai Demokrat")
    SourceAliasFactory(source=source, name="Cikeas")
    after = claims_of(tmp_path, UNKNOWN_BODY, "--dry-run")
    assert claimant_of(after, "kader") == "Cikeas"
    assert [c["claimant_source"] for c in after if "kader" in c["quote"]] == [source.pk]


def test_a_source_named_after_a_weekday_does_not_make_it_a_claimant(db, tmp_path):
    SourceFactory(name="Tuesday")  # left behind by an earlier import
    claims = claims_of(tmp_path, WEEKDAY, "--dry-run")
    assert all(c["claimant"] != "Tuesday" for c in claims)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Tuesday", "weekday"),
        ("Selasa", "weekday"),
        ("Agustus", "month"),
        ("September", "month"),
        ("Chinese", "demonym"),
        ("Chinese’s", "demonym"),
        ("Jakarta", "place"),
        ("Amerika Serikat", "place"),
        ("Spain", "place"),
        ("Besar Indonesia", "title"),
        ("Duta Besar Indonesia", "title"),
        ("The", "word"),
        ("What’s Trending Today", "word"),
        ("The Conversation Indonesia", ""),
        ("Retno Marsudi", ""),
        ("Kementerian Luar Negeri", ""),
        ("Polda Metro Jaya", ""),
        ("NK News", ""),
        ("China’s defense ministry", ""),
    ],
)
def test_what_the_rules_refuse(name, reason):
    assert claimants.refusal(name) == reason


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("Church of Scientology", True),
        ("Jim Mattis", True),
        ("China’s defense ministry", True),
        ("One reader from Virginia", False),
        ("Indonesia surpassed 1 million", False),
        ("Scientists", False),  # written "scientists" in the text
        ("@arisharp", True),
    ],
)
def test_english_names_must_be_written_as_names(name, accepted):
    check = claimants.Claimants(
        "Scientists said so. The scientists agreed.", [0, 20], "en"
    )
    assert check.accepts(name) is accepted
