"""The same source under two names: finding it (claims/sourcematch.py,
``Source.objects.similar_to``) and merging it (``source_merge``) with nothing lost."""

import pytest
from django.core.exceptions import PermissionDenied

from claims import services
from claims.models import (
    Claim,
    Document,
    Evidence,
    Source,
    SourceAlias,
    SourceMerge,
)
from claims.services import WorkflowError
from claims.sourcematch import (
    compare,
    parse,
    probes,
    source_duplicates,
    sources_like,
)
from tests.factories import (
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    SourceAliasFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Retno Marsudi", "Retno L.P. Marsudi", "apart from initials"),
        ("Jokowi", "Joko Widodo", "syllables"),
        ("liputan6.com", "Liputan6", "web address"),
        ("https://www.tempo.co/", "Tempo", "web address"),
        ("Presiden Joko Widodo", "Joko Widodo", "the same name"),
        ("Menlu Retno Marsudi", "Retno Marsudi", "the same name"),
        ("SBY", "Susilo Bambang Yudhoyono", "known nickname"),
        ("PDIP", "Partai Demokrasi Indonesia Perjuangan", "initials"),
        ("Retno Marsudi", "Retno Marsoedi", "similar spelling"),
        ("Kementerian Luar Negeri", "Kementerian Luar Negeri RI", "the same name"),
        ("Donald J. Trump", "Donald Trump", "initials"),
        ("Bank Indonesia", "Bank Indonesia (BI)", "contains"),
    ],
)
def test_the_same_source_under_another_name(a, b, reason):
    score, why = compare(parse(a), parse(b))
    assert score >= 0.6, (a, b, score, why)
    assert reason in why


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong Il"),
        ("Joko Widodo", "Joko Susilo"),
        ("Donald Trump", "Donald Tusk"),
        ("NK News", "North Korea"),
        ("Jokowi", "Joe Biden"),
        ("Tempo", "Tempe"),
        ("Reuters", "Routers Inc"),
    ],
)
def test_different_sources_are_not_suggested(a, b):
    score, why = compare(parse(a), parse(b))
    assert score < 0.6, (a, b, score, why)


def test_duplicates_are_found_in_the_database_by_name_and_alias():
    jokowi = SourceFactory(name="Jokowi", kind="person")
    widodo = SourceFactory(name="Joko Widodo", kind="person")
    SourceFactory(name="Joe Biden", kind="person")
    retno = SourceFactory(name="Retno L.P. Marsudi", kind="person")
    marsudi = SourceFactory(name="Menteri Luar Negeri", kind="person")
    SourceAliasFactory(source=marsudi, name="Retno Marsudi")
    outlet = SourceFactory(name="Liputan6", kind="outlet")
    dotcom = SourceFactory(name="liputan6.com", kind="outlet")
    SourceFactory(name="Gone Liputan6", is_archived=True)

    assert [x.source for x in source_duplicates(jokowi)] == [widodo]
    found = source_duplicates(retno)
    assert [x.source for x in found] == [marsudi]
    assert found[0].other_name == "Retno Marsudi"  # found through its alias
    assert [x.source for x in source_duplicates(dotcom)] == [outlet]
    assert [x.source.name for x in sources_like(["Widodo"])] == ["Joko Widodo"]
    assert set(Source.objects.similar_to("Jokowi")) >= {jokowi, widodo}
    assert not Source.objects.similar_to("  ").exists()


@pytest.mark.parametrize(
    "name",
    [
        "Retno L.P. Marsudi",
        "https://www.tempo.co/",
        "liputan-6.com",
        "Pedro Sánchez",
        "Łukasz Ćwik",
        "O'Brien & Sons",
        "Presiden RI Joko Widodo",
    ],
)
def test_the_database_cuts_names_into_the_same_probes_as_python(name):
    """On PostgreSQL the candidates come from an index of
    ``claimdesk_name_probes(name)``: every probe Python makes of a name must be
    among it, or a source would not find itself under its own name."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the function is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT claimdesk_name_probes(%s)", [name])
        (stored,) = cursor.fetchone()
    assert probes(name) <= set(stored), (name, stored)


def counted(*sources):
    ids = [s.pk for s in sources]
    return {
        "claims": Claim.objects.filter(claimant_id__in=ids).count(),
        "documents": Document.objects.filter(publisher_id__in=ids).count(),
        "evidence": Evidence.objects.filter(source_id__in=ids).count(),
        "aliases": SourceAlias.objects.filter(source_id__in=ids).count(),
        "sources": Source.objects.filter(pk__in=ids).count(),
    }


@pytest.fixture
def sources():
    survivor = SourceFactory(name="Joko Widodo", kind="person", country="")
    SourceAliasFactory(source=survivor, name="Pak Jokowi")
    merged = SourceFactory(
        name="Jokowi", kind="person", country="ID", homepage="https://jokowi.example"
    )
    SourceAliasFactory(source=merged, name="pak jokowi")  # a duplicate alias
    SourceAliasFactory(source=merged, name="Presiden Jokowi")
    ClaimFactory(claimant=merged)
    ClaimFactory(claimant=merged, published=True)
    ClaimFactory(claimant=survivor)
    DocumentFactory(publisher=merged)
    EvidenceFactory(source=merged, url="")
    return survivor, merged


def test_source_merge_moves_everything_and_keeps_the_name_as_an_alias(sources, editor):
    survivor, merged = sources
    before = counted(survivor, merged)
    page = Claim.objects.get(claimant=merged, status="published")
    version = page.version

    record = services.source_merge(survivor=survivor, merged=merged, by=editor)

    # Every row is still there; one alias more (the merged name).
    assert counted(survivor, merged) == {**before, "aliases": before["aliases"] + 1}
    assert not Claim.objects.filter(claimant=merged).exists()
    assert Claim.objects.filter(claimant=survivor).count() == 3
    assert Document.objects.filter(publisher=survivor).count() == 1
    assert Evidence.objects.filter(source=survivor).count() == 1
    names = set(survivor.aliases.values_list("name", flat=True))
    assert names == {"Pak Jokowi", "Presiden Jokowi", "Jokowi"}
    assert list(merged.aliases.values_list("name", flat=True)) == ["pak jokowi"]
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert survivor.country == "ID" and survivor.homepage == "https://jokowi.example"
    assert merged.is_archived
    assert record.rows["kept"]["aliases"] == list(
        merged.aliases.values_list("pk", flat=True)
    )
    # A claim whose claimant changed is at a new version, with a history row.
    page.refresh_from_db()
    assert page.version == version + 1
    latest = page.history.latest("history_date", "history_id")
    assert latest.claimant_id == survivor.pk and latest.history_user == editor
    assert (
        latest.history_change_reason == f"merged source {merged.pk} into {survivor.pk}"
    )
    # The importer finds the survivor by the merged name, not the archived source.
    assert services.source_get_or_create(name="Jokowi", kind="person") == survivor


def test_source_merge_refusals_change_nothing(sources, editor, fact_checker):
    survivor, merged = sources
    before = counted(survivor, merged)
    with pytest.raises(PermissionDenied):
        services.source_merge(survivor=survivor, merged=merged, by=fact_checker)
    with pytest.raises(WorkflowError, match="itself"):
        services.source_merge(survivor=survivor, merged=survivor, by=editor)
    assert counted(survivor, merged) == before
    services.source_merge(survivor=survivor, merged=merged, by=editor)
    with pytest.raises(WorkflowError, match="already merged"):
        services.source_merge(survivor=SourceFactory(), merged=merged, by=editor)
    with pytest.raises(WorkflowError, match="merged into another source"):
        services.source_restore(source=merged, by=editor)
    assert SourceMerge.objects.get().into == survivor


def test_a_chain_of_source_merges_leads_to_the_last(editor):
    a, b, c = SourceFactory(name="A1"), SourceFactory(name="B1"), SourceFactory()
    services.source_merge(survivor=b, merged=a, by=editor)
    services.source_merge(survivor=c, merged=b, by=editor)
    assert SourceMerge.objects.survivor_of_slug(a.slug) == c
    assert SourceMerge.objects.survivor_of_slug("no-such-source") is None
    assert {"A1", "B1"} <= set(c.aliases.values_list("name", flat=True))
