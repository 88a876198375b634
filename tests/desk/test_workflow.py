"""Workflow pages of one claim (desk/admin/workflow.py): the transition and
correction forms carry the version of the claim they show, and the services
refuse a stale or missing one."""

import re
import threading

import pytest
from django.db import connection

from claims import services
from claims.models import Correction, Status
from tests.clients import DeskClient
from tests.desk.test_admin import transition_url
from tests.factories import ClaimFactory, UserFactory, rating

pytestmark = pytest.mark.django_db


def hidden_version(html):
    match = re.search(r'<input type="hidden" name="version" value="(\d+)"', html)
    return int(match.group(1)) if match else None


def correction_data(version, note="The 2019 figure was revised."):
    data = {"note": note, "verdict": rating("mostly-false").pk, "summary": "Revised."}
    if version is not None:
        data["version"] = version
    return data


def test_correction_page_carries_the_claims_version(client, editor):
    claim = ClaimFactory(published=True)
    services.claim_assign(claim=claim, by=editor, assignee=editor)  # version 2
    client.force_login(editor)

    response = client.get(transition_url(claim, "correct"))

    assert response.status_code == 200
    assert hidden_version(response.text) == claim.version == 2


def test_a_correction_from_a_stale_page_is_refused_naming_who_and_when(client, editor):
    claim = ClaimFactory(published=True)
    other = UserFactory(username="ed2", groups=["Editors"])
    client.force_login(editor)
    loaded = hidden_version(client.get(transition_url(claim, "correct")).text)
    services.claim_correct(
        claim=claim, by=other, note="First fix.", expected_version=claim.version
    )

    response = client.post(transition_url(claim, "correct"), correction_data(loaded))

    assert response.status_code == 200
    assert "This claim was changed by ed2 at " in response.text
    assert re.search(r"changed by ed2 at [^<]*\d{4}", response.text)  # says when
    assert Correction.objects.get().note == "First fix."
    claim.refresh_from_db()
    assert claim.verdict == rating("false")  # the stale page's verdict not applied


def test_a_correction_without_a_version_is_refused(client, editor):
    claim = ClaimFactory(published=True)
    client.force_login(editor)

    response = client.post(transition_url(claim, "correct"), correction_data(None))

    assert response.status_code == 200
    assert "did not say which version of the claim you opened" in response.text
    assert not Correction.objects.exists()
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED


def test_a_transition_without_a_version_is_refused(client, editor):
    claim = ClaimFactory(in_review=True)
    client.force_login(editor)

    response = client.post(transition_url(claim, "send_back"), {"comment": "Why."})

    assert response.status_code == 200
    assert "did not say which version of the claim you opened" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_editors_correcting_at_once_make_exactly_one_correction():
    """The version check runs under the row lock: eight editors who loaded the same
    correction page and post it at the same moment cannot all "succeed"."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks are PostgreSQL's; the in-memory test SQLite reports 'table is "
            "locked' instead of waiting (file SQLite serialises writers itself)"
        )
    claim = ClaimFactory(published=True)
    editors = [UserFactory(username=f"ed{i}", groups=["Editors"]) for i in range(8)]
    clients = []
    for editor in editors:
        client = DeskClient()
        client.force_login(editor)
        clients.append(client)
    url = transition_url(claim, "correct")
    version = hidden_version(clients[0].get(url).text)
    barrier = threading.Barrier(len(clients), timeout=20)
    responses = {}

    def post(i):
        try:
            barrier.wait()
            response = clients[i].post(url, correction_data(version, f"Fix by ed{i}."))
            responses[f"ed{i}"] = (response.status_code, response.text)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(responses) == 8
    [winner] = [name for name, (code, _text) in responses.items() if code == 302]
    losers = {name: text for name, (code, text) in responses.items() if code == 200}
    assert len(losers) == 7
    for text in losers.values():
        assert f"This claim was changed by {winner} at " in text
    [correction] = Correction.objects.filter(claim=claim)
    assert correction.note == f"Fix by {winner}."
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (Status.CORRECTED, version + 1)
    assert claim.events.filter(action="claim.corrected").count() == 1
