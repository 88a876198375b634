"""Every write path leaves field-level history: who, when, before and after.

Each test writes through one path and counts the history rows it left. The admin's
paths (change form, inlines, bulk actions, restore) are in tests/desk/test_history.py.
"""

import io

import pytest
from django.core.management import call_command

from claims import services
from claims.models import (
    Appearance,
    Claim,
    ClaimDate,
    Document,
    Evidence,
    Note,
    Rating,
    Source,
    SourceAlias,
    Tag,
)
from claims.models.history import acting_as
from tests.factories import (
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    SourceFactory,
    TagFactory,
    rating,
)

pytestmark = pytest.mark.django_db

TRACKED = [
    Appearance,
    Claim,
    ClaimDate,
    Document,
    Evidence,
    Note,
    Rating,
    Source,
    SourceAlias,
    Tag,
]


def versions(obj):
    return list(obj.history.order_by("history_date", "history_id"))


def test_every_model_a_fact_check_rests_on_is_tracked():
    for model in TRACKED:
        assert hasattr(model, "history"), model


def test_a_save_records_before_and_after_and_who(fact_checker):
    claim = ClaimFactory(statement="Rice prices doubled.")
    claim.statement = "Rice prices tripled."
    with acting_as(fact_checker):
        claim.save()
    first, second = versions(claim)
    delta = second.diff_against(first)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("statement", "Rice prices doubled.", "Rice prices tripled.")
    ]
    assert second.history_user == fact_checker
    assert second.history_type == "~"


def test_workflow_services_leave_history(fact_checker, editor):
    claim = services.claim_create(by=fact_checker, statement="Exports rose 40%.")
    services.claim_start_research(claim=claim, by=fact_checker)
    history = versions(claim)
    assert [v.status for v in history] == ["new", "researching"]
    assert history[-1].history_user == fact_checker
    assert history[-1].assignee_id == fact_checker.pk


def test_record_services_leave_history(fact_checker):
    claim = ClaimFactory(researching=True)
    document = DocumentFactory(text="The minister said exports rose 40% this year.")
    with acting_as(fact_checker):
        evidence = services.evidence_add(
            claim=claim, by=fact_checker, stance="refutes", url="https://example.org/x"
        )
        note = services.note_add(claim=claim, by=fact_checker, body="Ask the bureau.")
        appearance = services.appearance_add(
            claim=claim, by=fact_checker, document=document, quote="exports rose 40%"
        )
    for obj in (evidence, note, appearance):
        (version,) = versions(obj)
        assert version.history_type == "+"
        assert version.history_user == fact_checker


def test_tags_are_part_of_the_claims_history(fact_checker):
    claim = ClaimFactory()
    tag = TagFactory(name="economy")
    with acting_as(fact_checker):
        claim.tags.add(tag)
    latest = claim.history.latest("history_date", "history_id")
    assert [t.tag_id for t in latest.tags.all()] == [tag.pk]


def test_queryset_update_leaves_history_for_each_row(editor):
    claims = ClaimFactory.create_batch(3, statement="Same words.")
    before = Claim.history.count()
    with acting_as(editor):
        changed = Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
            attribution="via the ministry"
        )
    assert changed == 3
    assert Claim.history.count() == before + 3
    for claim in claims:
        latest = claim.history.latest("history_date", "history_id")
        assert latest.attribution == "via the ministry"
        assert latest.history_user == editor
        assert latest.history_change_reason == "bulk update"


@pytest.mark.parametrize("model", [Source, Tag, SourceAlias, Evidence, ClaimDate])
def test_update_on_every_tracked_model_leaves_history(model):
    factories = {
        Source: lambda: SourceFactory(),
        Tag: lambda: TagFactory(),
        SourceAlias: lambda: SourceAlias.objects.create(
            source=SourceFactory(), name="Korut"
        ),
        Evidence: lambda: EvidenceFactory(),
        ClaimDate: lambda: ClaimDate.objects.create(
            claim=ClaimFactory(), start="2019-06-30"
        ),
    }
    obj = factories[model]()
    before = model.history.count()
    field = {
        Source: "description",
        Tag: "name",
        SourceAlias: "name",
        Evidence: "excerpt",
        ClaimDate: "precision",
    }[model]
    value = "year" if model is ClaimDate else "changed in bulk"
    model.objects.filter(pk=obj.pk).update(**{field: value})
    assert model.history.count() == before + 1


def test_bulk_create_leaves_history():
    before = Tag.history.count()
    Tag.objects.bulk_create([Tag(name="a", slug="a"), Tag(name="b", slug="b")])
    assert Tag.history.count() == before + 2
    assert set(Tag.history.values_list("history_type", flat=True)) == {"+"}


def test_bulk_update_leaves_history():
    tags = [TagFactory(name="one"), TagFactory(name="two")]
    for tag in tags:
        tag.name = tag.name.upper()
    before = Tag.history.count()
    Tag.objects.bulk_update(tags, ["name"])
    assert Tag.history.count() == before + 2


def test_queryset_delete_leaves_history():
    EvidenceFactory.create_batch(2)
    before = Evidence.history.filter(history_type="-").count()
    Evidence.objects.all().delete()
    assert Evidence.history.filter(history_type="-").count() == before + 2


def test_rating_edits_leave_history():
    false = rating("false")
    false.label = "Incorrect"
    false.save()
    latest = false.history.latest("history_date", "history_id")
    assert latest.label == "Incorrect"


def test_the_importer_leaves_history(fact_checker):
    from ingest.pipeline import analyse
    from ingest.services import article_import

    text = (
        "JAKARTA - Menteri Keuangan Sri Mulyani mengatakan ekspor naik 40 persen "
        "pada tahun 2023, lebih tinggi dari perkiraan para ekonom sebelumnya."
    )
    analysis = analyse(text.encode(), filename="a.txt", language="id")
    before = {m: m.history.count() for m in (Claim, Document, Appearance)}
    result = article_import(analysis=analysis, by=fact_checker)
    assert Document.history.count() == before[Document] + 1
    assert Claim.history.count() > before[Claim]
    claim_versions = Claim.history.filter(id__in=[c.pk for c, _new in result.claims])
    assert all(v.history_user == fact_checker for v in claim_versions)


def test_management_commands_leave_history():
    call_command("load_demo", stdout=io.StringIO(), force=True)
    for model in (Claim, Document, Source, Evidence, Note, Appearance):
        assert model.history.count() >= model.objects.count() > 0, model
