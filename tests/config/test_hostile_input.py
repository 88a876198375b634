"""Hostile input to every surface a stranger can reach: the public pages and
filters, the API, the claim form and the importer answer 4xx (or a clear error),
never a server error, on SQLite and PostgreSQL alike. NUL characters are refused
in one place (``config.middleware.RefuseNulMiddleware``); a statement failing on bad
input is not a database outage (503)."""

import contextlib
import io
from urllib.parse import quote, urlencode

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError, OperationalError
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.middleware import DatabaseUnavailableMiddleware, is_outage
from tests.world import world

__all__ = ["world"]

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PUBLIC_PARAMS = [
    "q", "verdict", "claimant", "publisher", "tag", "language", "event_from",
    "event_to", "published_from", "published_to", "sort", "page", "page_size",
]  # fmt: skip

#: Values a stranger sends: text with NUL and other controls, numbers past any
#: column, negative and impossible years, dates with impossible parts, unicode.
VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10).map(
        lambda s: s + "\x00"
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["-1", "0", "99999", "1" + "0" * 23, "2019-13", "2019-02-31"]),
    st.from_regex(r"-?\d{1,6}(-\d{1,3}){0,2}", fullmatch=True),
)
NAMES = st.one_of(st.sampled_from(PUBLIC_PARAMS), st.text(min_size=1, max_size=20))
QUERIES = st.lists(st.tuples(NAMES, VALUES), max_size=4).map(urlencode)


@BOUNDED
@given(query=QUERIES)
def test_public_filters_never_500(client, world, query):
    for path in ("/claims/", "/timeline/", "/corrections/", "/feeds/rss/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code < 500, (path, query)


@BOUNDED
@given(query=QUERIES)
def test_api_list_parameters_never_500(client, world, query):
    for path in ("/api/claims/", "/api/sources/", "/api/ratings/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code < 500, (path, query)


SEGMENTS = st.one_of(
    st.text(min_size=1, max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["\x00", "a\x00", "1" + "0" * 23, "..", "%", "😀"]),
)


@BOUNDED
@given(segment=SEGMENTS)
def test_lookups_by_slug_or_id_never_500(client, world, segment):
    part = quote(segment, safe="")
    for path in (
        f"/api/sources/{part}/",
        f"/api/ratings/{part}/",
        f"/api/claims/{part}/",
        f"/sources/{part}/",
        f"/claims/{part}/",
        f"/feeds/tags/{part}/rss/",
    ):
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/api/sources/%00/",
        "/api/ratings/%00/",
        "/api/claims/?q=%00",
        "/claims/?q=let%00ter",
        "/sources/a%00b/",
        "/claims/?%00=1",
    ],
)
def test_a_nul_anywhere_in_the_address_is_a_400(client, world, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_the_apis_nul_answer_is_json(client, world):
    response = client.get("/api/sources/%00/")
    assert response["Content-Type"] == "application/json"
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_form_post_is_a_400(client, world):
    response = client.post(
        "/i18n/setlang/", "language=en%00&next=/", content_type=FORM_ENCODED
    )
    assert response.status_code == 400


FORM_ENCODED = "application/x-www-form-urlencoded"


def test_the_nul_answer_is_translated(client, world):
    response = client.get("/claims/?q=%00", headers={"accept-language": "id"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert "The request contains" not in response.content.decode()


# --- Database errors: an outage is a 503, a bad statement is not ---------------------


def _raised_from(django_exc, cause):
    try:
        raise django_exc from cause
    except type(django_exc) as exc:
        return exc


def test_a_statement_that_fails_on_bad_input_is_not_an_outage():
    import sqlite3

    request = RequestFactory().get("/claims/")
    middleware = DatabaseUnavailableMiddleware(lambda r: None)
    too_many = sqlite3.OperationalError("too many SQL variables")
    too_many.sqlite_errorname = "SQLITE_ERROR"
    cases = [
        DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"),
        DataError("integer out of range"),
        _raised_from(OperationalError("too many SQL variables"), too_many),
    ]
    try:
        import psycopg.errors

        cases.append(
            _raised_from(
                OperationalError("canceling statement due to statement timeout"),
                psycopg.errors.QueryCanceled("timeout"),
            )
        )
    except ImportError:  # pragma: no cover
        pass
    for exc in cases:
        assert not is_outage(exc), exc
        answer = middleware.process_exception(request, exc)
        # a bad statement is the view's 500 to handle; a timeout is a 504; never 503
        assert answer is None or answer.status_code == 504, exc


def test_an_unusable_database_file_is_an_outage():
    import sqlite3

    cause = sqlite3.OperationalError("unable to open database file")
    cause.sqlite_errorname = "SQLITE_CANTOPEN"
    assert is_outage(_raised_from(OperationalError("unable to open"), cause))


# --- The claim form's text fields -----------------------------------------------------


@pytest.fixture
def desk(client, superuser):
    client.force_login(superuser)
    return client


TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(max_size=20).map(lambda s: s + "\x00"),
    st.sampled_from(["x" * 100_000, "\x00", "😀\u202e", "<script>", "'; --"]),
)


@settings(BOUNDED, max_examples=15)
@given(statement=TEXTS, attribution=TEXTS, summary=TEXTS)
def test_claim_form_text_fields_never_500(desk, statement, attribution, summary):
    from tests.desk.test_admin import claim_form_data
    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    data = claim_form_data(
        claim, statement=statement, attribution=attribution, verdict_summary=summary
    )
    # Multipart, as the browser posts it: the middleware leaves multipart bodies to
    # the forms, whose text fields refuse a NUL with a validation error.
    response = desk.post(f"/admin/claims/claim/{claim.pk}/change/", data)
    assert response.status_code < 500
    if "\x00" in statement and response.status_code == 200:
        errors = response.context["adminform"].form.errors
        assert "statement" in errors


def test_a_nul_in_a_multipart_claim_form_is_a_field_error(desk):
    from tests.desk.test_admin import claim_form_data
    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    response = desk.post(
        f"/admin/claims/claim/{claim.pk}/change/",
        claim_form_data(claim, statement="a\x00b"),
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in str(
        response.context["adminform"].form.errors["statement"]
    )


# --- The importer ---------------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html"]))
def test_import_article_on_random_bytes_fails_cleanly(
    tmp_path_factory, content, suffix
):
    path = tmp_path_factory.mktemp("hostile") / f"article{suffix}"
    path.write_bytes(content)
    # A CommandError is the clear error the command gives bad input.
    with contextlib.suppress(CommandError):
        call_command(
            "import_article", str(path), stdout=io.StringIO(), stderr=io.StringIO()
        )
