"""claims_bulk_create: many claims at once, with everything claim_create leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse

from claims import services
from claims.dates import PartialDate
from claims.models import Claim, ReviewEvent, Status
from tests.factories import SourceAliasFactory, SourceFactory


def _rows(claimant):
    return [
        {
            "statement": "Komodo dragons number 3,000 on Rinca.",
            "claimant": claimant,
            "tags": ["wildlife", "Rinca"],
            "made": PartialDate.parse("2024-05"),
        },
        {"statement": "Rice exports rose 40 percent.", "language": "en"},
        {"statement": "Harga beras naik dua kali lipat.", "language": "id"},
    ]


def test_bulk_created_claims_have_history_events_and_tags(fact_checker):
    minister = SourceFactory(name="Minister of Environment")
    claims = services.claims_bulk_create(rows=_rows(minister), by=fact_checker)
    assert [c.pk is not None for c in claims] == [True] * 3
    first = Claim.objects.get(pk=claims[0].pk)
    assert first.status == Status.NEW
    assert first.created_by == fact_checker
    assert first.made_on.isoformat() == "2024-05-01"
    assert sorted(first.tags.values_list("name", flat=True)) == ["Rinca", "wildlife"]
    # one "+" history row per claim, by the fact-checker, with its tags
    for claim in claims:
        rows = list(Claim.history.filter(id=claim.pk))
        assert [(r.history_type, r.history_user) for r in rows] == [("+", fact_checker)]
    version = Claim.history.get(id=first.pk)
    assert sorted(t.tag.name for t in version.tags.all()) == ["Rinca", "wildlife"]
    # the review event claim_create writes
    events = ReviewEvent.objects.filter(claim__in=claims)
    assert (
        sorted(events.values_list("action", "actor"))
        == [(ReviewEvent.Action.CREATED, fact_checker.pk)] * 3
    )


def test_bulk_created_claims_are_found_by_search(fact_checker, client):
    """Through the search vector on PostgreSQL (the trigger stays on)."""
    claimant = SourceFactory(name="Badan Konservasi")
    SourceAliasFactory(source=claimant, name="BKSDA")
    services.claims_bulk_create(rows=_rows(claimant), by=fact_checker)
    if connection.vendor == "postgresql":
        assert not Claim.objects.filter(search_vector__isnull=True).exists()
    assert [c.statement for c in Claim.objects.search("komodo")] == [
        "Komodo dragons number 3,000 on Rinca."
    ]
    assert Claim.objects.search("BKSDA").count() == 1  # the claimant's alias
    client.force_login(fact_checker)
    text = client.get(reverse("admin:claims_claim_changelist"), {"q": "komodo"}).text
    assert "Komodo dragons number 3,000" in text
    assert "Rice exports" not in text


def test_an_invalid_row_writes_nothing(fact_checker):
    rows = [{"statement": "Fine one."}, {"statement": "   "}]
    with pytest.raises(ValidationError, match="Row 1"):
        services.claims_bulk_create(rows=rows, by=fact_checker)
    with pytest.raises(ValidationError, match="Row 0"):
        services.claims_bulk_create(
            rows=[{"statement": "x", "checkworthiness": 7}], by=fact_checker
        )
    with pytest.raises(TypeError, match="status"):
        services.claims_bulk_create(
            rows=[{"statement": "x", "status": "published"}], by=fact_checker
        )
    assert not Claim.objects.exists()
    assert not ReviewEvent.objects.exists()


def test_bulk_create_needs_the_add_permission(outsider):
    with pytest.raises(PermissionDenied):
        services.claims_bulk_create(rows=[{"statement": "x"}], by=outsider)
    assert not Claim.objects.exists()


#: one claim of each kind the vector is made of: claimant with aliases, attribution,
#: attribution chain, accents, both stemmed languages and another one
VARIED = [
    {
        "statement": "Harga beras naik dua kali lipat di pasar.",
        "language": "id",
        "attribution": "NK News, citing a high-level source",
        "attribution_chain": [
            {"name": "Reuters", "role": "agency"},
            {"name": "a high-level source", "link": "citing"},
        ],
        "speech": "paraphrase",
        "made": PartialDate.parse("2024"),
        "checkworthiness": 0.25,
        "tags": ["Food", "food", "economy"],
    },
    {"statement": "Café exports rose 40 percent.", "language": "en"},
    {"statement": "A inflação caiu.", "language": "pt-BR", "tags": ["economy"]},
]


def _varied(claimant):
    return [
        dict(row, claimant=claimant) if i != 2 else row for i, row in enumerate(VARIED)
    ]


def _single(row, by):
    row = dict(row)
    return services.claim_create(by=by, **row)


def _stored(claims):
    return list(Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("pk"))


#: what differs between two claims however they were written
OWN = {"id", "created_at", "updated_at", "page_changed_at", "search_vector"}


def test_a_bulk_claim_is_stored_as_claim_create_stores_it(fact_checker):
    """Every column, the history row (with tags), the event: field by field."""
    claimant = SourceFactory(name="Kementerian Pertanian")
    bulk = _stored(services.claims_bulk_create(rows=_varied(claimant), by=fact_checker))
    single = _stored([_single(row, fact_checker) for row in _varied(claimant)])
    fields = [f.attname for f in Claim._meta.concrete_fields if f.name not in OWN]
    for b, s in zip(bulk, single, strict=True):
        assert {f: getattr(b, f) for f in fields} == {f: getattr(s, f) for f in fields}
        assert sorted(b.tags.values_list("name", flat=True)) == sorted(
            s.tags.values_list("name", flat=True)
        )
        # history: every tracked column, who and what; the reason says "bulk"
        # (claim_create writes a second row when it sets the tags: its latest)
        b_version = Claim.history.get(id=b.pk)
        s_version = Claim.history.filter(id=s.pk).latest()
        tracked = [f.attname for f in Claim.history.model.tracked_fields]
        tracked = [f for f in tracked if f not in OWN]
        assert {f: getattr(b_version, f) for f in tracked} == {
            f: getattr(s_version, f) for f in tracked
        }
        assert (b_version.history_type, b_version.history_user) == ("+", fact_checker)
        assert b_version.history_change_reason == "bulk create"
        assert sorted(t.tag_id for t in b_version.tags.all()) == sorted(
            t.tag_id for t in s_version.tags.all()
        )
        # the review event, its claim_ref made from the bulk claim's own id
        event_fields = ["action", "actor_id", "from_status", "to_status", "comment"]
        event_fields += ["from_verdict_id", "to_verdict_id"]
        (b_event,) = ReviewEvent.objects.filter(claim=b).values(
            "claim_ref", *event_fields
        )
        (s_event,) = ReviewEvent.objects.filter(claim=s).values(
            "claim_ref", *event_fields
        )
        assert b_event.pop("claim_ref") == f"#{b.pk} {b.statement}"
        s_event.pop("claim_ref")
        assert b_event == s_event


def test_a_row_naming_a_tag_twice_in_any_case_tags_once(fact_checker):
    (claim,) = services.claims_bulk_create(
        rows=[{"statement": "x", "tags": ["Food", "food", " FOOD "]}], by=fact_checker
    )
    assert list(claim.tags.values_list("name", flat=True)) == ["Food"]
    assert Claim.history.get(id=claim.pk).tags.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="search vectors are PostgreSQL's"
)
def test_a_bulk_claim_has_the_search_vector_claim_create_gives(fact_checker):
    claimant = SourceFactory(name="Badan Pusat Statistik")
    SourceAliasFactory(source=claimant, name="BPS")
    SourceAliasFactory(source=claimant, name="Statistics Indonesia")
    bulk = services.claims_bulk_create(rows=_varied(claimant), by=fact_checker)
    single = [_single(row, fact_checker) for row in _varied(claimant)]
    vectors = dict(
        Claim.objects.filter(pk__in=[c.pk for c in bulk + single]).values_list(
            "pk", "search_vector"
        )
    )
    for b, s in zip(bulk, single, strict=True):
        assert vectors[b.pk] == vectors[s.pk]
        assert vectors[b.pk]
    # and search finds them by each part: statement (stemmed, unaccented), alias,
    # attribution, the chain's names, a tag
    for text in ("harga beras", "cafe", "BPS", "high-level source", "Reuters", "food"):
        found = {c.pk for c in Claim.objects.search(text)}
        assert found & {c.pk for c in bulk}, text
        assert {c.pk for c in bulk if c.pk in found} == {
            b.pk for b, s in zip(bulk, single, strict=True) if s.pk in found
        }, text


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="search vectors are PostgreSQL's"
)
def test_claims_written_after_a_bulk_import_still_get_their_vector(fact_checker):
    """The bulk statement's mark for the trigger ends with it, transaction or not."""
    with transaction.atomic():
        services.claims_bulk_create(rows=[{"statement": "Rice."}], by=fact_checker)
        later = services.claim_create(by=fact_checker, statement="Komodo dragons.")
    assert Claim.objects.search("komodo").get() == later


def test_a_system_import_records_nobody(db):
    """``by=None`` (a command run from a shell): no actor, no history user."""
    (claim,) = services.claims_bulk_create(rows=[{"statement": "Rice."}], by=None)
    assert Claim.history.get(id=claim.pk).history_user is None
    assert ReviewEvent.objects.get(claim=claim).actor is None
    assert Claim.objects.get(pk=claim.pk).created_by is None
