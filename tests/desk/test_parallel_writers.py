"""Lost updates, proven with eight writers at once: through the admin change form,
the services, the inline rows and the workflow pages, nothing one writer saved is
silently overwritten by another, and a save that does not say which version it
was made from is refused.

The threaded tests need PostgreSQL's row locks (the in-memory test SQLite reports
'table is locked' instead of waiting); CI runs them against PostgreSQL. Each thread
has its own Client (one person each) and its own database connection, closed in a
``finally`` so the flush that ends the test is not left waiting.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from claims import services
from claims.models import Claim, Evidence, Note, Status
from claims.services import ConflictError
from tests.clients import DeskClient
from tests.desk.test_admin import transition_url
from tests.desk.test_workflow import hidden_version
from tests.edits import add_row, change_url, loaded
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS = 8
CHANGED = "was changed by {who} at "
NO_VERSION = "did not say which version of the claim you opened"

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; the in-memory test SQLite reports 'table is "
    "locked' instead of waiting (file SQLite serialises writers itself)",
)


def desk_people() -> list[Any]:
    """Four fact-checkers and four editors: eight different people at the desk."""
    return [
        UserFactory(username=f"fc{i}", groups=["Fact-checkers"]) for i in range(4)
    ] + [UserFactory(username=f"ed{i}", groups=["Editors"]) for i in range(4)]


def logged_in(user: Any) -> DeskClient:
    client = DeskClient()
    client.force_login(user)
    return client


def at_once(work: Callable[[int], Any], n: int = WRITERS) -> list[Any]:
    """Run ``work(i)`` for i in 0..n-1 in n threads released together by a barrier;
    return what each returned (or the exception it raised)."""
    barrier = threading.Barrier(n, timeout=30)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # reported by the test, not lost in the thread
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    return results


def refusal(response: Any) -> str:
    """The errors shown at the top of a re-shown change form."""
    return " ".join(response.context["adminform"].form.non_field_errors())


# --- (a) the admin change form --------------------------------------------------------


@needs_row_locks
def test_eight_people_saving_one_claims_page_at_once_save_exactly_once():
    claim = ClaimFactory(researching=True, statement="Exports rose 40 percent")
    version = claim.version
    history_before = claim.history.count()
    people = desk_people()
    clients = [logged_in(person) for person in people]
    url = change_url(claim)
    pages = [loaded(client.get(url)) for client in clients]  # all the same version
    assert {page["loaded_version"] for page in pages} == {version}

    def post(i: int) -> Any:
        pages[i]["statement"] = f"Exports rose 40 percent, says {people[i].username}"
        return clients[i].post(url, pages[i])

    responses = at_once(post)

    assert [r for r in responses if isinstance(r, Exception)] == []
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 7 + [302], codes  # no 500, and exactly one save
    [winner] = [
        p for p, r in zip(people, responses, strict=True) if r.status_code == 302
    ]
    for person, response in zip(people, responses, strict=True):
        if person == winner:
            continue
        # The loser's page is shown again, with their own wording still in it.
        assert CHANGED.format(who=winner.username) in refusal(response)
        assert "after you opened it" in refusal(response)
        assert f"says {person.username}" in response.text
    claim.refresh_from_db()
    assert claim.statement == f"Exports rose 40 percent, says {winner.username}"
    assert claim.version == version + 1
    assert claim.updated_by == winner
    assert claim.history.count() == history_before + 1
    assert claim.history.first().statement == claim.statement


# --- (b) the services -----------------------------------------------------------------


@needs_row_locks
def test_eight_services_calls_saving_one_version_let_exactly_one_through():
    claim = ClaimFactory(researching=True)
    version = claim.version
    people = desk_people()

    def save(i: int) -> str:
        copy = Claim.objects.get(pk=claim.pk)  # this writer's own connection
        copy.attribution = f"by {people[i].username}"
        services.claim_save(claim=copy, by=people[i], expected_version=version)
        return people[i].username

    results = at_once(save)

    saved = [r for r in results if isinstance(r, str)]
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(saved) == 1 and len(conflicts) == 7, results
    assert {c.code for c in conflicts} == {"conflict"}
    for conflict in conflicts:
        assert CHANGED.format(who=saved[0]) in conflict.messages[0]
    claim.refresh_from_db()
    assert (claim.attribution, claim.version) == (f"by {saved[0]}", version + 1)


# --- (c) inline rows ------------------------------------------------------------------


@needs_row_locks
def test_eight_people_adding_evidence_and_notes_at_once_lose_none():
    """Each writer opens the page and adds one evidence item and one note; a writer
    refused (if any) reloads the page, so every save happens on a fresh version.
    Every row from a save that succeeded is stored, and nothing else."""
    claim = ClaimFactory(researching=True)
    people = desk_people()
    clients = [logged_in(person) for person in people]
    url = change_url(claim)
    pages = [loaded(client.get(url)) for client in clients]

    def add(i: int) -> dict[str, int]:
        name = people[i].username
        outcome = {"saved": 0, "refused": 0}
        data = pages[i]
        for _attempt in range(WRITERS + 1):
            add_row(
                data,
                "evidence",
                stance="supports",
                url=f"https://www.example.org/{name}",
                excerpt=f"Evidence found by {name}.",
            )
            add_row(data, "notes", body=f"Note by {name}.")
            response = clients[i].post(url, data)
            if response.status_code == 302:
                outcome["saved"] += 1
                return outcome
            assert response.status_code == 200, response.status_code
            assert "after you opened it" in refusal(response), refusal(response)
            outcome["refused"] += 1
            data = loaded(clients[i].get(url))  # reload, then add the rows again
        return outcome

    outcomes = at_once(add)

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sum(o["saved"] for o in outcomes) == WRITERS  # each got through once
    assert Evidence.objects.filter(claim=claim).count() == WRITERS
    assert Note.objects.filter(claim=claim).count() == WRITERS
    for person in people:
        evidence = Evidence.objects.get(excerpt=f"Evidence found by {person.username}.")
        assert evidence.added_by == person
        assert Note.objects.get(body=f"Note by {person.username}.").author == person


# --- workflow transitions -------------------------------------------------------------


@needs_row_locks
def test_eight_editors_publishing_one_claim_at_once_publish_it_once():
    claim = ClaimFactory(in_review=True)
    EvidenceFactory(claim=claim)
    editors = [UserFactory(username=f"ed{i}", groups=["Editors"]) for i in range(8)]
    clients = [logged_in(editor) for editor in editors]
    url = transition_url(claim, "publish")
    versions = [hidden_version(client.get(url).text) for client in clients]
    assert set(versions) == {claim.version}

    def publish(i: int) -> Any:
        return clients[i].post(url, {"version": versions[i], "comment": ""})

    responses = at_once(publish)

    assert [r for r in responses if isinstance(r, Exception)] == []
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 7 + [302], codes
    [winner] = [
        e for e, r in zip(editors, responses, strict=True) if r.status_code == 302
    ]
    for response in responses:
        if response.status_code == 200:
            assert CHANGED.format(who=winner.username) in response.text
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    [event] = claim.events.filter(action="claim.published")
    assert event.actor == winner


# --- (d) a save without a version -----------------------------------------------------


def test_a_change_form_posted_without_its_version_is_refused(editor):
    claim = ClaimFactory(researching=True, statement="Exports rose 40 percent")
    client = logged_in(editor)
    url = change_url(claim)
    data = loaded(client.get(url))
    del data["loaded_version"]
    data["statement"] = "Exports rose 4 percent"
    history_before = claim.history.count()

    response = client.post(url, data)

    assert response.status_code == 200
    assert NO_VERSION in refusal(response)
    assert "Exports rose 4 percent" in response.text  # the edit is still on the page
    claim.refresh_from_db()
    assert claim.statement == "Exports rose 40 percent"
    assert claim.history.count() == history_before


def test_a_change_form_posted_with_an_empty_version_is_refused(editor):
    claim = ClaimFactory(researching=True, statement="Exports rose 40 percent")
    client = logged_in(editor)
    url = change_url(claim)
    data = loaded(client.get(url))
    data["loaded_version"] = ""
    data["statement"] = "Exports rose 4 percent"

    response = client.post(url, data)

    assert response.status_code == 200
    assert NO_VERSION in refusal(response)
    claim.refresh_from_db()
    assert claim.statement == "Exports rose 40 percent"


def test_a_service_save_without_a_version_is_refused(editor):
    claim = ClaimFactory(researching=True, statement="Exports rose 40 percent")
    version = claim.version
    copy = Claim.objects.get(pk=claim.pk)
    copy.statement = "Exports rose 4 percent"

    with pytest.raises(ConflictError) as exc:
        services.claim_save(claim=copy, by=editor, expected_version=None)

    assert exc.value.code == "version_missing"
    assert NO_VERSION in exc.value.messages[0]
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Exports rose 40 percent", version)
