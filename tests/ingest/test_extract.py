"""What was said and by whom, what is suggested, dates by tense, and the review
screen's new parts (issue 12), through the pipeline, the command and the admin."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from claims.models import Claim, ClaimDate, Source
from ingest.evaluation import evaluate, names_match
from ingest.pipeline import analyse
from ingest.scoring import load_model
from tests.factories import ClaimFactory, SourceAliasFactory, SourceFactory, UserFactory

from .conftest import (
    GOLD_FILES,
    HELDOUT_FILES,
    TUNED_3_FILES,
    TUNED_4_FILES,
    TUNED_5_FILES,
    TUNED_FILES,
)
from .test_admin import URL, review_data

AUGUST_2023 = dt.date(2023, 8, 8)  # a Tuesday


def by_statement(analysis, start):
    found = [c for c in analysis.candidates if c.statement.startswith(start)]
    assert found, [c.statement for c in analysis.candidates]
    return found[0]


# --- the statement is the reported clause ---


def test_a_leading_subordinate_clause_is_not_the_statement():
    analysis = analyse(
        "After attending the ASEAN 56th Anniversary commemoration event here on "
        "Tuesday, Jokowi explained that the readiness is expected to reach 100 "
        "percent so it is ready during the ASEAN Summit in September.",
        language="en",
        published=AUGUST_2023,
    )
    (candidate,) = analysis.candidates
    assert candidate.statement.startswith("The readiness is expected to reach 100")
    assert "After attending" not in candidate.statement
    assert candidate.claimant == "Jokowi"
    # a bare month in a sentence about what will happen lies ahead
    assert {"value": "2023-09", "precision": "month"}.items() <= {
        k: v for d in candidate.dates for k, v in d.items() if d["text"] == "September"
    }.items()


@pytest.mark.parametrize(
    ("text", "statement", "claimant"),
    [
        (
            "Retno Marsudi mengatakan Indonesia sudah mengirim 150 ton bantuan.",
            "Indonesia sudah mengirim 150 ton bantuan.",
            "Retno Marsudi",
        ),
        (
            "Indonesia sudah mengirim 150 ton bantuan ke Gaza, kata Retno Marsudi.",
            "Indonesia sudah mengirim 150 ton bantuan ke Gaza.",
            "Retno Marsudi",
        ),
        (
            "Menurut Retno Marsudi, Indonesia sudah mengirim 150 ton bantuan.",
            "Indonesia sudah mengirim 150 ton bantuan.",
            "Retno Marsudi",
        ),
    ],
)
def test_either_order_gives_the_reported_clause(text, statement, claimant):
    (candidate,) = analyse(text, language="id").candidates
    assert candidate.statement == statement
    assert candidate.claimant == claimant


def test_a_speaker_tag_split_off_its_quote_is_no_candidate_and_no_dangling_quote():
    analysis = analyse(
        'Jakarta - "We have built 12 new hotels in Labuan Bajo." Jokowi remarked.\n\n'
        '"The preparations have reached 90 percent," Jokowi remarked.',
        language="en",
        published=AUGUST_2023,
    )
    statements = [c.statement for c in analysis.candidates]
    assert statements == [
        "We have built 12 new hotels in Labuan Bajo.",
        "The preparations have reached 90 percent.",
    ]
    assert [c.claimant for c in analysis.candidates] == ["Jokowi", "Jokowi"]
    assert not any('"' in s or "remarked" in s for s in statements)


# --- speakers across sentences; citing chains ---


SPEECH = (
    "Jakarta - Indonesia telah mengirim 150 ton bantuan ke Gaza sejak Oktober 2023. "
    "Hal itu diungkap Menteri Luar Negeri RI, Retno Marsudi.\n\n"
    "Ia menambahkan bahwa Indonesia telah mengirim 200 dokter ke Rafah.\n\n"
    "Dikutip TribunWow.com dari kemlu.go.id, Retno menerima kunjungan Menlu "
    "Belanda pada Senin (12/2/2024).\n\n"
    "Mengutip Antara, Presiden Joko Widodo mengatakan bahwa pertumbuhan ekonomi "
    "mencapai 5,1 persen pada 2023.\n\n"
    "Retno menyebut Indonesia sudah mengirim tiga pesawat ke Mesir. "
    '"Kita sudah mengirim tiga pesawat ke Mesir," kata Retno.'
)


@pytest.fixture(scope="module")
def speech():
    return analyse(SPEECH, language="id", published=dt.date(2024, 2, 14))


def test_hal_itu_diungkap_gives_the_speaker_the_sentence_before(speech):
    aid = by_statement(speech, "Indonesia telah mengirim 150 ton")
    assert aid.claimant == "Retno Marsudi"
    assert not any(c.statement.startswith("Hal itu") for c in speech.candidates)


def test_ia_menambahkan_points_back_to_the_last_speaker(speech):
    assert by_statement(speech, "Indonesia telah mengirim 200").claimant == (
        "Retno Marsudi"
    )


def test_dikutip_x_dari_y_makes_y_the_claimant_quoted_by_x(speech):
    visit = by_statement(speech, "Retno menerima kunjungan")
    assert visit.claimant == "kemlu.go.id"
    assert visit.attribution_chain == [
        {"name": "kemlu.go.id"},
        {"name": "TribunWow.com", "link": "quoted_by"},
    ]


def test_mengutip_x_keeps_the_speaker_and_adds_the_outlet(speech):
    growth = by_statement(speech, "Pertumbuhan ekonomi mencapai 5,1 persen")
    assert growth.claimant == "Joko Widodo"
    assert growth.attribution_chain[-1] == {"name": "Antara", "link": "quoted_by"}


def test_according_to_x_citing_y_makes_y_the_claimant():
    (candidate,) = analyse(
        "The army moved 3,000 troops to the border, according to Reuters, citing "
        "the Defence Ministry.",
        language="en",
    ).candidates
    assert candidate.claimant == "the Defence Ministry"
    assert candidate.attribution_chain[-1] == {"name": "Reuters", "link": "quoted_by"}


def test_a_paraphrase_and_its_direct_quote_are_one_claim_with_two_appearances(speech):
    planes = [c for c in speech.candidates if "tiga pesawat" in c.statement]
    assert len(planes) == 1
    assert len(planes[0].repeats) == 1
    assert "Kita sudah mengirim" in SPEECH[planes[0].repeats[0][0] :]


def test_an_interviews_answers_are_the_interviewees():
    analysis = analyse(
        "Wawancara VOA dengan Jusuf Kalla di New York.\n\n"
        "VOA: Selamat datang di studio VOA.\n\n"
        "JK: Terima kasih, senang sekali datang lagi ke sini.\n\n"
        "Berapa bantuan Indonesia untuk Palestina tahun ini?\n\n"
        "Indonesia sudah memberi 2 juta dolar kepada UNRWA tahun ini.\n\n"
        "Apa yang dibahas dengan Presiden Trump?\n\n"
        "Kami membahas perdagangan senilai 28 miliar dolar.",
        language="id",
        publisher="VOA Indonesia",
    )
    money = by_statement(analysis, "Indonesia sudah memberi 2 juta")
    assert names_match(money.claimant, "Jusuf Kalla") or money.claimant == "JK"
    assert by_statement(analysis, "Kami membahas").claimant == money.claimant


# --- suggested ---


def test_hopes_plans_and_pleasantries_are_not_suggested_but_facts_are():
    analysis = analyse(
        "Jakarta - Ekspor Indonesia naik 12 persen menjadi 250 miliar dolar pada "
        "2023, kata Menteri Perdagangan Zulkifli Hasan.\n\n"
        '"Mudah-mudahan tahun depan semuanya bisa lebih baik," ujarnya.\n\n'
        '"Terima kasih atas dukungan semua pihak," kata Zulkifli.\n\n'
        "Kita harus terus berupaya memperkuat kerja sama bersama-sama, ujar dia.",
        language="id",
        published=dt.date(2024, 1, 10),
    )
    suggested = {c.statement: c.suggested for c in analysis.candidates}
    assert suggested.pop(next(s for s in suggested if s.startswith("Ekspor"))) is True
    assert not any(suggested.values()), suggested
    exports = analysis.candidates[0]
    assert ["number", round(load_model().weights["number"], 2)] in exports.reasons


def test_a_photo_caption_is_never_suggested():
    analysis = analyse(
        "Presiden Joko Widodo meninjau 3 bendungan di Jawa Tengah pada 2023. "
        "(Foto: ANTARA FOTO/Hafidz Mubarak)\n\n"
        "Bendungan itu menampung 50 juta meter kubik air, kata Basuki Hadimuljono.",
        language="id",
    )
    for candidate in analysis.candidates:
        if "Foto" in candidate.quote:
            assert not candidate.suggested


def test_the_json_output_carries_suggested_and_the_reasons(db, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Jakarta - Ekspor Indonesia naik 12 persen pada 2023, kata Menteri "
        "Perdagangan Zulkifli Hasan.\n\n"
        '"Semoga semuanya lancar dan kita bisa bertemu lagi," ujarnya.',
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "import_article", str(article), "--dry-run", "--json", "--language", "id",
        stdout=out,
    )  # fmt: skip
    claims = json.loads(out.getvalue())["claims"]
    assert [c["suggested"] for c in claims] == [True, False]
    number = round(load_model().weights["number"], 2)
    assert {"feature": "number", "weight": number} in claims[0]["reasons"]
    assert not Source.objects.exists()  # a dry run creates no Source


# --- dates by tense ---


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        (
            "Menteri itu mengatakan KTT akan digelar pada bulan Mei di Jakarta.",
            "id",
            [("2024-05", "month", None)],
        ),
        (
            "Menteri itu mengatakan KTT digelar pada bulan Mei di Jakarta.",
            "id",
            [("2023-05", "month", None)],
        ),
        (
            "The minister said he met 40 investors last week in Jakarta.",
            "en",
            [("2023-07-31", "week", "2023-08-06")],
        ),
        (
            "Menteri itu mengatakan sidang digelar pada 10 dan 13 November 2022.",
            "id",
            [("2022-11-10", "day", None), ("2022-11-13", "day", None)],
        ),
        (
            "Menteri itu mengatakan rapat akan digelar pekan depan di Bali.",
            "id",
            [("2023-08-14", "week", "2023-08-20")],
        ),
    ],
)
def test_dates_follow_the_tense(sentence, language, expected):
    (candidate,) = analyse(
        sentence, language=language, published=AUGUST_2023
    ).candidates
    found = [(d["value"], d["precision"], d.get("end")) for d in candidate.dates]
    assert found == expected


# --- sources reused by name, alias or close variant ---


@pytest.mark.django_db
def test_close_variants_and_aliases_reuse_the_existing_source():
    from ingest.services import existing_source

    liputan6 = SourceFactory(name="Liputan6", kind="outlet")
    jokowi = SourceFactory(name="Joko Widodo", kind="person")
    SourceAliasFactory(source=jokowi, name="Jokowi")
    voa = SourceFactory(name="VOA Indonesia", kind="outlet")
    assert existing_source("liputan6.com") == liputan6
    assert existing_source("Jokowi") == jokowi
    assert existing_source("Voaindonesia") == voa
    assert existing_source("Tuesday") is None


def test_a_host_name_is_spelled_as_the_text_writes_it():
    analysis = analyse(
        "# source: https://www.voaindonesia.com/a/berita/123.html\n"
        "Gempa berkekuatan 7,4 melanda Palu pada 28 September 2018, lapor VOA "
        "Indonesia.",
        language="id",
    )
    assert analysis.publisher == "VOA Indonesia"


def test_a_host_with_a_generic_tail_is_spelled_as_the_text_writes_it():
    analysis = analyse(
        "# source: https://globalvoicesonline.org/2012/07/20/jakarta/\n"
        "Turnout reached 65 percent in the Jakarta run-off, Global Voices reported.",
        language="en",
    )
    assert analysis.publisher == "Global Voices"


# --- the review screen ---

REVIEW_TEXT = (
    "Jakarta - Ekspor Indonesia naik 12 persen menjadi 250 miliar dolar pada 2023, "
    "kata Menteri Perdagangan Zulkifli Hasan.\n\n"
    '"Mudah-mudahan tahun depan semuanya bisa lebih baik," ujarnya.\n\n'
    "Rapat evaluasi digelar pekan lalu di Jakarta, kata Zulkifli."
)


def _review(client, user, **extra):
    client.force_login(user)
    data = {"text": REVIEW_TEXT, "language": "id", "published_on": "2024-01-10"}
    response = client.post(URL, {**data, **extra})
    assert response.status_code == 200
    return response


def test_the_review_screen_pre_ticks_suggested_and_says_why(client, fact_checker):
    response = _review(client, fact_checker)
    rows = response.context["rows"]
    assert [r["form"].initial["accept"] for r in rows] == [
        r["candidate"].suggested for r in rows
    ]
    assert rows[0]["form"].initial["accept"] and not rows[1]["form"].initial["accept"]
    html = response.content.decode()
    assert f"+{round(load_model().weights['number'], 2)} a number" in html
    assert "a hope or wish" in html  # why the hope scored low
    assert "<mark>" in html  # the quote in its context
    assert "saving creates it" in html  # the claimant is a new Source
    assert "2024-01-01..2024-01-07 event" in html  # "pekan lalu", editable


def test_a_known_claimant_is_marked_known(client, fact_checker):
    SourceFactory(name="Zulkifli Hasan", kind="person")
    response = _review(client, fact_checker)
    assert response.context["rows"][0]["claimant_source"] is not None
    assert "known source" in response.content.decode()


def test_the_source_autocomplete_lists_existing_sources(client, fact_checker, outsider):
    source = SourceFactory(name="Zulkifli Hasan", kind="person")
    SourceAliasFactory(source=source, name="Zulhas")
    client.force_login(fact_checker)
    url = "/admin/import/sources/"
    assert client.get(url, {"q": "zulh"}).json()["results"][0]["name"] == (
        "Zulkifli Hasan"
    )
    assert client.get(url, {"q": "z"}).json() == {"results": []}
    assert client.get(url, {"q": "\x00zz"}).status_code in (200, 400)  # never a 500
    client.force_login(outsider)
    assert client.get(url, {"q": "zul"}).status_code == 403


def test_edited_dates_and_the_assignee_are_saved(client, fact_checker):
    checker = UserFactory(username="rina", first_name="Rina", last_name="Wati")
    response = _review(client, fact_checker)

    def decide(i, row):
        row["accept"] = i == 0
        if i == 0:
            row["dates"] = "2023 event\n2024-01-05..2024-01-07 reported"

    data = review_data(response, decide)
    data["assignee"] = str(checker.pk)
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (claim,) = Claim.objects.all()
    assert claim.assignee == checker
    dates = sorted(
        (d.role, d.start.isoformat(), d.precision, d.end and d.end.isoformat())
        for d in ClaimDate.objects.filter(claim=claim)
    )
    assert dates == [
        ("event", "2023-01-01", "year", None),
        ("reported", "2024-01-05", "day", "2024-01-07"),
    ]


def test_a_bad_date_line_is_a_form_error_and_saves_nothing(client, fact_checker):
    response = _review(client, fact_checker)

    def decide(i, row):
        row["accept"] = i == 0
        if i == 0:
            row["dates"] = "2023-13 event"

    response = client.post(URL, review_data(response, decide))
    assert response.status_code == 200
    assert "Line 1" in response.content.decode()
    assert not Claim.objects.exists()


def test_the_claims_list_sorts_by_check_worthiness(client, editor):
    ClaimFactory(statement="Low claim", checkworthiness=0.1)
    ClaimFactory(statement="High claim", checkworthiness=0.9)
    ClaimFactory(statement="Middle claim", checkworthiness=0.5)
    client.force_login(editor)
    changelist = "/admin/claims/claim/"
    response = client.get(changelist)
    assert "check-worthiness" in response.content.decode().lower()
    column = response.context["cl"].list_display.index("checkworthiness_display")
    html = client.get(changelist, {"o": f"-{column}"}).content.decode()
    assert (
        html.index("High claim") < html.index("Middle claim") < html.index("Low claim")
    )
    html = client.get(changelist, {"o": f"{column}"}).content.decode()
    assert html.index("Low claim") < html.index("High claim")


# --- quality on the gold splits ---


def test_the_seed_articles_meet_the_suggested_precision_target():
    _scores, total = evaluate(GOLD_FILES)
    assert total.suggested_precision >= 0.8
    assert total.suggested_recall >= 0.9


def test_the_split_is_disjoint_and_both_sides_are_scored():
    assert not set(TUNED_FILES) & set(TUNED_3_FILES)
    assert not set(TUNED_4_FILES) & (set(TUNED_FILES) | set(TUNED_3_FILES))
    assert not set(TUNED_5_FILES) & (set(TUNED_FILES) | set(TUNED_4_FILES))
    tuned_any = set(TUNED_FILES) | set(TUNED_3_FILES) | set(TUNED_4_FILES)
    tuned_any |= set(TUNED_5_FILES)
    assert not tuned_any & set(HELDOUT_FILES)
    _scores, tuned = evaluate(TUNED_FILES)
    _scores, tuned_3 = evaluate(TUNED_3_FILES)
    # regression floors at the figures measured when this was written
    assert tuned.recall >= 0.95 and tuned_3.recall >= 0.9
    assert tuned.claimant_accuracy >= 0.7
