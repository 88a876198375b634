"""HTTP caching of the public pages: Cache-Control for shared caches, and claim pages'
conditional GET, which must never answer 304 over a change the page shows."""

import pytest
from django.urls import reverse

from claims.models import Claim, Rating
from tests.clients import DeskClient
from tests.edits import EDITS, change_url, loaded
from tests.factories import ClaimFactory, SourceFactory


@pytest.fixture
def desk(editor):
    """The newsroom's browser, logged in as an editor (the reader's stays anonymous)."""
    desk = DeskClient()
    desk.force_login(editor)
    return desk


@pytest.fixture
def bystander(world):
    """A published claim that shares nothing with the world's claims."""
    return ClaimFactory(
        published=True,
        statement="The bridge opened in 1932.",
        claimant=SourceFactory(name="City archive"),
    )


@pytest.fixture
def neighbour(world):
    """A published claim tagged "letters", a tag no other claim has yet."""
    return ClaimFactory(
        published=True,
        statement="Letters were exchanged at the DMZ.",
        claimant=SourceFactory(name="Unification ministry"),
        tags=["letters"],
    )


def validators(client, claim):
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    return response["ETag"], response.get("Last-Modified")


def revalidate(client, claim, etag):
    return client.get(claim.get_absolute_url(), headers={"If-None-Match": etag})


# --- Conditional GET ----------------------------------------------------------------


def test_claim_page_etag_and_304(client, world):
    url = world.published.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert etag
    assert first["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_head_request_on_a_claim(client, world):
    response = client.head(world.published.get_absolute_url())
    assert response.status_code == 200
    assert response["ETag"]


def test_etag_depends_on_the_language(client, world):
    etag, _ = validators(client, world.published)
    indonesian = client.get(
        world.published.get_absolute_url(),
        headers={"If-None-Match": etag, "Accept-Language": "id"},
    )
    assert indonesian.status_code == 200
    assert indonesian["ETag"] != etag


@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_every_change_the_page_shows_revalidates(
    client, desk, world, bystander, neighbour, edit
):
    """After any change made in the desk, the reader's old ETag (or date) gets the
    new page, the new ETag gets a 304, and a page that shows none of it keeps its
    ETag, unless the change is one every page shares (the catalogue, a public
    claim's card), whose version is the site's epoch."""
    pages = [world.published, world.corrected, world.retracted, bystander, neighbour]
    before = {claim.pk: validators(client, claim) for claim in pages}

    shows = edit.apply(desk, world)

    old_etag, old_modified = before[shows.claim.pk]
    response = revalidate(client, shows.claim, old_etag)
    assert response.status_code == 200
    body = response.content.decode()
    assert (shows.text not in body) if shows.gone else (shows.text in body)
    assert response["ETag"] != old_etag
    if old_modified:
        since = client.get(
            shows.claim.get_absolute_url(),
            headers={"If-Modified-Since": old_modified},
        )
        assert since.status_code == 200
    assert revalidate(client, shows.claim, response["ETag"]).status_code == 304
    kept = revalidate(client, bystander, before[bystander.pk][0])
    assert kept.status_code == (200 if edit.shared else 304)


def test_retracted_page_answers_conditional_get(client, desk, world):
    etag, _ = validators(client, world.retracted)
    assert revalidate(client, world.retracted, etag).status_code == 304
    # A retracted claim's own fields are frozen; its claimant's name is not.
    claimant = world.retracted.claimant
    data = loaded(desk.get(change_url(claimant)))
    data["name"] = "Reuters, in 2019"
    assert desk.post(change_url(claimant), data).status_code == 302
    response = revalidate(client, world.retracted, etag)
    assert response.status_code == 200
    assert "Reuters, in 2019" in response.content.decode()
    assert "This fact-check has been retracted" in response.content.decode()


def test_assigning_a_claim_keeps_its_page(client, desk, editor, world):
    """Writes the page does not show leave its ETag alone."""
    etag, _ = validators(client, world.published)
    response = desk.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign_to_me", "_selected_action": [world.published.pk]},
    )
    assert response.status_code == 302
    assert Claim.objects.get(pk=world.published.pk).assignee == editor
    assert revalidate(client, world.published, etag).status_code == 304


def test_rating_order_edited_in_the_list_goes_through_the_service(client, desk, world):
    etag, _ = validators(client, world.published)
    url = reverse("admin:claims_rating_changelist")
    data = loaded(desk.get(url))
    verdict = Rating.objects.get(pk=world.published.verdict_id)
    i = next(
        n
        for n in range(int(data["form-TOTAL_FORMS"]))
        if str(data[f"form-{n}-id"]) == str(verdict.pk)
    )
    data[f"form-{i}-order"] = 99
    assert desk.post(url, data).status_code == 302
    assert Rating.objects.get(pk=verdict.pk).order == 99
    assert revalidate(client, world.published, etag).status_code == 200


def test_a_future_page_date_is_not_sent(client, world):
    """A burst of writes may move page_changed_at past the clock: no Last-Modified
    then (one in the future is not allowed), and the ETag still answers."""
    for _ in range(3):
        Claim.objects.filter(pk=world.published.pk).bump_page_version()
    response = client.get(world.published.get_absolute_url())
    assert "Last-Modified" not in response
    assert revalidate(client, world.published, response["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "name", ["claims:home", "claims:claim-list", "claims:timeline"]
)
def test_pages_of_many_claims_carry_no_validators(client, world, name):
    response = client.get(reverse(name))
    assert "ETag" not in response
    assert "Last-Modified" not in response


def test_feeds_never_answer_304(client, world):
    """Feeds carry the syndication framework's Last-Modified (the newest entry's
    date), but nothing answers conditional requests with it."""
    url = reverse("claims:feed-rss")
    modified = client.get(url)["Last-Modified"]
    response = client.get(url, headers={"If-Modified-Since": modified})
    assert response.status_code == 200


# --- Cache-Control ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "claims:home",
        "claims:claim-list",
        "claims:timeline",
        "claims:sitemap",
        "claims:feed-rss",
        "claims:feed-atom",
    ],
)
def test_anonymous_pages_are_publicly_cacheable(client, world, name):
    response = client.get(reverse(name))
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]
    assert "csrftoken" not in response.cookies


def test_claim_page_cacheable_and_logged_in_is_private(client, world, editor):
    url = world.published.get_absolute_url()
    assert "public" in client.get(url)["Cache-Control"]
    client.force_login(editor)
    assert "private" in client.get(url)["Cache-Control"]


def test_admin_is_not_publicly_cacheable(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert "public" not in response.get("Cache-Control", "")
