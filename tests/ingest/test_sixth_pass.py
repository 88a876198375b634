"""Rules written in the sixth pass (the fourth blind held-out split, now "tuned_5"):
government texts (a transcript's first speaker label under its date and place lines,
a president called by a contraction of his name or by "Kepala Negara", a press
release a site carries with its credit after the text, a ministry's site named in
its dateline), a copied broadcast script's sign-on after an audio player's links.
Every sentence here is made up for the test, none is taken from a gold article."""

import datetime as dt

from ingest import attribution, datefinder, furniture, scoring
from ingest.names import NameIndex, body_of_site
from tests.ingest.importing import claim_with, import_json, quotes


def run(tmp_path, text, *args, published="2024-03-15", language="id"):
    return import_json(tmp_path, text, *args, published=published, language=language)


# --- government texts ---------------------------------------------------------------


def test_a_transcripts_first_label_under_its_date_and_place_lines_speaks(db, tmp_path):
    text = (
        "Keterangan Pers Gubernur Jawa Tengah Usai Meninjau Waduk Kedung Ombo\n\n"
        "Kamis, 14 Maret 2024\n"
        "Waduk Kedung Ombo, Kabupaten Boyolali, Provinsi Jawa Tengah\n\n"
        "Gubernur Jateng:\n"
        "Air waduk sekarang tinggal 40 persen dari kapasitasnya. Kami sudah mengirim "
        "12 mobil tangki ke desa-desa yang kekeringan.\n\n"
        "Wartawan:\n"
        "Kapan hujan diperkirakan turun, Pak?\n\n"
        "Gubernur Jateng:\n"
        "Menurut BMKG akhir bulan ini, ada 300 hektare sawah yang menunggu."
    )
    data = run(tmp_path, text, "--publisher", "Pemprov Jateng")
    assert claim_with(data, "40 persen")["claimant"] == "Gubernur Jateng"
    assert claim_with(data, "12 mobil tangki")["claimant"] == "Gubernur Jateng"
    assert "Gubernur Jateng:" not in quotes(data)
    assert "Gubernur Jateng:" not in data["boilerplate"]


def test_a_name_shortened_from_two_of_its_names_is_the_full_name():
    names = NameIndex(
        "Menteri Zulkifli Hasan datang ke pasar. Kata Zulhas, harga turun. Presiden "
        "Susilo Bambang Yudhoyono dan Gubernur Basuki Tjahaja Purnama hadir."
    )
    assert names.canonical("Zulhas") == "Zulkifli Hasan"
    assert names.canonical("Basuki") == "Basuki Tjahaja Purnama"
    # no contraction without the full name, nor from a name's own word
    assert NameIndex("Kata Zulhas, harga turun.").canonical("Zulhas") == "Zulhas"
    assert names.canonical("Susilo") != "Zulkifli Hasan"


def test_a_contracted_name_in_a_reporting_clause_is_the_person(db, tmp_path):
    text = (
        "Menteri Perdagangan Zulkifli Hasan meninjau Pasar Kramat Jati, Jakarta, pada "
        "Senin. Ia mengecek harga cabai dan bawang di 20 kios.\n\n"
        '"Harga cabai rawit turun menjadi Rp40.000 per kilogram," ujar Menteri Zulhas '
        "kepada wartawan."
    )
    data = run(tmp_path, text, "--publisher", "Warta Pasar")
    assert claim_with(data, "Rp40.000")["claimant"] == "Zulkifli Hasan"


def test_kepala_negara_is_the_president_the_text_named(db, tmp_path):
    text = (
        "Presiden Andi Wirawan meresmikan Bendungan Sungai Lebak di Banten pada "
        "Rabu, 13 Maret 2024.\n\n"
        "Kepala Negara menyampaikan bahwa bendungan itu mengairi 6.000 hektare sawah "
        "di tiga kabupaten."
    )
    data = run(tmp_path, text, "--publisher", "Warta Banten")
    claim = claim_with(data, "6.000 hektare")
    assert claim["claimant"] == "Andi Wirawan"


def test_a_release_carried_by_a_site_is_its_credited_bodys(db, tmp_path):
    text = (
        "Gubernur Tinjau Panen Raya di Karawang\n\n"
        "Karawang - Gubernur Jawa Barat Rudi Hartono meninjau panen raya di "
        "Kabupaten Karawang pada Kamis, 14 Maret 2024.\n\n"
        '"Produksi gabah tahun ini naik 8 persen," kata Rudi.\n\n'
        "Untuk diketahui, Karawang menghasilkan 1,1 juta ton gabah pada tahun "
        "2023.\n\n"
        "(Humas Pemprov Jabar)\n\n"
        "Baca Selengkapnya"
    )
    data = run(tmp_path, text, "--publisher", "Warta Karawang")
    own = claim_with(data, "1,1 juta ton")
    assert own["claimant"] == "Humas Pemprov Jabar"
    chain = [s["name"] for s in own["attribution_chain"]]
    assert chain == ["Humas Pemprov Jabar", "Warta Karawang"]
    assert claim_with(data, "8 persen")["claimant"] == "Rudi Hartono"
    assert "(Humas Pemprov Jabar)" in data["boilerplate"]


def test_an_editors_initials_after_the_text_credit_nobody(db, tmp_path):
    text = (
        "Karawang - Karawang menghasilkan 1,1 juta ton gabah pada tahun 2023, "
        "naik dari 1,0 juta ton setahun sebelumnya.\n\n"
        "(ant)"
    )
    data = run(tmp_path, text, "--publisher", "Warta Karawang")
    assert claim_with(data, "1,1 juta ton")["claimant"] == "Warta Karawang"


def test_a_ministrys_site_named_in_its_dateline_is_the_ministry(db, tmp_path):
    text = (
        "# source: https://pertanian.go.id/berita/panen\n"
        "Pemerintah Genjot Produksi Jagung\n"
        "Pertanian--Jakarta, Kementerian Pertanian menargetkan produksi jagung 15 "
        "juta ton pada tahun ini. Menurut Direktur Serealia Kementerian Pertanian "
        "Budi Santoso, lahan tanam bertambah 200 ribu hektare."
    )
    data = run(tmp_path, text)
    assert data["publisher"] == "Kementerian Pertanian"
    assert claim_with(data, "15 juta ton")["claimant"] == "Kementerian Pertanian"
    assert not any(q.startswith("Pertanian--") for q in quotes(data))


def test_a_sites_short_name_is_the_body_whose_name_holds_it():
    text = "Kemenko Bidang Kelautan Nusantara Rina Dewi hadir. Kemenko Bidang Kelautan."
    assert body_of_site("Kelautan", text) == "Kemenko Bidang Kelautan"
    assert body_of_site("Kelautan", "Dinas Kelautan.") == "Dinas Kelautan"
    assert body_of_site("Kelautan", "Laut Kelautan Raya.") == "Kelautan"


# --- broadcast scripts --------------------------------------------------------------


def test_a_sign_on_after_an_audio_players_links_is_furniture_and_names_the_outlet():
    line = "(Download MP3, Mirror) From Radio Nusantara, this is the Science report."
    assert furniture.sign_on_outlet(line) == "Radio Nusantara"
    assert furniture.furniture_reason(line, position=2, total=10) == "presenter"
    other = "From Monday, the bridge will be closed to lorries for 3 weeks."
    assert furniture.furniture_reason(other, position=2, total=10) == ""


def test_the_copied_scripts_outlet_is_its_publisher(db, tmp_path):
    text = (
        "# source: https://listenandlearn.blogspot.com/2024/03/\n"
        "March 14, 2024\n\n"
        "Rivers Are Getting Warmer\n\n"
        "(Listen, MP3) From Radio Nusantara, this is the Science report.\n\n"
        "Rivers in the region warmed by 1.2 degrees between 1990 and 2020, a study "
        "of 300 rivers found."
    )
    data = run(tmp_path, text, published=None, language="en")
    assert data["publisher"] == "Radio Nusantara"
    assert not any("this is the Science report" in q for q in quotes(data))


# --- furniture in plain text --------------------------------------------------------


def test_the_short_line_above_a_pictures_credit_is_its_caption(db, tmp_path):
    text = (
        "Flood Closes Harbour Road\n\n"
        "Water over the harbour road on Tuesday.\n"
        "Image: Port Authority of Redcliff.\n\n"
        "The harbour road was closed on Tuesday after 120 millimetres of rain fell "
        "in six hours, the town council said.\n"
        "Photo: Jane Roe."
    )
    data = run(tmp_path, text, "--publisher", "Redcliff Post", language="en")
    assert "Water over the harbour road on Tuesday." in data["boilerplate"]
    assert not any(q.startswith("Water over") for q in quotes(data))
    # a paragraph of the story above a credit stays the story's
    assert claim_with(data, "120 millimetres")


def test_a_plea_to_readers_and_a_wikis_note_on_its_reporting_are_furniture():
    for line in (
        "To keep going, our small newsroom needs the help of readers like you.",
        "This article features first-hand journalism by Wikiberita members. See the "
        "collaboration page for more details.",
        "Untuk terus terbit, kami butuh dukungan pembaca seperti Anda.",
    ):
        assert furniture.furniture_reason(line, position=20, total=30) == "site notice"
    story = "Readers of the paper rose to 40,000 in May, its editor said."
    assert furniture.furniture_reason(story, position=20, total=30) == ""


# --- dates --------------------------------------------------------------------------


def _dates(text, reference, language="en"):
    return [
        (m.text, m.value.value.isoformat(), m.value.precision, m.end_value)
        for m in datefinder.find_dates(text, reference=reference, language=language)
    ]


def test_a_year_spoken_in_lower_case_words_after_in_or_since():
    ref = dt.date(2015, 5, 1)
    found = _dates("In two thousand nine a farmer could sell rice for less.", ref)
    assert [(t, v) for t, v, _p, _e in found] == [("two thousand nine", "2009-01-01")]
    assert _dates("Since nineteen ninety-eight, the river has flooded twice.", ref)[0][
        1
    ] == ("1998-01-01")
    # a count is no year
    assert _dates("About two thousand nine hundred people came.", ref) == []
    assert _dates("In two thousand nine villages the wells ran dry.", ref) == []


def test_a_month_naming_a_thing_of_its_own_is_a_month_behind():
    ref = dt.date(2019, 8, 20)
    text = "The March flood was worse than May's storm. The March on the capital ended."
    found = [(t, v) for t, v, _p, _e in _dates(text, ref)]
    assert found == [("March", "2019-03-01"), ("May", "2019-05-01")]


def test_a_day_range_without_its_year_resolves_in_the_tenses_direction():
    ref = dt.date(2022, 11, 20)
    found = _dates("Pameran digelar pada 10-13 November lalu di Surabaya.", ref, "id")
    (_text, value, precision, end) = found[0]
    assert value == "2022-11-10" and precision == "day"
    assert end.value.isoformat() == "2022-11-13"


def test_a_yearless_day_weeks_after_the_reference_is_not_a_year_back():
    # a reference known only to its month is that month's first day
    ref = dt.date(2021, 3, 1)
    found = _dates("Rapat itu berlangsung Kamis (18/3) di Balai Kota.", ref, "id")
    assert found[0][1] == "2021-03-18"
    # months away it is still the last one before the reference
    assert _dates("Rapat berlangsung Kamis (18/6) di Balai Kota.", ref, "id")[0][1] == (
        "2020-06-18"
    )


def test_this_year_named_by_what_kind_of_year_it_is():
    ref = dt.date(2023, 9, 19)
    found = _dates("Di tahun anggaran ini dana desa naik 5 persen.", ref, "id")
    assert [(t, v, p) for t, v, p, _e in found] == [
        ("tahun anggaran ini", "2023-01-01", "year")
    ]
    assert _dates("Setiap tahun warga ini datang ke pasar.", ref, "id") == []


# --- who says it, in English --------------------------------------------------------


def test_it_says_after_an_organisation_publishes_its_report_is_the_organisation(
    db, tmp_path
):
    text = (
        "Malaria cases are rising again in the delta.\n\n"
        "Last year the Delta Health Institute published its annual survey of the "
        "region. It says cases rose from 12,000 in 2019 to 31,000 in 2023.\n\n"
        "Nurse Ana Lima works at the clinic in Port Vale. She said the clinic ran out "
        "of test kits twice in March.\n\n"
        "It said the clinic would get 500 more kits in April."
    )
    data = run(tmp_path, text, "--publisher", "Delta Times", language="en")
    assert claim_with(data, "31,000")["claimant"] == "Delta Health Institute"
    # "it" is never a person, and only the sentence just before names its body
    assert claim_with(data, "500 more kits")["claimant"] == "Delta Times"


def test_what_is_reported_or_said_in_the_passive_has_no_speaker(db, tmp_path):
    text = (
        "A storm crossed the bay on Sunday.\n\n"
        "Port Vale hospitals were reported to have run out of beds. Mayor Tom Reyes "
        "is said to have closed the port for 48 hours.\n\n"
        "Two Acme Corp warehouses were reported to have flooded overnight."
    )
    data = run(tmp_path, text, "--publisher", "Bay Herald", language="en")
    assert claim_with(data, "out of beds")["claimant"] == "Bay Herald"
    assert claim_with(data, "48 hours")["claimant"] == "Bay Herald"
    assert claim_with(data, "warehouses")["claimant"] == "Bay Herald"
    # the progressive is active: the doctors urge
    urging = attribution.attribute("Doctors are urging residents to boil water.", "en")
    assert urging is not None and urging.speaker.name == "Doctors"


# --- check-worthiness of government lines -------------------------------------------


def test_a_statement_said_with_a_hoping_or_appealing_verb_is_a_hope_or_appeal():
    hoped = scoring.features(
        "Dengan jembatan baru, waktu tempuh ke pelabuhan akan turun.",
        has_dates=False,
        attributed=True,
        verb="berharap",
    )
    assert "hope" in hoped
    urged = scoring.features(
        "Residents boil their water.", has_dates=False, attributed=True, verb="urged"
    )
    assert "hedge" in urged
    said = scoring.features(
        "Waktu tempuh ke pelabuhan turun 40 menit.",
        has_dates=False,
        attributed=True,
        verb="mengatakan",
    )
    assert "hope" not in said and "hedge" not in said


def test_an_appeal_a_ceremonys_formula_and_a_call_for_cooperation_are_not_facts():
    for statement, feature in (
        ("Agar sengketa lahan itu diselesaikan lewat musyawarah.", "hedge"),
        ("Supaya semua pihak menahan diri.", "hedge"),
        ("Perlu ada koordinasi antardaerah untuk menangani banjir.", "hedge"),
        ("Bismillah, Pasar Induk Cikole pagi ini saya nyatakan dibuka.", "pleasantry"),
        ("I hereby declare the new terminal open.", "pleasantry"),
    ):
        assert feature in scoring.features(statement, has_dates=False, attributed=True)
    # a purpose clause inside a fact is no appeal
    fact = "Harga solar dinaikkan agar subsidi turun 12 persen."
    assert "hedge" not in scoring.features(fact, has_dates=False, attributed=True)


def test_a_presidents_hope_said_with_berharap_is_not_pre_ticked(db, tmp_path):
    text = (
        "Presiden Andi Wirawan meresmikan Pelabuhan Teluk Biru di Maluku pada Rabu, "
        "13 Maret 2024.\n\n"
        "Presiden juga berharap, dengan beroperasinya pelabuhan itu, harga barang di "
        "pulau-pulau sekitar Teluk Biru menjadi lebih murah bagi warga Maluku."
    )
    data = run(tmp_path, text, "--publisher", "Warta Maluku")
    hope = claim_with(data, "lebih murah")
    assert not hope["suggested"]
    assert "hope" in [reason["feature"] for reason in hope["reasons"]]


def test_the_name_before_a_relative_clause_or_an_apposition_speaks(db, tmp_path):
    text = (
        "The harbour lost work this spring.\n\n"
        "Maria Lopez, who heads the Harbour Union, said the port lost 300 jobs in "
        "March. Tom Reyes, a former adviser to Governor Ann Cole, said that the new "
        "crane cost 2 million dollars. Dockwatch, a blog about the Port Authority "
        "has reported that 14 ships waited at anchor on Monday."
    )
    data = run(tmp_path, text, "--publisher", "Bay Herald", language="en")
    assert claim_with(data, "300 jobs")["claimant"] == "Maria Lopez"
    assert claim_with(data, "2 million dollars")["claimant"] == "Tom Reyes"
    assert claim_with(data, "14 ships")["claimant"] == "Dockwatch"
    # the statement is what was said, not the clause about the speaker
    assert claim_with(data, "300 jobs")["statement"].startswith("The port lost")


def test_more_indonesian_reporting_verbs_after_a_quotation(db, tmp_path):
    text = (
        "Koperasi Nelayan Jaya mencatat hasil tangkapan bulan ini.\n\n"
        '"Tangkapan tuna naik 30 persen dibanding Januari," beber Ketua Koperasi '
        "Rahmat Hidayat.\n\n"
        '"Harga solar untuk kapal juga turun Rp500 per liter," sambung Rahmat.\n\n'
        '"Kami menjual 12 ton ikan ke Surabaya pekan ini," tandas Sekretaris '
        "Koperasi Dewi Lestari.\n\n"
        '"Ekspor ikan koperasi kami mencapai 40 ton tahun lalu," urai Dewi Lestari.'
    )
    data = run(tmp_path, text, "--publisher", "Warta Bahari")
    assert claim_with(data, "30 persen")["claimant"] == "Rahmat Hidayat"
    assert claim_with(data, "Rp500")["claimant"] == "Rahmat Hidayat"
    assert claim_with(data, "12 ton")["claimant"] == "Dewi Lestari"
    assert claim_with(data, "40 ton")["claimant"] == "Dewi Lestari"


# --- interviews ---------------------------------------------------------------------


def test_initials_as_a_label_are_the_name_the_pages_address_spells(db, tmp_path):
    text = (
        "# source: https://warta.example/a/wawancara-dengan-menteri-rina-kartika-di-"
        "jenewa/12345.html\n"
        "Kartika tiba di Jenewa pada Senin untuk sidang WHO.\n\n"
        "WB: Bu RK, berapa dana yang dibawa Indonesia?\n\n"
        "RK: Kami membawa komitmen 20 juta dolar untuk dana pandemi.\n\n"
        "WB: Apa lagi yang dibahas?\n\n"
        "RK: Indonesia mengusulkan 3 pusat produksi vaksin di Asia Tenggara."
    )
    data = run(tmp_path, text, "--publisher", "WB")
    assert claim_with(data, "20 juta dolar")["claimant"] == "Rina Kartika"
    assert claim_with(data, "3 pusat produksi")["claimant"] == "Rina Kartika"


def test_a_pages_address_read_as_a_title():
    url = "https://example.org/news/mayor-of-redcliff-opens-the-new-bridge/9.html"
    assert furniture.url_title(url) == "Mayor of Redcliff Opens the New Bridge"
    assert furniture.url_title("https://example.org/a/12345.html") == ""


def test_according_to_attributes_its_own_sentence_and_no_more(db, tmp_path):
    text = (
        "A fire broke out at the Redcliff paper mill on Friday.\n\n"
        "According to the Redcliff Fire Service, the fire started at 3 a.m. in the "
        "drying hall. More than 40 workers were on the night shift."
    )
    data = run(tmp_path, text, "--publisher", "Bay Herald", language="en")
    assert claim_with(data, "3 a.m.")["claimant"] == "Redcliff Fire Service"
    assert claim_with(data, "40 workers")["claimant"] == "Bay Herald"


def test_menurut_attributes_its_own_sentence_but_menurutnya_goes_on(db, tmp_path):
    text = (
        "Kebakaran melanda pabrik kertas di Cikarang pada Jumat dini hari.\n\n"
        "Menurut Badan Pusat Statistik, produksi kertas Jawa Barat mencapai 3,1 juta "
        "ton pada 2023. Pabrik itu memasok 12 persen dari jumlah tersebut.\n\n"
        "Kepala pabrik Tom Reyes ikut memadamkan api. Menurutnya, kerugian mencapai "
        "2 juta dolar. Mesin pengering rusak total dan butuh 6 bulan untuk diganti."
    )
    data = run(tmp_path, text, "--publisher", "Warta Cikarang")
    assert claim_with(data, "3,1 juta")["claimant"] == "Badan Pusat Statistik"
    assert claim_with(data, "12 persen")["claimant"] == "Warta Cikarang"
    assert claim_with(data, "6 bulan")["claimant"] == "Tom Reyes"
