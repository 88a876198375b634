"""Merging a duplicate claim into the one that survives (claims/services/merge.py):
every row moves or stays, none is lost; both histories say so; review events are
never rewritten; published pages change only as the publication rules allow."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from claims import services
from claims.models import (
    Appearance,
    Claim,
    ClaimDate,
    ClaimMerge,
    Correction,
    Evidence,
    ExternalFactCheck,
    ExternalId,
    Note,
    ReviewEvent,
    Status,
)
from claims.services import WorkflowError
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    TagFactory,
    rating,
)

pytestmark = pytest.mark.django_db

QUOTE = "unemployment fell to 5.2 percent in 2019"

#: Every table that holds rows of a claim, by the claim's foreign key.
RELATED = {
    "appearances": Appearance,
    "dates": ClaimDate,
    "evidence": Evidence,
    "notes": Note,
    "external_fact_checks": ExternalFactCheck,
    "external_ids": ExternalId,
    "corrections": Correction,
    "events": ReviewEvent,
}


def count_rows(*claims):
    """Each related table's rows of ``claims``, the tag links, and the claims."""
    ids = [c.pk for c in claims]
    counts = {
        name: model.objects.filter(claim_id__in=ids).count()
        for name, model in RELATED.items()
    }
    counts["tag_links"] = Claim.tags.through.objects.filter(claim_id__in=ids).count()
    counts["claims"] = Claim.objects.filter(pk__in=ids).count()
    return counts


def external(claim, n=1):
    return ExternalFactCheck.objects.create(
        claim=claim,
        key=f"k{claim.pk}-{n}",
        claim_reviewed=claim.statement,
        review_url=f"https://factcheck.example/{claim.pk}/{n}",
        publisher_name="Example Check",
        raw={},
    )


@pytest.fixture
def pair(editor):
    """An unpublished survivor and a duplicate with one of everything, including a
    quote and a date the survivor already has."""
    shared_doc = DocumentFactory()
    survivor = ClaimFactory(researching=True, tags=["economy"])
    AppearanceFactory(claim=survivor, document=shared_doc)
    ClaimDateFactory(claim=survivor, start=dt.date(2019, 6, 30))
    merged = ClaimFactory(researching=True, tags=["economy", "jobs"])
    services.claim_assign(claim=merged, by=editor, assignee=editor)  # an event
    AppearanceFactory(claim=merged, document=shared_doc)  # duplicate quote
    AppearanceFactory(claim=merged)  # a new one
    ClaimDateFactory(claim=merged, start=dt.date(2019, 6, 30))  # duplicate date
    ClaimDateFactory(claim=merged, start=dt.date(2018, 1, 1), precision="year")
    EvidenceFactory(claim=merged)
    EvidenceFactory(claim=merged, is_archived=True)
    NoteFactory(claim=merged, body="internal")
    NoteFactory(claim=merged, body="public", is_public=True)
    external(merged)
    ExternalId.objects.create(claim=merged, key="liar:2635.json", dataset="liar")
    return survivor, merged


def test_nothing_is_lost_every_row_moves_or_stays(pair, editor):
    survivor, merged = pair
    before = count_rows(survivor, merged)
    merged_events = set(merged.events.values_list("pk", "action", "created_at"))

    record = services.claim_merge(survivor=survivor, merged=merged, by=editor)

    after = count_rows(survivor, merged)
    # The same rows, plus the two review events the merge writes and the tag the
    # survivor gains (the merged claim keeps its own tags); none deleted.
    assert after == {
        **before,
        "events": before["events"] + 2,
        "tag_links": before["tag_links"] + 1,
    }
    # What moved is on the survivor; only duplicates stay on the merged claim.
    assert survivor.appearances.count() == 2
    assert merged.appearances.count() == 1
    assert survivor.dates.count() == 2 and merged.dates.count() == 1
    assert survivor.evidence.count() == 2 and not merged.evidence.exists()
    assert survivor.notes.count() == 2 and not merged.notes.exists()
    assert survivor.external_fact_checks.count() == 1
    # A re-import of the dataset row finds the survivor.
    assert ExternalId.objects.get(key="liar:2635.json").claim == survivor
    assert set(survivor.tags.values_list("name", flat=True)) == {"economy", "jobs"}
    # The merged claim's events are untouched and still its own...
    assert merged_events <= set(merged.events.values_list("pk", "action", "created_at"))
    # ...and read on the survivor with its own.
    shown = ReviewEvent.objects.of_claim_and_merged(survivor)
    assert set(merged.events.values_list("pk", flat=True)) <= set(
        shown.values_list("pk", flat=True)
    )
    assert record.rows["kept"]["appearances"] == list(
        merged.appearances.values_list("pk", flat=True)
    )
    assert record.moved_count() == 8


def test_both_histories_and_review_events_record_the_merge(pair, editor):
    survivor, merged = pair
    services.claim_merge(survivor=survivor, merged=merged, by=editor)
    merged.refresh_from_db()
    assert merged.is_archived
    assert ClaimMerge.objects.get(merged=merged).into == survivor
    m_event = merged.events.latest("created_at", "pk")
    s_event = survivor.events.latest("created_at", "pk")
    assert m_event.action == ReviewEvent.Action.MERGED
    assert m_event.comment == f"→ #{survivor.pk}" and m_event.actor == editor
    assert s_event.action == ReviewEvent.Action.MERGED_IN
    assert s_event.comment == f"← #{merged.pk}"
    for claim in (survivor, merged):
        latest = claim.history.latest("history_date", "history_id")
        assert latest.history_user == editor
        assert latest.history_change_reason == (
            f"merged #{merged.pk} into #{survivor.pk}"
        )
    # Each moved row's history says where it went and why.
    evidence = survivor.evidence.first()
    moved = evidence.history.latest("history_date", "history_id")
    assert moved.claim_id == survivor.pk
    assert moved.history_change_reason == f"merged #{merged.pk} into #{survivor.pk}"


def test_only_editors_merge(pair, fact_checker, outsider):
    survivor, merged = pair
    before = count_rows(survivor, merged)
    for user in (fact_checker, outsider):
        with pytest.raises(PermissionDenied):
            services.claim_merge(survivor=survivor, merged=merged, by=user)
    assert count_rows(survivor, merged) == before
    assert not Claim.objects.get(pk=merged.pk).is_archived


@pytest.mark.parametrize(
    ("survivor_kw", "merged_kw", "code"),
    [
        ({"researching": True}, {"retracted": True}, "retracted"),
        ({"retracted": True}, {"researching": True}, "retracted"),
        ({"researching": True}, {"published": True}, "unpublished_survivor"),
        ({"researching": True, "is_archived": True}, {"researching": True}, "archived"),
    ],
)
def test_refusals_change_nothing(editor, survivor_kw, merged_kw, code):
    survivor, merged = ClaimFactory(**survivor_kw), ClaimFactory(**merged_kw)
    EvidenceFactory(claim=merged)
    before = count_rows(survivor, merged)
    with pytest.raises(WorkflowError) as caught:
        services.claim_merge(survivor=survivor, merged=merged, by=editor)
    assert caught.value.code == code
    assert count_rows(survivor, merged) == before
    assert not ClaimMerge.objects.exists()


def test_a_claim_neither_merges_into_itself_nor_twice(pair, editor):
    survivor, merged = pair
    with pytest.raises(WorkflowError, match="into itself"):
        services.claim_merge(survivor=survivor, merged=survivor, by=editor)
    services.claim_merge(survivor=survivor, merged=merged, by=editor)
    other = ClaimFactory(researching=True)
    with pytest.raises(WorkflowError, match="already merged"):
        services.claim_merge(survivor=other, merged=merged, by=editor)
    with pytest.raises(WorkflowError, match="merged into another"):
        services.claim_restore(claim=merged, by=editor)


def test_a_published_survivor_gains_quotes_as_later_sightings(editor):
    published_at = timezone.now() - dt.timedelta(days=3)
    survivor = ClaimFactory(published=True, published_at=published_at)
    AppearanceFactory(claim=survivor)
    merged = ClaimFactory(researching=True)
    quote = AppearanceFactory(claim=merged, created_at=published_at - dt.timedelta(1))
    version = Claim.objects.get(pk=survivor.pk).page_version

    services.claim_merge(survivor=survivor, merged=merged, by=editor)

    survivor.refresh_from_db()
    quote.refresh_from_db()
    assert quote.claim == survivor
    assert survivor.is_later_sighting(quote)
    assert (
        survivor.status == Status.PUBLISHED
    )  # no correction: nothing published changed
    assert not Correction.objects.filter(claim=survivor).exists()
    assert survivor.page_version > version


def test_a_published_survivor_gaining_public_rows_needs_a_public_note(editor):
    survivor = ClaimFactory(published=True)
    merged = ClaimFactory(researching=True)
    EvidenceFactory(claim=merged, excerpt="Table 3")
    ClaimDateFactory(claim=merged, start=dt.date(2017, 5, 1))
    before = count_rows(survivor, merged)
    with pytest.raises(WorkflowError) as caught:
        services.claim_merge(survivor=survivor, merged=merged, by=editor)
    assert "public note" in caught.value.message_dict["note"][0]
    assert count_rows(survivor, merged) == before

    services.claim_merge(
        survivor=survivor, merged=merged, by=editor, note="Merged a duplicate."
    )
    survivor.refresh_from_db()
    assert survivor.status == Status.CORRECTED
    correction = Correction.objects.get(claim=survivor)
    assert correction.note == "Merged a duplicate."
    fields = [c["field"] for c in correction.changes]
    assert fields == ["merged", "claimdate", "evidence"]
    assert correction.changes[0]["after"] == merged.statement


def test_merging_a_published_claim_away_is_a_public_correction(editor):
    survivor = ClaimFactory(published=True)
    merged = ClaimFactory(published=True, verdict=rating("true"))
    with pytest.raises(WorkflowError, match="public note"):
        services.claim_merge(survivor=survivor, merged=merged, by=editor)
    record = services.claim_merge(
        survivor=survivor, merged=merged, by=editor, note="Two pages, one claim."
    )
    merged.refresh_from_db()
    assert record.was_public and record.correction.claim == survivor
    assert merged.is_archived and merged.status == Status.PUBLISHED
    assert not Claim.objects.published().filter(pk=merged.pk).exists()
    assert merged.revised_at >= record.merged_at - dt.timedelta(seconds=1)
    assert merged.events.latest("created_at", "pk").comment.endswith(
        ": Two pages, one claim."
    )


def test_a_chain_of_merges_leads_to_the_last_survivor(editor):
    a, b, c = (ClaimFactory(researching=True) for _ in range(3))
    services.claim_merge(survivor=b, merged=a, by=editor)
    services.claim_merge(survivor=c, merged=b, by=editor)
    assert ClaimMerge.objects.survivor_of(a.pk) == c
    assert ClaimMerge.objects.merged_into(c) == [b.pk, a.pk]
    events = ReviewEvent.objects.of_claim_and_merged(c)
    assert set(events.values_list("claim_id", flat=True)) == {a.pk, b.pk, c.pk}


def test_review_events_stay_append_only_through_a_merge(pair, editor):
    """The merge writes events; the database still refuses to move one."""
    survivor, merged = pair
    services.claim_merge(survivor=survivor, merged=merged, by=editor)
    event = merged.events.first()
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE claims_reviewevent SET claim_id = %s WHERE id = %s",
            [survivor.pk, event.pk],
        )


def test_merged_tags_show_on_the_plan(pair, editor):
    survivor, merged = pair
    TagFactory(name="unused")
    plan = services.claim_merge_plan(survivor=survivor, merged=merged)
    assert [t.name for t in plan.tags_added] == ["jobs"]
    assert plan.counts() == {
        "appearances": 1,
        "dates": 1,
        "evidence": 2,
        "notes": 2,
        "external_fact_checks": 1,
        "external_ids": 1,
    }
    assert not plan.needs_note and not plan.refusal
