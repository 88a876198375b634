"""The claim change form shows a stored attribution in the user's language."""

from tests.factories import ClaimFactory

from .test_admin import change_url, claim_form_data


def test_the_change_form_words_the_stored_attribution_and_keeps_its_parts(
    client, fact_checker
):
    client.force_login(fact_checker)
    chain = [{"name": "NK News"}]
    claim = ClaimFactory(
        researching=True, attribution="", speech="paraphrase", attribution_chain=chain
    )
    client.cookies["django_language"] = "id"
    assert "NK News (parafrase)" in client.get(change_url(claim)).content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(change_url(claim)).content.decode()
    assert "NK News (paraphrased)" in page
    response = client.post(change_url(claim), claim_form_data(claim))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.attribution, claim.speech, claim.attribution_chain) == (
        "",
        "paraphrase",
        chain,
    )
