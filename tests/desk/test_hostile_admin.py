"""Hostile input to the desk: every changelist, object URL, autocomplete, bulk action
and JSON field answers a clear 4xx (or the admin's ``?e=1`` redirect), never a 500,
on SQLite and on PostgreSQL alike."""

import json

import pytest
from django.contrib import admin

from claims.models import Rating
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

MODELS = sorted((m._meta.app_label, m._meta.model_name) for m in admin.site._registry)
CHANGELISTS = [f"/admin/{app}/{model}/" for app, model in MODELS]

HUGE = "1" + "0" * 23

LIST_QUERIES = [
    "status__exact=%00",
    "status__exact=a%00b",
    "%00=1",
    "q=%00",
    "created_at__year=-1",
    "created_at__year=0",
    "created_at__year=99999",
    f"created_at__year={HUGE}",
    "created_at__year=2020&created_at__month=13",
    "created_at__year=2020&created_at__month=2&created_at__day=31",
    f"created_at__gte={HUGE}",
    "created_at__gte=-1",
    f"id__exact={HUGE}",
    "id__exact=abc",
    "id__gt=-99999999999999999999",
    "pk__in=1,abc",
    f"verdict__id__exact={HUGE}",
    "verdict__id__exact=%00",
    "claimant__id__exact=x",
    "is_active__exact=maybe",
    "archived=%00",
    "nonexistent_field=1",
    "statement__contains=a",
    "assignee__password__startswith=a",
    "o=abc",
    f"o={HUGE}",
    "p=-1",
    f"p={HUGE}",
    "_to_field=password",
    "q=" + "%F0%9F%98%80" * 200,
]


@pytest.fixture
def desk(client, superuser):
    client.force_login(superuser)
    ClaimFactory()
    return client


def server_errors(desk, urls):
    """The URLs of ``urls`` that answer 5xx, with their status."""
    return [(url, s) for url in urls if (s := desk.get(url).status_code) >= 500]


@pytest.mark.parametrize("url", CHANGELISTS)
def test_hostile_changelist_parameters_never_500(desk, url):
    assert server_errors(desk, [f"{url}?{query}" for query in LIST_QUERIES]) == []


def test_an_unknown_filter_is_the_admins_error_redirect(desk):
    response = desk.get("/admin/claims/claim/?statement__contains=a")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
    assert desk.get(response["Location"]).status_code == 200


def test_an_impossible_year_is_the_admins_error_redirect(desk):
    for year in ("-1", "0", "99999", HUGE):
        url = f"/admin/claims/reviewevent/?created_at__year={year}"
        response = desk.get(url)
        assert response.status_code == 302, year
        assert response["Location"].endswith("?e=1")


def test_the_filters_the_desk_offers_still_filter(desk):
    assert desk.get("/admin/claims/claim/?status__exact=new").status_code == 200
    assert desk.get("/admin/claims/claim/?assignee=me").status_code == 200
    events = "/admin/claims/reviewevent/?created_at__year=2020"
    assert desk.get(events).status_code == 200


def test_a_nul_in_a_filter_is_a_400(desk):
    response = desk.get("/admin/claims/claim/?status__exact=%00")
    assert response.status_code == 400
    assert "NUL" in response.text


JUNK_IDS = ["%00", "abc", HUGE, "-1", "1%00", "%F0%9F%98%80"]


@pytest.mark.parametrize("url", CHANGELISTS)
def test_junk_object_ids_never_500(desk, url):
    urls = [
        f"{url}{junk}/{suffix}"
        for junk in JUNK_IDS
        for suffix in ("change/", "history/", "delete/", "history/1/", "")
    ]
    assert server_errors(desk, urls) == []


AUTOCOMPLETES = [
    ("claims", "claim", "claimant"),
    ("claims", "claim", "tags"),
    ("claims", "document", "publisher"),
    ("claims", "appearance", "document"),
    ("claims", "evidence", "document"),
    ("claims", "evidence", "source"),
]


@pytest.mark.parametrize(("app", "model", "field"), AUTOCOMPLETES)
def test_hostile_autocomplete_terms_never_500(desk, app, model, field):
    base = f"/admin/autocomplete/?app_label={app}&model_name={model}&field_name={field}"
    terms = ["%00", "a%00", "%25" * 500, "'%22\\", HUGE, "%F0%9F%98%80", "x" * 5000]
    assert server_errors(desk, [f"{base}&term={term}" for term in terms]) == []
    assert desk.get(f"{base}&term=%00").status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "app_label=%00&model_name=claim&field_name=claimant",
        "app_label=claims&model_name=%00&field_name=claimant",
        "app_label=claims&model_name=claim&field_name=%00",
        "app_label=claims&model_name=claim&field_name=claimant&page=abc",
        f"app_label=claims&model_name=claim&field_name=claimant&page={HUGE}",
    ],
)
def test_hostile_autocomplete_parameters_never_500(desk, query):
    assert desk.get(f"/admin/autocomplete/?{query}").status_code < 500


@pytest.mark.parametrize("url", CHANGELISTS)
def test_bulk_actions_with_junk_ids_never_500(desk, url):
    for selected in ["abc", "\x00", HUGE, "-1", "1.5", "😀"]:
        response = desk.post(
            url, {"action": "delete_selected", "_selected_action": [selected, "1"]}
        )
        assert response.status_code < 500, (selected, response.status_code)


def test_a_junk_selection_says_so(desk):
    response = desk.post(
        "/admin/claims/tag/",
        {"action": "delete_selected", "_selected_action": ["abc"]},
        follow=True,
    )
    assert response.status_code == 200
    assert "not an item&#x27;s id" in response.text


def nested(depth):
    return '{"id": ' * depth + '"x"' + "}" * depth


def rating_form(**overrides):
    data = {
        "label": "Odd",
        "slug": "odd",
        "value": "",
        "order": "0",
        "description": "",
        "colour": "#123456",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "label",
    [
        nested(5000),
        "[" * 5000 + "]" * 5000,
        json.dumps({"id": {"label": "x"}}),
        "x" * 200_000,
        "9" * 5000,
        "NaN",
        "%00",
    ],
)
def test_hostile_rating_translations_are_a_form_error_or_text(desk, label):
    """The translations are one text field per language ("label (Bahasa
    Indonesia)"), no longer raw JSON: anything typed there is a label, or a form
    error when too long; never a 500, never a broken ``translations`` value."""
    response = desk.post("/admin/claims/rating/add/", rating_form(label__id=label))
    if len(label) > 100:
        assert response.status_code == 200, response.status_code
        assert response.context["adminform"].form.errors.get("label__id")
        return
    assert response.status_code == 302, response.status_code
    saved = Rating.objects.get(slug="odd")
    assert saved.translations == {"id": {"label": label}}
    assert saved.localized_label("id") == label
