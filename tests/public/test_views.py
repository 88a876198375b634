"""Each public page, its filters and bad input (HTTP caching: test_caching.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from claims.models import Evidence
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
    rating,
)


def html(response):
    return response.content.decode()


def listed(response):
    return {c.pk for c in response.context["claims"]}


# --- Home ---------------------------------------------------------------------------


def test_home_shows_latest_counts_and_search(client, world):
    response = client.get(reverse("claims:home"))
    body = html(response)
    assert response.status_code == 200
    assert world.published.statement in body
    assert world.corrected.statement in body
    counts = {r.slug: n for r, n in response.context["verdict_counts"]}
    assert counts == {"mostly-true": 1, "true": 1}
    assert response.context["total"] == 2
    assert 'role="search"' in body
    assert 'name="q"' in body


def test_home_without_claims_says_so(client, db):
    body = html(client.get(reverse("claims:home")))
    assert "No fact-checks have been published yet." in body


# --- List and filters ---------------------------------------------------------------


def test_list_shows_only_published_newest_first(client, world):
    response = client.get(reverse("claims:claim-list"))
    assert [c.pk for c in response.context["claims"]] == [
        world.published.pk,
        world.corrected.pk,
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verdict=mostly-true", {"published"}),
        ("verdict=true&verdict=mostly-true", {"published", "corrected"}),
        ("verdict=false", set()),
        ("claimant=donald-trump", {"published", "corrected"}),
        ("publisher=tribunnews", {"published"}),
        ("tag=north-korea", {"published"}),
        ("tag=diplomacy", {"published", "corrected"}),
        ("language=en", {"published", "corrected"}),
        ("event_from=2025", {"published"}),
        ("event_from=2025-06-15", {"published"}),
        ("event_from=2025-07", set()),
        ("event_to=2019-06", {"corrected"}),
        ("event_to=2019-06-29", set()),
        ("event_from=2019-06-30&event_to=2019-06-30", {"corrected"}),
        ("event_from=2019&event_to=2019", {"corrected"}),
        ("q=letter", {"published"}),
        ("q=Panmunjom", {"corrected"}),
        ("q=nothingmatcheshere", set()),
    ],
)
def test_list_filters(client, world, query, expected):
    response = client.get(reverse("claims:claim-list") + "?" + query)
    assert response.status_code == 200
    names = {"published": world.published.pk, "corrected": world.corrected.pk}
    assert listed(response) == {names[n] for n in expected}


def test_published_date_range(client, world):
    today = dt.date.today()
    url = reverse("claims:claim-list")
    recent = (today - dt.timedelta(days=3)).isoformat()
    response = client.get(f"{url}?published_from={recent}")
    assert listed(response) == {world.published.pk}
    old = (today - dt.timedelta(days=3)).isoformat()
    response = client.get(f"{url}?published_to={old}")
    assert listed(response) == {world.corrected.pk}


def test_search_finds_claimant_alias_and_quote(client, world):
    url = reverse("claims:claim-list")
    assert world.published.pk in listed(client.get(url + "?q=Trump"))
    # The Indonesian quote of the appearance is searchable too.
    assert listed(client.get(url + "?q=menolak")) == {world.published.pk}


def test_filter_choices_come_from_published_claims_only(client, world):
    form = client.get(reverse("claims:claim-list")).context["filter"].form
    claimants = {s.name for s in form.fields["claimant"].queryset}
    assert claimants == {"Donald Trump"}
    tags = {t.name for t in form.fields["tag"].queryset}
    assert tags == {"north korea", "diplomacy"}
    publishers = {s.name for s in form.fields["publisher"].queryset}
    assert publishers == {"Tribunnews"}


@pytest.mark.parametrize(
    ("sort", "first"),
    [("newest", "published"), ("oldest", "corrected"), ("event", "corrected")],
)
def test_sorting(client, world, sort, first):
    response = client.get(reverse("claims:claim-list") + f"?sort={sort}")
    assert response.context["claims"][0].pk == getattr(world, first).pk


def test_event_sort_latest_first(client, world):
    response = client.get(reverse("claims:claim-list") + "?sort=-event")
    assert [c.pk for c in response.context["claims"]] == [
        world.published.pk,
        world.corrected.pk,
    ]


def test_filters_stay_in_pagination_links(client, world):
    for i in range(25):
        ClaimFactory(published=True, statement=f"Paged claim {i}", tags=["paged"])
    response = client.get(reverse("claims:claim-list") + "?tag=paged")
    body = html(response)
    assert response.context["page_obj"].paginator.count == 25
    assert "?tag=paged&amp;page=2" in body
    second = client.get(reverse("claims:claim-list") + "?tag=paged&page=2")
    assert len(second.context["claims"]) == 5


def test_empty_result_says_so(client, world):
    body = html(client.get(reverse("claims:claim-list") + "?q=zzzznothing"))
    assert "No fact-checks match these filters." in body
    assert "0 fact-checks" in body


# --- Bad input ----------------------------------------------------------------------


BAD_QUERIES = [
    "verdict=not-a-verdict",
    "claimant=nobody-at-all",
    "publisher=%00",
    "tag=%00%00",
    "language=xx-not",
    "event_from=2019-13",
    "event_from=abcd",
    "event_to=9999999",
    "published_from=yesterday",
    "published_to=2020-02-31",
    "sort=sideways",
    "page=abc",
    "page=999999",
    "page=-1",
    "page=0",
    "q=%00",
    "q=a%20%26%20%7C%20!",
    "q=%22unterminated",
    "q=%5C%5C%5C",
    "q=%27%3B%20DROP%20TABLE%20claims_claim%3B--",
    "q=%3A*%20%26%20!(%3C-%3E)",
    "q=" + "x" * 10_000,
    "q=" + "a%20" * 3000,
    "claimant=" + "y" * 10_000,
    "verdict=" + "&verdict=".join(["true"] * 500),
    "q=%F0%9F%98%80%E2%80%AEunicode",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_list_input_never_500s(client, world, query):
    response = client.get(reverse("claims:claim-list") + "?" + query)
    # A NUL is refused before any view runs (config.middleware.RefuseNulMiddleware).
    assert response.status_code == (400 if "%00" in query else 200)


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_timeline_input_never_500s(client, world, query):
    response = client.get(reverse("claims:timeline") + "?" + query)
    assert response.status_code == (400 if "%00" in query else 200)


def test_malformed_filter_shows_the_error_and_no_results(client, world):
    response = client.get(reverse("claims:claim-list") + "?event_from=2019-13")
    body = html(response)
    assert "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD." in body
    assert 'role="alert"' in body
    assert listed(response) == set()


def test_out_of_range_page_shows_the_last_page(client, world):
    response = client.get(reverse("claims:claim-list") + "?page=999999")
    assert response.context["page_obj"].number == 1
    assert listed(response) == {world.published.pk, world.corrected.pk}


def test_nul_bytes_in_search_are_refused_with_a_clear_400(client, world):
    response = client.get(reverse("claims:claim-list") + "?q=let%00ter")
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


# --- Claim page ---------------------------------------------------------------------


def test_claim_page_content(client, world):
    response = client.get(world.published.get_absolute_url())
    body = html(response)
    assert response.status_code == 200
    assert world.published.statement in body
    # Verdict: a label, never colour alone.
    assert "Mostly true" in body
    assert "<strong>nobody</strong>" in body  # summary rendered as markdown
    assert "Public write-up: we read NK News." in body
    assert "NK News, citing a high-level source" in body  # attribution
    assert "11 June 2025" in body  # made on, day precision
    assert "June 2025" in body  # event date, month precision
    # Evidence grouped by stance, with archive links; archived evidence hidden.
    assert "Evidence for the claim" in body
    assert "https://www.nknews.org/letter" in body
    assert "https://web.archive.org/web/2025/https://www.nknews.org/letter" in body
    assert "zzarchivedevidence" not in body
    assert "zzinternalnote" not in body
    # The quote in its own language, with a link to where it appeared.
    assert 'lang="id">“Diplomat Korea Utara menolak' in body
    assert (
        "https://www.tribunnews.com/internasional/2025/06/11/korut-tolak-surat" in body
    )
    # Related claims: same claimant.
    assert world.corrected.statement in body
    assert 'rel="canonical" href="http://127.0.0.1:8000/claims/' in body
    assert 'property="og:title"' in body


def test_claim_page_corrections_log(client, world):
    body = html(client.get(world.corrected.get_absolute_url()))
    assert "Corrections" in body
    assert "We first gave the wrong day." in body
    assert "verdict changed from Mostly true to True" in body
    assert "30 June 2019" in body


def test_retracted_claim_keeps_its_page_with_a_notice(client, world):
    response = client.get(world.retracted.get_absolute_url())
    body = html(response)
    assert response.status_code == 200
    assert "This fact-check has been retracted" in body
    assert "application/ld+json" not in body
    assert 'name="robots" content="noindex"' in body


@pytest.mark.parametrize("status", ["new", "researching", "in_review", "not_checkable"])
def test_unpublished_claim_is_404(client, world, status):
    claim = world.hidden[status]
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_archived_claim_is_404(client, world):
    assert client.get(world.archived.get_absolute_url()).status_code == 404


def test_date_precision_rendering(client, db):
    claim = ClaimFactory(published=True)
    ClaimDateFactory(claim=claim, start=dt.date(2018, 6, 1), precision="month")
    ClaimDateFactory(claim=claim, start=dt.date(2019, 6, 30), precision="day")
    ClaimDateFactory(
        claim=claim,
        start=dt.date(1950, 1, 1),
        precision="year",
        end=dt.date(1953, 1, 1),
        end_precision="year",
    )
    body = html(client.get(claim.get_absolute_url()))
    assert "June 2018" in body
    assert "30 June 2019" in body
    assert "1950–1953" in body


def test_evidence_grouped_by_stance(client, db):
    claim = ClaimFactory(published=True)
    for stance in Evidence.Stance.values:
        Evidence.objects.create(
            claim=claim, stance=stance, url=f"https://e.example/{stance}"
        )
    body = html(client.get(claim.get_absolute_url()))
    against = body.index("Evidence against the claim")
    assert (
        against
        < body.index("https://e.example/refutes")
        < body.index("Evidence for the claim")
    )
    assert body.index("Context") < body.index("https://e.example/context")


def test_markdown_is_sanitised(client, db):
    claim = ClaimFactory(
        published=True,
        verdict_summary="<script>alert(1)</script> [x](javascript:alert(1)) ok",
    )
    body = html(client.get(claim.get_absolute_url()))
    assert "<script>alert(1)" not in body
    assert 'href="javascript:' not in body


# --- Source page --------------------------------------------------------------------


def test_source_page_with_chart(client, world):
    response = client.get(world.published.claimant.get_absolute_url())
    body = html(response)
    assert response.status_code == 200
    assert "Donald Trump" in body
    assert "<svg" in body
    assert "Mostly true: 1 claim" in body  # the chart's text alternative
    assert world.published.statement in body
    assert "zzretracted" not in body
    counts = {r.slug: n for r, n in response.context["verdict_counts"]}
    assert counts == {"true": 1, "mostly-true": 1}


def test_outlet_page_lists_claims_in_its_documents(client, world):
    body = html(client.get(world.outlet.get_absolute_url()))
    assert world.published.statement in body


def test_source_with_only_unpublished_claims_is_404(client, world):
    assert client.get(world.secret_claimant.get_absolute_url()).status_code == 404
    assert client.get("/sources/no-such-source/").status_code == 404


# --- Timeline -----------------------------------------------------------------------


def demo_timeline():
    diplomacy = [
        (dt.date(2018, 6, 1), "month", "Singapore summit"),
        (dt.date(2019, 2, 1), "month", "Hanoi summit"),
        (dt.date(2019, 6, 30), "day", "Panmunjom"),
        (dt.date(2019, 10, 1), "month", "Stockholm talks"),
        (dt.date(2025, 6, 1), "month", "The refused letter"),
    ]
    trump = SourceFactory(name="NK News")
    claims = []
    for start, precision, label in diplomacy:
        claim = ClaimFactory(
            published=True, claimant=trump, statement=f"About {label}.", tags=["dprk"]
        )
        ClaimDateFactory(claim=claim, start=start, precision=precision, label=label)
        claims.append(claim)
    return claims


def test_timeline_reads_in_order_with_precision(client, db):
    demo_timeline()
    ClaimDateFactory(
        claim=ClaimFactory(in_review=True, statement="zzhidden in review"),
        start=dt.date(2019, 1, 1),
    )
    body = html(client.get(reverse("claims:timeline")))
    order = [
        "June 2018",
        "Singapore summit",
        "February 2019",
        "Hanoi summit",
        "30 June 2019",
        "Panmunjom",
        "October 2019",
        "Stockholm talks",
        "June 2025",
        "The refused letter",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    assert '<h2 id="year-2018">2018</h2>' in body
    assert "zzhidden" not in body


def test_timeline_places_report_dates_marked_as_reported(client, db):
    claim = ClaimFactory(published=True, statement="The letter was refused.")
    ClaimDateFactory(claim=claim, start=dt.date(2025, 1, 1), precision="year")
    ClaimDateFactory(claim=claim, start=dt.date(2025, 6, 11), role="reported")
    body = html(client.get(reverse("claims:timeline")))
    assert body.index("2025</time>") < body.index("11 June 2025</time>")
    reported = body.split("11 June 2025</time>")[1].split("</p>")[0]
    assert "reported" in reported
    assert "reported" not in body.split("2025</time>")[1].split("</p>")[0]


def test_timeline_filters_by_tag_and_claimant(client, world):
    demo_timeline()
    entries = client.get(reverse("claims:timeline") + "?tag=dprk").context["entries"]
    assert len(entries) == 5
    entries = client.get(reverse("claims:timeline") + "?claimant=donald-trump").context[
        "entries"
    ]
    assert {e.claim_id for e in entries} == {world.published.pk, world.corrected.pk}


# --- Query counts -------------------------------------------------------------------


def many_claims(n):
    outlet = SourceFactory(name="Outlet", kind="outlet")
    for i in range(n):
        claim = ClaimFactory(
            published=True,
            verdict=rating("false" if i % 2 else "true"),
            tags=[f"t{i % 3}", "common"],
        )
        ClaimDateFactory(claim=claim)
        AppearanceFactory(claim=claim, document=DocumentFactory(publisher=outlet))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/claims/",
        "/claims/?tag=common&verdict=true&sort=event",
        "/claims/?q=Unemployment",
        "/timeline/",
        "/feeds/rss/",
        "/api/claims/",
        "/sitemap.xml",
        "/sitemap-claims.xml",
        "/sitemap-sources.xml",
    ],
)
def test_query_count_does_not_grow_with_the_list(
    client, db, url, django_assert_max_num_queries
):
    many_claims(3)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    many_claims(12)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_claim_page_query_count_is_constant(client, db, django_assert_max_num_queries):
    claim = ClaimFactory(published=True, tags=["a", "b"])
    for _ in range(5):
        AppearanceFactory(claim=claim, document=DocumentFactory())
        Evidence.objects.create(claim=claim, stance="refutes", url="https://x.example")
    with django_assert_max_num_queries(20):
        assert client.get(claim.get_absolute_url()).status_code == 200


def test_thousands_of_parameters_are_refused_cleanly(client, db):
    query = "&".join(f"verdict=v{i}" for i in range(1500))
    response = client.get(reverse("claims:claim-list") + "?" + query)
    assert response.status_code == 400


def test_pages_stop_at_the_cap(client, db, monkeypatch):
    from claims.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "MAX_PAGES", 2)
    for _ in range(5):
        ClaimFactory(published=True)
    monkeypatch.setattr("public.views.ClaimListView.paginate_by", 1)
    response = client.get(reverse("claims:claim-list") + "?page=5")
    assert response.context["page_obj"].number == 2
    assert response.context["page_obj"].paginator.num_pages == 2


def test_unknown_page_answers_a_styled_404_in_both_languages(client, db):
    response = client.get("/claims/999999/")
    assert response.status_code == 404
    assert "This page does not exist" in response.text
    assert 'href="/claims/"' in response.text
    response = client.get("/claims/999999/", headers={"accept-language": "id"})
    assert "Halaman ini tidak ada" in response.text
