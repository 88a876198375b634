"""The readiness checklist at submission, and a second pair of eyes at publication."""

import pytest

from claims import services
from claims.services import WorkflowError
from claims.services.workflow import claim_readiness
from tests.factories import ClaimDateFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_submit_names_everything_that_is_missing(fact_checker):
    claim = ClaimFactory(researching=True, claimant=None, made_on=None)
    with pytest.raises(WorkflowError) as refused:
        services.claim_submit(claim=claim, by=fact_checker)
    message = " ".join(refused.value.messages)
    for missing in (
        "a verdict",
        "a verdict summary",
        "at least one evidence item",
        "a claimant",
        "a date",
    ):
        assert missing in message
    claim.refresh_from_db()
    assert claim.status == "researching"
    assert not claim.events.exists()


def test_a_ready_claim_submits(fact_checker):
    claim = ClaimFactory(ready=True)
    assert all(done for _what, done in claim_readiness(claim))
    services.claim_submit(claim=claim, by=fact_checker)
    assert claim.status == "in_review"


def test_a_date_the_claim_is_about_counts_as_its_date(fact_checker):
    claim = ClaimFactory(ready=True, made_on=None)
    assert dict(claim_readiness(claim))["a date"] is False
    ClaimDateFactory(claim=claim)
    assert dict(claim_readiness(claim))["a date"] is True


def test_the_editor_who_submitted_cannot_publish(editor):
    claim = ClaimFactory(ready=True)
    services.claim_submit(claim=claim, by=editor)
    with pytest.raises(WorkflowError, match="another editor"):
        services.claim_publish(claim=claim, by=editor)
    assert claim.status == "in_review"


def test_the_assignee_cannot_publish_their_own_research(editor, fact_checker):
    claim = ClaimFactory(ready=True, assignee=editor)
    services.claim_submit(claim=claim, by=fact_checker)
    with pytest.raises(WorkflowError, match="another editor"):
        services.claim_publish(claim=claim, by=editor)


def test_a_second_editor_publishes(editor, fact_checker):
    claim = ClaimFactory(ready=True, assignee=fact_checker)
    services.claim_submit(claim=claim, by=fact_checker)
    services.claim_publish(claim=claim, by=editor)
    assert claim.status == "published"


def test_a_one_person_desk_turns_the_rule_off(editor, settings):
    settings.CLAIMDESK_SEPARATE_REVIEW = False
    claim = ClaimFactory(ready=True, assignee=editor)
    services.claim_submit(claim=claim, by=editor)
    services.claim_publish(claim=claim, by=editor)
    assert claim.status == "published"


def test_sent_back_and_resubmitted_by_another_still_counts_the_first(editor):
    other = UserFactory(username="ed2", groups=["Editors"])
    claim = ClaimFactory(ready=True)
    services.claim_submit(claim=claim, by=editor)
    services.claim_send_back(claim=claim, by=other, comment="one more source")
    services.claim_submit(claim=claim, by=other)
    for who in (editor, other):
        with pytest.raises(WorkflowError, match="another editor"):
            services.claim_publish(claim=claim, by=who)
