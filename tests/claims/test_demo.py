"""``manage.py load_demo``: what a newcomer sees after ``make run``."""

import hashlib
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import translation

from claims import services
from claims.dates import PartialDate
from claims.management.commands.load_demo import DEMO_DIR, DEMO_USERS
from claims.models import (
    Appearance,
    Claim,
    ClaimDate,
    Correction,
    Document,
    Evidence,
    Note,
    ReviewEvent,
    Source,
    SourceAlias,
    Status,
    Tag,
)

#: SHA-256 of the corpus file the demo article was copied from, byte for byte.
ARTICLE_SHA256 = "2546268ec2f0d5cc097eb288b522dfefe217ffe2bbb974fda90371f1da4a627e"

EXPECTED_STATUSES = {
    Status.NEW: 1,
    Status.RESEARCHING: 2,
    Status.IN_REVIEW: 2,
    Status.PUBLISHED: 6,
    Status.NOT_CHECKABLE: 1,
    Status.CORRECTED: 1,
    Status.RETRACTED: 1,
}


def load(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


@pytest.fixture
def demo(db, debug):
    return load()


def counts():
    models = [
        Document,
        Source,
        SourceAlias,
        Tag,
        Claim,
        ClaimDate,
        Appearance,
        Evidence,
        Note,
        ReviewEvent,
        Correction,
        get_user_model(),
    ]
    return {m.__name__: m.objects.count() for m in models}


def claim_quoting(text):
    return Claim.objects.filter(appearances__quote__contains=text).distinct().get()


def test_the_article_is_stored_verbatim(demo):
    document = Document.objects.get()
    raw = (DEMO_DIR / "tribunnews-nk-letter-2025.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == ARTICLE_SHA256
    assert document.text == raw.decode("utf-8")
    assert document.text_sha256 == ARTICLE_SHA256
    assert document.language == "id"
    assert document.publisher.name == "Tribunnews"
    assert document.url.startswith("https://www.tribunnews.com/")


def test_fourteen_claims_with_fifteen_appearances_at_their_offsets(demo):
    document = Document.objects.get()
    assert Claim.objects.count() == 14
    assert Appearance.objects.count() == 15
    for appearance in Appearance.objects.all():
        assert appearance.document == document
        assert document.text[appearance.start : appearance.end] == appearance.quote
    twice = claim_quoting("negara nuklir besar")
    starts = sorted(twice.appearances.values_list("start", flat=True))
    assert len(starts) == 2
    assert starts[0] < starts[1]
    assert twice.claimant.name == "Donald Trump"


def test_claims_are_spread_over_the_workflow(demo):
    assert Claim.objects.status_counts() == {
        s: EXPECTED_STATUSES.get(s, 0) for s in Status.values
    }
    researching = Claim.objects.filter(status=Status.RESEARCHING)
    assert {c.assignee.username for c in researching} == {"factchecker"}
    opinion = claim_quoting("Dia orang yang cerdas")
    assert opinion.status == Status.NOT_CHECKABLE
    assert opinion.checkworthiness < 0.2


def test_published_claims_have_verdict_summary_evidence_and_notes(demo):
    public = Claim.objects.published()
    assert public.count() == 7
    for claim in public:
        assert claim.verdict is not None
        assert claim.verdict_summary.strip()
        assert claim.evidence.active().exists()
        assert claim.published_at is not None
    assert {e.stance for e in Evidence.objects.filter(claim__in=public)} == {
        "supports",
        "context",
    }
    assert Note.objects.public().filter(claim__in=public).exists()
    assert Note.objects.filter(claim__in=public, is_public=False).exists()
    assert len({c.verdict.slug for c in public}) >= 3


def test_the_review_history_is_the_services(demo):
    for claim in Claim.objects.all():
        actions = list(claim.events.values_list("action", flat=True))
        assert actions[0] == "claim.created"
        assert claim.events.last().to_status == claim.status
    published = ReviewEvent.objects.filter(action="claim.published")
    assert published.count() == 8  # 6 published, the corrected and the retracted
    assert {e.actor.username for e in published} == {"editor"}
    assert ReviewEvent.objects.filter(
        action="claim.sent_back", actor__username="editor"
    )
    corrected = Claim.objects.get(status=Status.CORRECTED)
    correction = corrected.corrections.get()
    assert correction.previous_verdict.slug == "true"
    assert correction.new_verdict == corrected.verdict
    retracted = Claim.objects.get(status=Status.RETRACTED)
    assert retracted.events.get(action="claim.retracted").comment


def test_the_published_dates_tell_the_story(demo):
    dates = {
        (d.display(), d.role)
        for d in ClaimDate.objects.filter(claim__in=Claim.objects.published())
    }
    assert {
        ("1950–1953", "event"),
        ("June 2018", "event"),
        ("February 2019", "event"),
        ("30 June 2019", "event"),
        ("October 2019", "event"),
        ("2025", "event"),
        ("11 June 2025", "reported"),
    } <= dates


def test_sources_are_found_by_their_aliases(demo):
    assert Source.objects.matching("Korut").get().name == "North Korea"
    assert Source.objects.matching("Korea Utara").get().kind == "government"
    assert Source.objects.matching("TRIBUNNEWS.COM").get().kind == "outlet"
    assert Source.objects.filter(kind="anonymous").exists()
    letter = claim_quoting("menolak menerima surat")
    assert letter.claimant.name == "NK News"
    assert "high-level source" in letter.attribution


def test_a_demo_quote_reads_as_one_in_each_language(demo):
    quote = Claim.objects.get(statement__startswith="Trump: 'We have a great")
    assert (quote.attribution, quote.speech) == ("", "quote")
    with translation.override("en"):
        assert quote.attribution_text == "Donald Trump (direct quote)"
    with translation.override("id"):
        assert quote.attribution_text == "Donald Trump (kutipan langsung)"


def test_running_twice_changes_nothing(demo):
    before = counts()
    output = load()
    assert counts() == before
    assert "already loaded" in output


def test_running_again_resets_the_demo_passwords(demo):
    user = get_user_model().objects.get(username="editor")
    user.set_password("something-else-entirely")
    user.save()
    load()
    assert authenticate(sign_in(), username="editor", password="editor-demo")


def test_a_failure_leaves_nothing_behind(db, debug, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "claim_correct", broken)
    with pytest.raises(RuntimeError):
        load()
    assert not Document.objects.exists()
    assert not Claim.objects.exists()


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=False"):
        load()
    assert not Document.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()


def test_force_runs_without_debug(db, settings):
    settings.DEBUG = False
    load(force=True)
    assert Claim.objects.count() == 14


def sign_in():
    """A login request: django-axes counts failures per request, so needs one."""
    return RequestFactory().post("/admin/login/", REMOTE_ADDR="127.0.0.1")


def test_prints_the_logins_that_work(demo, client):
    assert "http://127.0.0.1:8000/" in demo
    assert "http://127.0.0.1:8000/admin/" in demo
    for username, password, group in DEMO_USERS:
        assert username in demo
        assert password in demo
        user = authenticate(sign_in(), username=username, password=password)
        assert user is not None
        assert user.is_staff
        if group:
            assert list(user.groups.values_list("name", flat=True)) == [group]
        else:
            assert user.is_superuser
    response = client.post(
        "/admin/login/",
        {"username": "factchecker", "password": "factchecker-demo", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_demo_claims_go_through_the_same_rules(demo):
    """The demo data is ordinary data: the services keep working on it."""
    editor = get_user_model().objects.get(username="editor")
    claim = Claim.objects.get(status=Status.IN_REVIEW, verdict__slug="true")
    services.claim_transition(claim=claim, by=editor, name="publish")
    assert claim.status == Status.PUBLISHED
    new = Claim.objects.get(status=Status.NEW)
    assert new.dates.get().start_date == PartialDate.parse("2019")


def test_explains_a_missing_group(db, debug):
    Group.objects.filter(name="Editors").delete()
    with pytest.raises(CommandError, match="Editors"):
        load()
    assert not Claim.objects.exists()
