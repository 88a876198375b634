"""Fixtures for the public site: a small world of claims in every workflow state."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from claims.models import Claim, Correction, Evidence, Source, Status
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceAliasFactory,
    SourceFactory,
    rating,
)

HIDDEN_STATUSES = [
    Status.NEW,
    Status.RESEARCHING,
    Status.IN_REVIEW,
    Status.NOT_CHECKABLE,
]


@dataclass
class World:
    published: Claim
    corrected: Claim
    retracted: Claim
    archived: Claim
    hidden: dict[str, Claim]
    secret_claimant: Source
    outlet: Source
    secrets: list[str] = field(default_factory=list)

    @property
    def invisible(self) -> list[Claim]:
        """Claims that must not appear in any list, feed, API or search."""
        return [self.retracted, self.archived, *self.hidden.values()]


@pytest.fixture
def world(db):
    """Published, corrected, retracted, archived and every unpublished state.

    Every unpublished thing carries a distinctive marker word so a crawl can look for
    it in any response: statements, evidence URLs and excerpts, notes, claimant names.
    """
    now = timezone.now()
    trump = SourceFactory(
        name="Donald Trump", kind=Source.Kind.PERSON, homepage="https://trump.example"
    )
    SourceAliasFactory(source=trump, name="Trump")
    outlet = SourceFactory(name="Tribunnews", kind=Source.Kind.OUTLET)
    doc = DocumentFactory(
        title="Korut tolak surat Trump",
        publisher=outlet,
        language="id",
        text="Diplomat Korea Utara menolak menerima surat dari Donald Trump.",
        url="https://www.tribunnews.com/internasional/2025/06/11/korut-tolak-surat",
        published_on=dt.date(2025, 6, 11),
        authors="Ani Reporter, Budi Penulis",
    )
    published = ClaimFactory(
        published=True,
        statement="North Korean diplomats refused to accept a letter from Trump.",
        claimant=trump,
        attribution="NK News, citing a high-level source",
        made_on=dt.date(2025, 6, 11),
        verdict=rating("mostly-true"),
        verdict_summary="NK News reported it; **nobody** denied it.",
        published_at=now - dt.timedelta(days=2),
        tags=["north korea", "diplomacy"],
    )
    AppearanceFactory(
        claim=published,
        document=doc,
        quote="Diplomat Korea Utara menolak menerima surat dari Donald Trump.",
    )
    ClaimDateFactory(
        claim=published,
        start=dt.date(2025, 6, 1),
        precision="month",
        label="The refused letter",
    )
    EvidenceFactory(
        claim=published,
        stance=Evidence.Stance.SUPPORTS,
        url="https://www.nknews.org/letter",
        excerpt="Diplomats refused the letter.",
        archive_url="https://web.archive.org/web/2025/https://www.nknews.org/letter",
    )
    EvidenceFactory(
        claim=published,
        stance=Evidence.Stance.REFUTES,
        url="https://archived-evidence.example/zzarchivedevidence",
        excerpt="zzarchivedevidence",
        is_archived=True,
    )
    NoteFactory(
        claim=published, body="Public write-up: we read NK News.", is_public=True
    )
    NoteFactory(claim=published, body="zzinternalnote do not publish", is_public=False)

    corrected = ClaimFactory(
        corrected=True,
        statement="Trump and Kim met at Panmunjom on 30 June 2019.",
        claimant=trump,
        verdict=rating("true"),
        published_at=now - dt.timedelta(days=5),
        tags=["diplomacy"],
    )
    ClaimDateFactory(
        claim=corrected, start=dt.date(2019, 6, 30), label="Panmunjom meeting"
    )
    Correction.objects.create(
        claim=corrected,
        note="We first gave the wrong day.",
        previous_verdict=rating("mostly-true"),
        new_verdict=rating("true"),
    )
    retracted = ClaimFactory(
        retracted=True,
        statement="zzretracted The Stockholm talks never happened.",
        claimant=trump,
        tags=["diplomacy"],
    )
    ClaimDateFactory(claim=retracted, start=dt.date(2019, 10, 1), precision="month")
    archived = ClaimFactory(
        published=True,
        statement="zzarchivedclaim archived but published.",
        claimant=trump,
    )
    Claim.objects.filter(pk=archived.pk).update(is_archived=True)

    secret_claimant = SourceFactory(name="Zzsecretclaimant", kind=Source.Kind.PERSON)
    secret_tag = "zzsecrettag"
    hidden = {}
    for status in HIDDEN_STATUSES:
        marker = f"zzhidden{status.replace('_', '')}"
        claim = ClaimFactory(
            status=status,
            statement=f"{marker} statement of an unpublished claim.",
            claimant=secret_claimant,
            verdict=rating("false"),
            verdict_summary=f"{marker} summary",
            tags=[secret_tag, "diplomacy"],
        )
        ClaimDateFactory(claim=claim, start=dt.date(2018, 6, 12), label=marker)
        EvidenceFactory(claim=claim, url=f"https://evidence.example/{marker}")
        NoteFactory(claim=claim, body=f"{marker} note", is_public=True)
        secret_doc = DocumentFactory(
            title=f"{marker} document",
            publisher=SourceFactory(name=f"{marker} outlet", kind=Source.Kind.OUTLET),
        )
        AppearanceFactory(claim=claim, document=secret_doc)
        hidden[status] = claim
    return World(
        published=published,
        corrected=corrected,
        retracted=retracted,
        archived=archived,
        hidden=hidden,
        secret_claimant=secret_claimant,
        outlet=outlet,
        secrets=[
            "zzhidden",
            "zzretracted",
            "zzarchivedclaim",
            "zzarchivedevidence",
            "zzinternalnote",
            "zzsecret",
        ],
    )
