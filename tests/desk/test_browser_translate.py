"""A fact-checker translates a published fact-check in the desk; a reader reads
the translation on the public page. Real Chromium, once with the desk and the
reader's browser in English (an English claim translated into Indonesian) and
once in Indonesian (an Indonesian claim translated into English).

The fact-checker finds the claim under the claims list's "missing: <language>"
filter, writes the statement and verdict summary in the claim page's
translations inline, saves, and the filter no longer lists it. The reader opens
the claim page in the claim's own language, switches the site's language, and
reads the translation; the page links its language versions with ``hreflang``,
and a claim nobody translated carries the "not yet translated" note instead.
The visible text is hard-coded per language: a missing translation fails."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import ClaimTranslation
from tests.desk.test_browser_assign import desk_page
from tests.desk.test_browser_workflow import log_in
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Per run: the desk's and the reader's first language, the claims' language,
#: the language translated into, and what each step shows, as written in each
#: language (not looked up in the catalogue: a missing translation would then
#: pass as English).
RUNS = {
    "en": {
        "other": "id",
        "statement": "North Korea refused a letter from Trump.",
        "summary": "NK News reported it and nobody denied it.",
        "translated_statement": "Korea Utara menolak surat dari Trump.",
        "translated_summary": "NK News melaporkannya dan tak ada yang membantah.",
        "untranslated": "The bridge opened in 1932.",
        # the desk, in English
        "missing": "missing: Bahasa Indonesia",
        "translated": "translated: Bahasa Indonesia",
        "missing_column": "translations missing",
        "change_claim": "Change claim",
        "add_translation": "Add another Translation",
        "saved": "was changed successfully",
        # the public site: the switch in English, the page then in Indonesian
        "switch": "Switch",
        "also_in": "Juga tersedia dalam: English",
        "original_name": "English",
        "not_yet": (
            "Belum diterjemahkan: cek fakta ini ditampilkan dalam bahasa aslinya "
            "(Bahasa Inggris)."
        ),
    },
    "id": {
        "other": "en",
        "statement": "Korea Utara menolak surat dari Trump.",
        "summary": "NK News melaporkannya dan tak ada yang membantah.",
        "translated_statement": "North Korea refused a letter from Trump.",
        "translated_summary": "NK News reported it and nobody denied it.",
        "untranslated": "Jembatan itu dibuka pada 1932.",
        "missing": "belum ada: English",
        "translated": "sudah diterjemahkan: English",
        "missing_column": "terjemahan yang belum ada",
        "change_claim": "Ubah klaim",
        "add_translation": "Tambahkan Terjemahan lagi",
        "saved": "berhasil diubah",
        "switch": "Ganti",
        "also_in": "Also available in: Bahasa Indonesia",
        "original_name": "Bahasa Indonesia",
        "not_yet": (
            "Not yet translated: this fact-check is shown in its original "
            "language (Indonesian)."
        ),
    },
}
CLAIMS = "/admin/claims/claim/"


def filter_link(page, text):
    return page.locator("#changelist-filter").get_by_role("link", name=text, exact=True)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_fact_checker_translates_and_the_reader_reads_it(live_server, browser, lang):
    run = RUNS[lang]
    other = run["other"]
    UserFactory(username="fc", groups=["Fact-checkers"])
    claim = ClaimFactory(
        published=True,
        language=lang,
        statement=run["statement"],
        verdict_summary=run["summary"],
    )
    untranslated = ClaimFactory(
        published=True, language=lang, statement=run["untranslated"]
    )
    # written in the language it would be translated into: never "missing" it
    in_other = ClaimFactory(
        published=True, language=other, statement="Already in the other language."
    )

    # The fact-checker lists the claims still missing a translation.
    context, page = desk_page(browser, lang)
    log_in(page, live_server, "fc")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.goto(f"{live_server.url}{CLAIMS}")
    expect(page.locator("#result_list thead")).to_contain_text(
        run["missing_column"], ignore_case=True
    )
    filter_link(page, run["missing"]).click()
    expect(page).to_have_url(re.compile(rf"translation=missing%3A{other}"))
    results = page.locator("#result_list tbody")
    expect(results).to_contain_text(run["statement"])
    expect(results).to_contain_text(run["untranslated"])
    expect(results).not_to_contain_text(in_other.statement)
    row = results.locator("tr", has_text=run["statement"])
    expect(row.locator("td.field-translations_missing")).to_have_text(other)

    # She opens the claim and writes its translation in the inline.
    row.get_by_role("link", name=run["statement"]).click()
    expect(page.locator("#content h1")).to_have_text(run["change_claim"])
    group = page.locator("#translations-group")
    # Django's inline "add" link is a button to assistive technology
    group.get_by_role("button", name=run["add_translation"], exact=True).click()
    page.select_option("#id_translations-0-language", other)
    page.fill("#id_translations-0-statement", run["translated_statement"])
    page.fill("#id_translations-0-verdict_summary", run["translated_summary"])
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text(run["saved"])
    expect(page.locator("#id_translations-0-statement")).to_have_value(
        run["translated_statement"]
    )
    saved = ClaimTranslation.objects.get(claim=claim)
    assert (saved.language, saved.statement, saved.created_by.username) == (
        other,
        run["translated_statement"],
        "fc",
    )

    # The filter no longer lists it; the "translated" one does.
    page.goto(f"{live_server.url}{CLAIMS}")
    filter_link(page, run["missing"]).click()
    expect(results).to_contain_text(run["untranslated"])
    expect(results).not_to_contain_text(run["statement"])
    filter_link(page, run["translated"]).click()
    expect(results).to_contain_text(run["statement"])
    expect(results).not_to_contain_text(run["untranslated"])
    context.close()

    # A reader (her browser in the same language) opens the fact-check: the
    # original, which links its other language version.
    context, reader = desk_page(browser, lang)
    reader.goto(f"{live_server.url}{claim.get_absolute_url()}")
    heading = reader.get_by_role("heading", level=1)
    expect(heading).to_have_text(run["statement"])
    alternates = reader.locator("link[rel=alternate][hreflang]")
    expect(alternates).to_have_count(3)
    hreflangs = sorted(a.get_attribute("hreflang") for a in alternates.all())
    assert hreflangs == ["en", "id", "x-default"]
    other_href = reader.locator(f"link[rel=alternate][hreflang={other}]")
    expect(other_href).to_have_attribute("href", re.compile(rf"\?lang={other}$"))

    # She switches the site's language and reads the translation.
    reader.locator("#language-select").select_option(other)
    reader.locator("form.language").get_by_role("button", name=run["switch"]).click()
    expect(reader.locator("html")).to_have_attribute("lang", other)
    expect(heading).to_have_text(run["translated_statement"])
    expect(heading).to_have_attribute("lang", other)
    expect(reader.locator(".verdict-box")).to_contain_text(run["translated_summary"])
    expect(reader.locator(".notice--untranslated")).to_have_count(0)
    expect(reader.locator(".language-versions")).to_have_text(run["also_in"])
    reader.locator(".language-versions").get_by_role(
        "link", name=run["original_name"]
    ).click()
    expect(reader).to_have_url(re.compile(rf"\?lang={lang}$"))
    expect(heading).to_have_text(run["statement"])

    # A claim nobody translated: the original, a note that says so, no
    # language versions to link.
    reader.goto(f"{live_server.url}{untranslated.get_absolute_url()}?lang={other}")
    expect(heading).to_have_text(run["untranslated"])
    expect(heading).to_have_attribute("lang", lang)
    expect(reader.get_by_role("note")).to_have_text(run["not_yet"])
    expect(reader.locator("link[rel=alternate][hreflang]")).to_have_count(0)
    expect(reader.locator(".language-versions")).to_have_count(0)
    context.close()
