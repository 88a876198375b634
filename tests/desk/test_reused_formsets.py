"""The claim page's inline formset classes are built once and reused
(``desk.admin.base.ReusedFormsetMixin``): each reader must still get exactly the
page a freshly built class gives them, whatever page and whoever came before."""

import re
from unittest import mock

import pytest
from django.contrib.admin import options
from django.urls import reverse

from claims.models import Claim
from claims.status import Status
from desk.admin import base
from desk.admin.base import REUSED_CLASSES
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    EvidenceFactory,
    NoteFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def fresh_cache():
    REUSED_CLASSES.clear()
    yield
    REUSED_CLASSES.clear()


def _claim(status):
    claim = ClaimFactory(status=status)
    ClaimDateFactory(claim=claim)
    AppearanceFactory(claim=claim)
    EvidenceFactory(claim=claim)
    NoteFactory(claim=claim)
    return claim


def _url(claim, query=""):
    return reverse("admin:claims_claim_change", args=[claim.pk]) + query


def _page(client, user, url):
    """The page as ``user`` reads it, without what changes on every request."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'nonce="[^"]+"', "nonce", html)


def _counted(factory: str):
    """Counts the admin's calls of one of Django's class factories."""
    return mock.patch.object(options, factory, wraps=getattr(options, factory))


def _builds():
    return _counted("inlineformset_factory")


def test_a_second_reading_builds_no_formset_class(client, editor):
    url = _url(_claim(Status.IN_REVIEW))
    with _builds() as built:
        first = _page(client, editor, url)
        assert built.call_count == 5  # one per inline: dates named, not built for
        built.reset_mock()
        second = _page(client, editor, url)
        assert built.call_count == 0
    assert first == second


@pytest.mark.parametrize(
    "first_status, second_status, query",
    [
        (Status.IN_REVIEW, Status.PUBLISHED, ""),  # open, then frozen
        (Status.PUBLISHED, Status.IN_REVIEW, ""),  # frozen, then open
        (Status.PUBLISHED, Status.PUBLISHED, "?correction=1"),  # correction mode
    ],
)
def test_each_page_is_the_page_a_fresh_build_gives(
    client, editor, fact_checker, superuser, first_status, second_status, query
):
    """Every reader after every other: the reused classes give each the same
    page as an empty cache does (permissions, frozen rows, correction mode)."""
    first, second = _claim(first_status), _claim(second_status)
    readers = [superuser, editor, fact_checker]
    pages = [
        (user, _url(claim, query)) for claim in (first, second) for user in readers
    ]
    fresh = {}
    for user, url in pages:
        REUSED_CLASSES.clear()
        fresh[user.pk, url] = _page(client, user, url)
    for user, url in pages + pages[::-1]:
        assert _page(client, user, url) == fresh[user.pk, url], (user, url)


def test_readers_with_other_permissions_get_classes_of_their_own(
    client, editor, fact_checker
):
    claim = _claim(Status.IN_REVIEW)
    _page(client, editor, _url(claim))
    kept = len(REUSED_CLASSES)
    _page(client, fact_checker, _url(claim))
    assert len(REUSED_CLASSES) == 2 * kept


def test_a_save_builds_its_own_classes(client, editor):
    claim = _claim(Status.IN_REVIEW)
    url = _url(claim)
    _page(client, editor, url)  # the reusable classes exist now
    with _builds() as built:
        client.post(url, {})  # incomplete: refused, but through fresh classes
    assert built.call_count == 5


def test_the_cache_stays_bounded(client, editor, monkeypatch):
    monkeypatch.setattr(base, "REUSED_CLASSES_KEPT", 3)
    claim = _claim(Status.IN_REVIEW)
    _page(client, editor, _url(claim))
    assert len(REUSED_CLASSES) <= 3


def test_the_claim_form_class_is_reused_and_a_save_builds_its_own(client, editor):
    url = _url(_claim(Status.IN_REVIEW))
    with _counted("modelform_factory") as built:
        _page(client, editor, url)
        assert built.call_count == 1
        _page(client, editor, url)
        assert built.call_count == 1
        client.post(url, {})
        assert built.call_count == 2


def test_each_claim_lists_its_own_assignee_whoever_read_before(client, editor):
    """The assignee box lists the desk's people and, on a claim assigned to
    someone who has left the desk since, that person too: on that claim only,
    though the form class is shared by every claim's page."""
    gone = UserFactory(username="left-the-desk", is_staff=False, is_active=False)
    theirs, other = _claim(Status.IN_REVIEW), _claim(Status.IN_REVIEW)
    Claim.objects.filter(pk=theirs.pk).update(assignee=gone)
    option = f'<option value="{gone.pk}" selected>left-the-desk</option>'
    for _ in range(2):
        assert "left-the-desk" not in _page(client, editor, _url(other))
        assert option in _page(client, editor, _url(theirs))
