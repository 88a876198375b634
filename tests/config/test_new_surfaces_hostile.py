"""The pages this round added (dashboard, notifications, saved filters, watching,
duplicates, the fact-check import, the source autocomplete, share cards, ``?lang=``
and the API docs) answer hostile and junk input without a 500, and share cards and
translated pages stay behind the publication rule."""

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "abc",
    "-1",
    "0",
    "99999999999999999999",
    "²",
    "<script>x</script>",
    "' OR 1=1",
]


def assert_no_500(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code < 500, (url, response.status_code)
    assert "Traceback" not in response.content.decode(errors="replace")
    return response


@pytest.mark.parametrize("value", JUNK)
def test_desk_pages_take_junk_parameters(client, editor, value):
    client.force_login(editor)
    claim = ClaimFactory()
    for url in (
        f"/admin/dashboard/?weeks={value}&end={value}",
        f"/admin/dashboard/?weeks={value}&format=csv",
        f"/admin/notifications/?page={value}",
        f"/admin/saved-filters/?q={value}",
        f"/admin/import/sources/?q={value}",
        f"/admin/claims/claim/?translation={value}",
        f"/admin/claims/claim/{value or 'x'}/duplicates/",
        f"/admin/claims/claim/{claim.pk}/duplicates/?q={value}",
    ):
        assert_no_500(client, url)


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "²"])
def test_desk_ids_that_are_junk_are_not_found(client, editor, value):
    client.force_login(editor)
    for url in (
        f"/admin/saved-filters/{value}/",
        f"/admin/notifications/{value}/open/",
        f"/admin/claims/claim/{value}/watch/",
    ):
        assert_no_500(client, url)
    response = client.post(f"/admin/claims/claim/{value}/watch/")
    assert response.status_code < 500


def test_posts_with_nul_bytes_and_markup_are_refused_or_escaped(client, editor):
    client.force_login(editor)
    response = client.post("/admin/saved-filters/", {"name": "a\x00b", "query": "x"})
    assert response.status_code < 500
    response = client.post(
        "/admin/saved-filters/", {"name": "<b>bold</b>", "query": "status__exact=new"}
    )
    assert response.status_code < 500
    page = client.get("/admin/").content.decode()
    assert "<b>bold</b>" not in page


@pytest.mark.parametrize("lang", ["", "xx", "<b>", "id-ID", "a" * 500, "en"])
def test_public_pages_take_any_lang(client, lang):
    claim = ClaimFactory(published=True)
    for url in ("/", "/claims/", f"/claims/{claim.pk}/", "/timeline/", "/api/claims/"):
        assert_no_500(client, url, QUERY_STRING=f"lang={lang}")


def test_share_cards_and_api_docs_keep_to_the_publication_rule(client):
    draft = ClaimFactory(in_review=True)
    published = ClaimFactory(published=True)
    assert client.get(f"/claims/{draft.pk}/card.png").status_code == 404
    assert client.get(f"/claims/{draft.pk}/?lang=id").status_code == 404
    assert client.get(f"/claims/{published.pk}/card.png").status_code == 200
    assert client.get("/claims/99999999999/card.png").status_code == 404
    assert client.get("/api/docs/").status_code == 200
