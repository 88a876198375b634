"""``manage.py generate_synthetic``: realistic, deterministic synthetic claims whose
pages all render, with their history and review events, and the review history's
guard left in place."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from claims.models import Appearance, Claim, ReviewEvent, Source, Status
from claims.status import PAGE_STATUSES, PUBLIC_STATUSES

pytestmark = pytest.mark.django_db

N = 200


def generate(seed=7, claims=N):
    out = StringIO()
    call_command(
        "generate_synthetic", "--claims", str(claims), "--seed", str(seed), stdout=out
    )
    text = out.getvalue()
    first = int(text.split("first id ")[1].split(",")[0])
    checksum = text.split("checksum ")[1].split(")")[0]
    return Claim.objects.filter(pk__gte=first, pk__lt=first + claims), checksum, text


@pytest.fixture
def generated():
    claims, _checksum, _text = generate()
    return claims


def test_it_reports_each_phase_and_the_counts():
    _claims, _checksum, text = generate(claims=30)
    for phase in ("sources: ", "claims: ", "history: ", "sequences: "):
        assert phase in text
    assert "Generated 30 claims in" in text


def test_the_statuses_are_spread_as_in_a_newsroom(generated):
    counts = generated.status_counts()
    public = sum(counts[s] for s in PUBLIC_STATUSES)
    assert 0.65 * N <= public <= 0.88 * N  # about 77%
    assert sum(1 for n in counts.values() if n) >= 5
    assert counts[Status.NEW] and counts[Status.RESEARCHING]


def test_claims_come_with_appearances_dates_tags_verdicts_and_a_long_tail(generated):
    assert all(c.appearances.exists() for c in generated)
    assert all(c.dates.exists() for c in generated)
    assert all(c.tags.exists() for c in generated)
    assert not generated.filter(status__in=PUBLIC_STATUSES, verdict=None).exists()
    assert {c.language for c in generated} == {"en", "id"}
    precisions = set(generated.values_list("dates__precision", flat=True))
    assert precisions == {"day", "month", "year"}
    per_claimant = sorted(
        (s.claims.count() for s in Source.objects.exclude(kind="outlet")),
        reverse=True,
    )
    assert per_claimant[0] >= 15 * per_claimant[len(per_claimant) // 2]
    for appearance in Appearance.objects.filter(claim__in=generated)[:50]:
        text = appearance.document.text
        assert text[appearance.start : appearance.end] == appearance.quote


def test_the_same_seed_gives_the_same_claims_and_another_seed_others():
    first, checksum, _ = generate(seed=3)
    again, checksum_again, _ = generate(seed=3)
    other, checksum_other, _ = generate(seed=4)
    rows = ("statement", "status", "language", "verdict__slug", "claimant__name")
    assert list(first.order_by("pk").values_list(*rows)) == list(
        again.order_by("pk").values_list(*rows)
    )
    assert checksum == checksum_again
    assert checksum_other != checksum
    assert list(other.values_list("statement")) != list(first.values_list("statement"))


def test_review_events_follow_each_claims_status(generated):
    for claim in generated:
        actions = list(claim.events.order_by("pk").values_list("action", flat=True))
        assert actions[0] == ReviewEvent.Action.CREATED
        if claim.status in PAGE_STATUSES:
            assert ReviewEvent.Action.SUBMITTED in actions
            assert ReviewEvent.Action.PUBLISHED in actions
            assert claim.published_at is not None
        if claim.status == Status.CORRECTED:
            assert actions[-1] == ReviewEvent.Action.CORRECTED
            assert claim.corrections.exists()
        if claim.status == Status.NEW:
            assert actions == [ReviewEvent.Action.CREATED]


def test_every_object_has_its_creation_in_the_history(generated):
    history = Claim.history.filter(id__in=generated.values("pk"), history_type="+")
    assert history.count() == N
    assert Appearance.history.filter(claim_id__in=generated.values("pk")).count() == (
        Appearance.objects.filter(claim__in=generated).count()
    )


def test_every_public_page_of_a_generated_claim_renders(client, generated):
    pages = generated.filter(status__in=PAGE_STATUSES)
    assert pages.count() > N // 2
    for claim in pages:
        assert client.get(claim.get_absolute_url()).status_code == 200, claim.pk
    claimants = {c.claimant for c in pages.select_related("claimant")}
    for source in claimants:
        assert client.get(source.get_absolute_url()).status_code == 200, source.slug
    claim = pages.filter(status=Status.PUBLISHED).first()
    for url in (
        reverse("claims:home"),
        reverse("claims:claim-list"),
        reverse("claims:claim-list") + "?q=inflation",
        reverse("claims:claim-list") + f"?claimant={claim.claimant.slug}",
        reverse("claims:timeline"),
        reverse("claims:feed-rss"),
        reverse("claims:sitemap"),
        f"/api/claims/{claim.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    unpublished = generated.filter(status=Status.IN_REVIEW).first()
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_search_finds_generated_claims(generated):
    en = generated.filter(language="en", status=Status.PUBLISHED).first()
    word = en.statement.split()[-2].strip(".,")
    assert en in Claim.objects.published().search(word)


def test_the_review_history_is_still_append_only_afterwards(generated):
    for sql in (
        "UPDATE claims_reviewevent SET comment = 'rewritten'",
        "DELETE FROM claims_reviewevent",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)


def test_the_desk_lists_generated_claims_to_a_generated_editor(client, generated):
    from django.contrib.auth import get_user_model

    client.force_login(
        get_user_model().objects.get(
            username="synthetic-editor-00", groups__name="Editors"
        )
    )
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 200
    claim = generated.first()
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "args",
    [["--claims", "0"], ["--claims", "many"], ["--claims", "5", "--seed", "x"]],
)
def test_bad_arguments_are_refused_clearly(args):
    with pytest.raises(CommandError, match="Expected"):
        call_command("generate_synthetic", *args, stdout=StringIO())
    assert not Claim.objects.exists()
