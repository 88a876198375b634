"""The desk's dashboard: its figures against a known set of claims, its CSV, who
sees each fact-checker's throughput, and its charts as SVG."""

import csv
import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.dashboard import compute_figures, desk_figures, window
from claims.models import ReviewEvent, Status
from claims.models.review import SERVICE_WRITE
from tests.factories import ClaimFactory, SourceFactory, UserFactory, rating

pytestmark = pytest.mark.django_db

END = dt.date(2026, 3, 4)  # a Wednesday: the window's last week starts 2 March
WEEKS = ["2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02"]


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def submitted(claim, by, when):
    """A submission event dated ``when`` (the model stamps the time of writing)."""
    with mock.patch("django.utils.timezone.now", return_value=at(when)):
        ReviewEvent(
            claim=claim,
            claim_ref=str(claim.pk),
            action=ReviewEvent.Action.SUBMITTED,
            actor=by,
            from_status=Status.RESEARCHING,
            to_status=Status.IN_REVIEW,
        ).save(written_by=SERVICE_WRITE)


@pytest.fixture
def desk(db):
    return known_desk()


def known_desk():
    """Three claims published in February 2026 (one by bob, two by alice), two
    open claims in the window's weeks and two after it, an archived one."""
    alice = UserFactory(username="alice", groups=["Fact-checkers"])
    bob = UserFactory(username="bob", groups=["Fact-checkers"])
    nk, trump = SourceFactory(name="NK News"), SourceFactory(name="Donald Trump")
    false, true = rating("false"), rating("true")

    def published(created, done, assignee, claimant, verdict):
        return ClaimFactory(
            status=Status.PUBLISHED,
            verdict=verdict,
            verdict_summary="Checked.",
            created_at=at(created),
            published_at=at(done),
            revised_at=at(done),
            assignee=assignee,
            claimant=claimant,
        )

    a = published("2026-02-10T10:00", "2026-02-14T10:00", alice, nk, false)
    submitted(a, alice, "2026-02-12T10:00")
    b = published("2026-02-16T10:00", "2026-02-23T10:00", alice, nk, true)
    submitted(b, alice, "2026-02-20T10:00")
    c = published("2026-02-16T22:00", "2026-02-25T22:00", bob, trump, false)
    submitted(c, bob, "2026-02-24T10:00")  # sent back, then submitted again:
    submitted(c, bob, "2026-02-25T12:00")  # the last submission counts
    ClaimFactory(status=Status.IN_REVIEW, created_at=at("2026-03-03T09:00"))
    ClaimFactory(status=Status.RESEARCHING, created_at=at("2026-01-01T09:00"))
    now = timezone.now()
    ClaimFactory(status=Status.NEW, created_at=now - dt.timedelta(hours=2))
    ClaimFactory(status=Status.RESEARCHING, created_at=now - dt.timedelta(days=20))
    ClaimFactory(status=Status.NEW, is_archived=True)  # archived: no backlog
    return alice, bob


def test_the_figures_of_a_known_desk(desk):
    start, end = window(weeks=4, end=END)
    f = compute_figures(start=start, end=end)
    assert [w.isoformat() for w in f.weeks] == WEEKS
    assert f.captured == [1, 2, 0, 1]
    assert f.submitted == [1, 1, 2, 0]
    assert f.published == [1, 0, 2, 0]
    # capture → publication: 4 days; then 7 and 9 days (median 8)
    assert f.capture_to_publication == [4.0, None, 8.0, None]
    # submission → publication: 2 days; then 3 days and 10 hours (median 1.7)
    assert f.submission_to_publication == [2.0, None, 1.7, None]
    assert (f.median_capture_days, f.median_submission_days) == (7.0, 2.0)
    assert f.backlog == {
        "new": {"week": 1, "month": 0, "quarter": 0, "older": 0},
        "researching": {"week": 0, "month": 1, "quarter": 0, "older": 1},
        "in_review": {"week": 0, "month": 0, "quarter": 0, "older": 1},
    }
    assert [m.isoformat() for m in f.months] == ["2026-02-01", "2026-03-01"]
    assert {label: counts for _pk, label, _c, counts in f.verdicts} == {
        str(rating("false")): [2, 0],
        str(rating("true")): [1, 0],
    }
    assert f.claimants == [("NK News", 2), ("Donald Trump", 1)]
    assert f.throughput == [("alice", 2, 2), ("bob", 2, 1)]


def test_figures_are_cached_for_a_few_minutes(
    desk, django_assert_num_queries, settings
):
    first = desk_figures(weeks=4, end=END)
    with django_assert_num_queries(0):
        assert desk_figures(weeks=4, end=END).captured == first.captured
    ClaimFactory(created_at=at("2026-03-03T10:00"))
    assert desk_figures(weeks=4, end=END).captured == [1, 2, 0, 1]  # kept
    from django.core.cache import cache

    cache.clear()  # as when CLAIMDESK_DASHBOARD_CACHE_SECONDS have passed
    from django.db import connection

    # one per figure, whatever the data (medians: one on PostgreSQL, two elsewhere)
    with django_assert_num_queries(12 if connection.vendor == "postgresql" else 13):
        assert desk_figures(weeks=4, end=END).captured == [1, 2, 0, 2]


@pytest.fixture
def fc_client(client, desk):
    client.force_login(desk[0])
    return client


@pytest.fixture
def ed_client(client, desk, editor):
    client.force_login(editor)
    return client


def test_editors_see_each_fact_checkers_throughput(ed_client):
    page = ed_client.get(reverse("admin:dashboard"), {"weeks": 4, "end": END})
    assert page.status_code == 200
    throughput = page.text.split('id="cd-throughput"')[1]
    assert "<td>alice</td><td>2</td><td>2</td>" in throughput
    assert page.text.count("<svg") >= 5
    assert "Claims captured, submitted and published per week" in page.text


def test_fact_checkers_do_not_see_others_throughput(fc_client):
    page = fc_client.get(reverse("admin:dashboard"), {"weeks": 4, "end": END})
    assert page.status_code == 200
    assert 'id="cd-throughput"' not in page.text
    assert "bob" not in page.text
    rows = _csv(fc_client)
    assert not [r for r in rows if r[0] == "throughput"]


def _csv(client):
    response = client.get(
        reverse("admin:dashboard"), {"weeks": 4, "end": END, "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(response.content.decode().splitlines()))


def test_the_csv_holds_the_same_figures(ed_client):
    rows = _csv(ed_client)
    assert rows[0] == ["figure", "label", "series", "value"]
    assert ["weekly", "2026-02-16", "captured", "2"] in rows
    assert ["weekly", "2026-02-23", "published", "2"] in rows
    assert ["median_days", "2026-02-23", "submission_to_publication", "1.7"] in rows
    assert ["median_days", "window", "capture_to_publication", "7"] in rows
    assert ["backlog", "researching", "older", "1"] in rows
    assert ["top_claimants", "NK News", "published", "2"] in rows
    assert ["throughput", "bob", "submitted", "2"] in rows


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"weeks": "abc"}, "Enter a whole number."),
        ({"weeks": "100000"}, "less than or equal to 156"),
        ({"end": "2026-13-45"}, "Enter a valid date."),
    ],
)
def test_a_bad_window_shows_the_default_with_the_error(ed_client, query, error):
    response = ed_client.get(reverse("admin:dashboard"), query)
    assert response.status_code == 200
    assert error in response.text
    assert response.context["f"].weeks[-1] == timezone.localdate() - dt.timedelta(
        days=timezone.localdate().weekday()
    )


def test_a_nul_byte_is_a_bad_request_not_an_error(ed_client):
    response = ed_client.get(reverse("admin:dashboard"), {"end": "\x00"})
    assert response.status_code == 400


def test_outsiders_cannot_see_the_dashboard(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("admin:dashboard")).status_code == 403
