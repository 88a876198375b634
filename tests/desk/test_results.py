"""The claims list's rows (desk/admin/results.py) are Django's rows, cell for cell,
on lists of every kind of claim, filtered or not, in both languages."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.test import RequestFactory
from django.utils import translation

from claims.models import Claim
from desk.admin.results import rows
from tests.factories import ClaimFactory, SourceFactory, UserFactory, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(editor):
    ClaimFactory(statement="Plain <b>new</b> claim & more", claimant=None)
    ClaimFactory(
        statement="x" * 300,
        claimant=SourceFactory(name="Retno <Marsudi>"),
        assignee=UserFactory(username="fc1", groups=["Fact-checkers"]),
        checkworthiness=0.734,
        tags=["diplomacy"],
    )
    ClaimFactory(researching=True, verdict=rating(), verdict_summary="5.9 %.")
    ClaimFactory(published=True)
    ClaimFactory(is_archived=True)


def _changelist(editor, query):
    request = RequestFactory().get("/admin/claims/claim/", query)
    request.user = editor
    cl = admin.site._registry[Claim].get_changelist_instance(request)
    cl.formset = None  # as changelist_view sets it for a list without editing
    return cl


@pytest.mark.parametrize(
    "query",
    [{}, {"status__exact": "new"}, {"q": "claim"}, {"o": "-2.1"}, {"archived": "1"}],
)
@pytest.mark.parametrize("language", ["en", "id"])
def test_rows_are_djangos(claims, editor, query, language):
    with translation.override(language):
        cl = _changelist(editor, query)
        assert cl.result_list, "the list shows claims"
        assert [list(r) for r in rows(cl)] == [list(r) for r in results(cl)]


def test_the_list_page_links_each_row_with_its_filters(client, claims, editor):
    client.force_login(editor)
    response = client.get("/admin/claims/claim/", {"status__exact": "new"})
    new = Claim.objects.filter(status="new").order_by("pk").first()
    assert response.status_code == 200
    assert (
        f'href="/admin/claims/claim/{new.pk}/change/?_changelist_filters='
        "status__exact%3Dnew"
    ) in response.text
