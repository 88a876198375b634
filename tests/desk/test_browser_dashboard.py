"""An editor opens the desk's dashboard from the header, picks four weeks up to
4 March 2026, reads its server-rendered SVG charts and their figures for a known
desk (tests/desk/test_dashboard.py's ``known_desk``), and downloads the CSV.
Real Chromium, once with the browser in English and once in Indonesian: headings,
chart titles, legends and labels are hard-coded per language, so a missing
translation fails."""

import csv
import re

import pytest
from playwright.sync_api import expect

from tests.clients import confirmed_device
from tests.desk.test_browser_assign import desk_page
from tests.desk.test_browser_workflow import log_in
from tests.desk.test_dashboard import known_desk
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "dashboard": "Dashboard",
        "title": "How the desk is doing",
        "weeks": "Weeks:",
        "end": "Up to the week of:",
        "show": "Show",
        "csv": "Download these figures (CSV)",
        "medians": (
            "Median from capture to publication: 7.0 days. "
            "From submission to publication: 2.0 days."
        ),
        "headings": [
            "Captured, submitted and published per week",
            "Median time to publication",
            "Backlog by status and age",
            "Verdicts over time",
            "Top claimants by fact-checks published",
            "Each fact-checker's throughput",
        ],
        "chart_titles": [
            "Claims captured, submitted and published per week",
            "Median days to publication, per week of publication",
            "Open claims by status and age",
            "Verdicts published per month",
            "Claimants with the most fact-checks published",
        ],
        "flow_legend": ["captured", "submitted", "published"],
        "durations_legend": ["from capture", "from submission"],
        "figures": "The figures",
        "ages": ["under a week", "1–4 weeks", "1–3 months", "over 3 months"],
        "statuses": ["New", "Researching", "In review"],
        "verdicts": ["True", "False"],
        **{n: n for n in ("4.0", "2.0", "8.0", "1.7")},
    },
    "id": {
        "dashboard": "Dasbor",
        "title": "Kinerja meja redaksi",
        "weeks": "Minggu:",
        "end": "Sampai minggu tanggal:",
        "show": "Tampilkan",
        "csv": "Unduh angka-angka ini (CSV)",
        "medians": (
            "Median dari dicatat hingga terbit: 7,0 hari. "
            "Dari diajukan hingga terbit: 2,0 hari."
        ),
        "headings": [
            "Dicatat, diajukan, dan diterbitkan per minggu",
            "Median waktu hingga terbit",
            "Tunggakan menurut status dan umur",
            "Putusan dari waktu ke waktu",
            "Pembuat klaim teratas menurut cek fakta terbit",
            "Hasil kerja tiap pemeriksa fakta",
        ],
        "chart_titles": [
            "Klaim dicatat, diajukan, dan diterbitkan per minggu",
            "Median hari hingga terbit, per minggu terbit",
            "Klaim terbuka menurut status dan umur",
            "Putusan yang diterbitkan per bulan",
            "Pembuat klaim dengan cek fakta terbit terbanyak",
        ],
        "flow_legend": ["dicatat", "diajukan", "diterbitkan"],
        "durations_legend": ["sejak dicatat", "sejak diajukan"],
        "figures": "Angka-angkanya",
        "ages": [
            "kurang dari seminggu",
            "1–4 minggu",
            "1–3 bulan",
            "lebih dari 3 bulan",
        ],
        "statuses": ["Baru", "Diteliti", "Ditinjau"],
        "verdicts": ["Benar", "Salah"],
        **{n: n.replace(".", ",") for n in ("4.0", "2.0", "8.0", "1.7")},
    },
}


def cells(rows):
    return [row.split("\t") for row in rows.all_inner_texts()]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_editor_reads_the_dashboard_and_downloads_its_csv(live_server, browser, lang):
    text = TEXT[lang]
    known_desk()
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))

    context, page = desk_page(browser, lang)
    log_in(page, live_server, "editor")
    page.locator("#user-tools").get_by_role(
        "link", name=text["dashboard"], exact=True
    ).click()
    expect(page.locator("#content h1")).to_have_text(text["title"])
    page.get_by_label(text["weeks"], exact=True).fill("4")
    page.get_by_label(text["end"], exact=True).fill("2026-03-04")
    page.get_by_role("button", name=text["show"], exact=True).click()
    expect(page).to_have_url(re.compile(r"\?weeks=4&end=2026-03-04$"))
    window = page.locator("#cd-window")
    expect(window).to_contain_text("2026-02-09")
    expect(window).to_contain_text(text["medians"])

    # Six panels, each headed in the page's language; five SVG charts, each
    # with a title that says what it shows.
    expect(page.locator(".cd-panel h2")).to_have_text(text["headings"])
    charts = page.locator("svg.cd-chart")
    expect(charts).to_have_count(5)
    titles = [c.locator(":scope > title").text_content() for c in charts.all()]
    assert titles == text["chart_titles"]
    for chart in charts.all():
        assert chart.get_attribute("role") == "img"
        assert chart.bounding_box()["width"] > 300  # drawn, not collapsed
    flow, durations, backlog, verdicts, claimants = charts.all()
    for word in text["flow_legend"]:
        expect(flow.locator(".cd-chart__legend")).to_contain_text(word)
    for word in text["durations_legend"]:
        expect(durations.locator(".cd-chart__legend")).to_contain_text(word)
    expect(backlog.locator(".cd-chart__legend tspan:not([fill])")).to_have_text(
        text["ages"]
    )
    expect(backlog.locator(".cd-chart__label")).to_have_text(text["statuses"])
    expect(claimants.locator(".cd-chart__label")).to_have_text(
        ["NK News", "Donald Trump"]
    )
    expect(claimants.locator(".cd-chart__count")).to_have_text(["2", "1"])
    # February: two "False", one "True"; the rating labels in the page's language.
    expect(page.locator("#cd-verdicts .cd-legend li")).to_have_text(text["verdicts"])
    bars = [t.text_content() for t in verdicts.locator("rect > title").all()]
    assert [bar.split(" ", 2)[-1] for bar in bars] == [
        f"{text['verdicts'][0]}: 1",
        f"{text['verdicts'][1]}: 2",
    ]

    # The figures behind the charts.
    page.locator("#cd-flow summary").get_by_text(text["figures"]).click()
    assert cells(page.locator("#cd-flow tbody tr")) == [
        ["2026-02-09", "1", "1", "1", text["4.0"], text["2.0"]],
        ["2026-02-16", "2", "1", "0", "–", "–"],
        ["2026-02-23", "0", "2", "2", text["8.0"], text["1.7"]],
        ["2026-03-02", "1", "0", "0", "–", "–"],
    ]
    expect(page.locator("#cd-backlog thead th")).to_have_text(["status", *text["ages"]])
    assert cells(page.locator("#cd-backlog tbody tr")) == [
        [text["statuses"][0], "1", "0", "0", "0"],
        [text["statuses"][1], "0", "1", "0", "1"],
        [text["statuses"][2], "0", "0", "0", "1"],
    ]
    assert cells(page.locator("#cd-throughput tbody tr")) == [
        ["alice", "2", "2"],
        ["bob", "2", "1"],
    ]

    # The CSV link downloads the same window's figures.
    with page.expect_download() as download:
        page.get_by_role("link", name=text["csv"], exact=True).click()
    assert download.value.suggested_filename.endswith(".csv")
    with open(download.value.path(), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["figure", "label", "series", "value"]
    assert ["weekly", "2026-02-16", "captured", "2"] in rows
    assert ["throughput", "alice", "published", "2"] in rows
    context.close()
