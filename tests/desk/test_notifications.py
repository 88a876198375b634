"""Work that reaches people: assigning with a due date, the emails (Django's
outbox) and desk notifications on assignment, send-back, publication and a missed
due date; watching; turning email off; My work; saved filters."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Notification, ReviewEvent, SavedFilter, Status, Watch
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", groups=["Fact-checkers"])


@pytest.fixture
def ed_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def emails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_an_editor_assigns_with_a_due_date_and_the_assignee_is_emailed(
    editor, alice, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(statement="Korut fired a missile", researching=True)
    due = timezone.localdate() + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, by=editor, assignee=alice, due_on=due)
    claim.refresh_from_db()
    assert (claim.assignee, claim.due_on) == (alice, due)
    event = claim.events.filter(action=ReviewEvent.Action.ASSIGNED).get()
    assert event.actor == editor and due.isoformat() in event.comment
    [email] = emails_to("alice@example.org")
    assert "Assigned to you: Korut fired a missile" in email.subject
    assert "ed assigned this claim to you" in email.body
    assert f"Due on {due.isoformat()}" in email.body
    assert f"/admin/claims/claim/{claim.pk}/change/" in email.body
    # the editor who assigned now watches it, and is not told of their own act
    assert Watch.objects.filter(claim=claim, user=editor).exists()
    assert not emails_to("ed@example.org")
    assert Notification.objects.get(recipient=alice).kind == "assigned"


def test_reassigning_tells_the_new_assignee_and_the_watchers(
    editor, alice, django_capture_on_commit_callbacks
):
    bob = UserFactory(username="bob", groups=["Fact-checkers"])
    watcher = UserFactory(username="wendy", groups=["Fact-checkers"])
    claim = ClaimFactory(researching=True, assignee=alice)
    services.claim_watch(claim=claim, by=watcher)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, by=editor, assignee=bob)
    assert len(emails_to("bob@example.org")) == 1
    assert "assigned a claim you watch" in emails_to("wendy@example.org")[0].body
    assert not emails_to("alice@example.org")  # no longer hers, not watching


def test_a_fact_checker_cannot_give_a_claim_to_someone_else(alice):
    bob = UserFactory(username="bob", groups=["Fact-checkers"])
    claim = ClaimFactory(researching=True)
    with pytest.raises(PermissionDenied):
        services.claim_assign(claim=claim, by=alice, assignee=bob)
    services.claim_assign(claim=claim, by=alice, assignee=alice)  # taking is fine
    claim.refresh_from_db()
    assert claim.assignee == alice


def test_the_change_form_refuses_a_fact_checker_assigning_a_colleague(
    alice_client, alice
):
    bob = UserFactory(username="bob", groups=["Fact-checkers"])
    claim = ClaimFactory(researching=True, assignee=alice)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    form = alice_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(_management(), assignee=bob.pk, loaded_version=claim.version)
    data["tags"] = []
    response = alice_client.post(url, data)
    assert response.status_code == 200
    assert "only editors give it to someone else" in response.text
    claim.refresh_from_db()
    assert claim.assignee == alice


def _management():
    data = {}
    for prefix in (
        "dates",
        "appearances",
        "evidence",
        "notes",
        "corrections",
        "events",
    ):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def test_send_back_tells_the_assignee_with_the_editors_comment(
    editor, fact_checker, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(ready=True, status=Status.IN_REVIEW, assignee=fact_checker)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_send_back(
            claim=claim, by=editor, comment="Find a second source for the date."
        )
    [email] = emails_to("fc@example.org")
    assert email.subject.startswith("[Claimdesk] Sent back for changes:")
    assert "Find a second source for the date." in email.body
    n = Notification.objects.get(recipient=fact_checker)
    assert (n.kind, n.comment, n.actor) == (
        "sent_back",
        "Find a second source for the date.",
        editor,
    )


def test_publish_tells_the_assignee_and_watchers(
    editor, fact_checker, django_capture_on_commit_callbacks
):
    watcher = UserFactory(username="wendy", groups=["Editors"])
    claim = ClaimFactory(ready=True, status=Status.IN_REVIEW, assignee=fact_checker)
    services.claim_watch(claim=claim, by=watcher)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=claim, by=editor)
    assert emails_to("fc@example.org")[0].subject.startswith("[Claimdesk] Published:")
    assert "ed published this claim" in emails_to("wendy@example.org")[0].body
    assert not emails_to("ed@example.org")


def test_a_missed_due_date_is_told_once_by_the_command(
    editor, alice, django_capture_on_commit_callbacks
):
    late = ClaimFactory(statement="Late one", researching=True, assignee=alice)
    late.due_on = timezone.localdate() - dt.timedelta(days=1)
    late.save()
    on_time = ClaimFactory(researching=True, assignee=alice)
    on_time.due_on = timezone.localdate() + dt.timedelta(days=1)
    on_time.save()
    done = ClaimFactory(published=True, assignee=alice)
    done.due_on = timezone.localdate() - dt.timedelta(days=5)
    done.save()
    services.claim_watch(claim=late, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_overdue")
    assert [m.subject for m in emails_to("alice@example.org")] == [
        "[Claimdesk] Past its due date: Late one"
    ]
    assert len(emails_to("ed@example.org")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_overdue")  # again: nobody is told twice
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(kind="overdue").count() == 2


def test_the_overdue_check_runs_as_a_job(alice, django_capture_on_commit_callbacks):
    late = ClaimFactory(researching=True, assignee=alice)
    late.due_on = timezone.localdate() - dt.timedelta(days=2)
    late.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_overdue", "--queue")
    from claims.models import Job

    job = Job.objects.get(kind="claims.overdue")
    assert job.status == "succeeded", job.outcome
    assert Notification.objects.filter(recipient=alice, kind="overdue").exists()


def test_email_off_keeps_the_desk_notification_only(
    alice_client, alice, editor, django_capture_on_commit_callbacks
):
    response = alice_client.post(reverse("admin:notification-settings"), {})
    assert response.status_code == 302
    claim = ClaimFactory(researching=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, by=editor, assignee=alice)
    assert not mail.outbox
    assert Notification.objects.filter(recipient=alice).count() == 1
    # turned back on, email comes again
    alice_client.post(reverse("admin:notification-settings"), {"email": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, by=editor, assignee=None)
        services.claim_assign(claim=claim, by=editor, assignee=alice)
    assert len(emails_to("alice@example.org")) == 1


def test_each_person_gets_emails_in_the_language_they_chose(
    alice_client, alice, editor, django_capture_on_commit_callbacks
):
    """Alice reads Indonesian; the editor's emails stay in the site's language."""
    page = alice_client.get(reverse("admin:notification-settings"))
    assert "The site&#x27;s language (English)" in page.text
    response = alice_client.post(
        reverse("admin:notification-settings"), {"email": "on", "language": "id"}
    )
    assert response.status_code == 302
    claim = ClaimFactory(statement="Korut fired a missile", researching=True)
    in_review = ClaimFactory(ready=True, status=Status.IN_REVIEW, assignee=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, by=editor, assignee=alice)
        services.claim_send_back(claim=in_review, by=editor, comment="Sumbernya?")
    [assigned, sent_back] = emails_to("alice@example.org")
    assert "Ditugaskan kepada Anda: Korut fired a missile" in assigned.subject
    assert "Assigned" not in assigned.subject + assigned.body
    assert "Sumbernya?" in sent_back.body and "Sent back" not in sent_back.subject
    # the form shows the choice again, and refuses a language the site has not
    assert (
        'value="id" selected'
        in alice_client.get(reverse("admin:notification-settings")).text
    )
    refused = alice_client.post(
        reverse("admin:notification-settings"), {"email": "on", "language": "xx"}
    )
    assert refused.status_code == 200
    assert services.notification_setting(alice).language == "id"


def test_a_change_that_rolls_back_emails_nobody(editor, alice):
    claim = ClaimFactory(researching=True)
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.claim_assign(claim=claim, by=editor, assignee=alice)
        raise RuntimeError
    assert not mail.outbox
    assert not Notification.objects.exists()


def test_the_header_counts_unread_and_the_list_marks_them_read(
    alice_client, alice, editor
):
    for _ in range(2):
        services.claim_assign(
            claim=ClaimFactory(researching=True), by=editor, assignee=alice
        )
    page = alice_client.get(reverse("admin:index")).text
    assert 'id="cd-unread-count">2<' in page
    listing = alice_client.get(reverse("admin:notifications")).text
    assert listing.count('data-kind="assigned"') == 2
    assert "ed assigned this claim to you." in listing
    alice_client.post(reverse("admin:notifications"))
    assert 'id="cd-unread-count"' not in alice_client.get(reverse("admin:index")).text


def test_opening_a_notification_marks_it_read_and_nobody_elses(
    alice_client, alice, editor
):
    claim = ClaimFactory(researching=True)
    services.claim_assign(claim=claim, by=editor, assignee=alice)
    mine = Notification.objects.get(recipient=alice)
    theirs = Notification.objects.create(recipient=editor, claim=claim, kind="assigned")
    response = alice_client.get(reverse("admin:notification-open", args=[mine.pk]))
    assert response.url == reverse("admin:claims_claim_change", args=[claim.pk])
    mine.refresh_from_db()
    assert mine.read_at is not None
    other = alice_client.get(reverse("admin:notification-open", args=[theirs.pk]))
    assert other.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_watch_and_stop_watching_from_the_claim_page(alice_client, alice):
    claim = ClaimFactory(researching=True)
    change = reverse("admin:claims_claim_change", args=[claim.pk])
    assert 'id="cd-watch-button"' in alice_client.get(change).text
    watch = reverse("admin:claim-watch", args=[claim.pk])
    alice_client.post(watch, {"watch": "1"})
    assert Watch.objects.filter(claim=claim, user=alice).exists()
    assert "Stop watching" in alice_client.get(change).text
    alice_client.post(watch, {"watch": "0"})
    assert not Watch.objects.filter(claim=claim, user=alice).exists()
    assert (
        alice_client.post(reverse("admin:claim-watch", args=["99999"]), {}).status_code
        == 404
    )


def test_my_work_lists_overdue_first_and_review_for_editors(client, alice, editor):
    today = timezone.localdate()
    for statement, due in (
        ("No date", None),
        ("Due later", today + dt.timedelta(days=5)),
        ("Overdue", today - dt.timedelta(days=2)),
    ):
        claim = ClaimFactory(statement=statement, researching=True, assignee=alice)
        claim.due_on = due
        claim.save()
    ClaimFactory(statement="Waiting for an editor", in_review=True)
    client.force_login(alice)
    text = client.get(reverse("admin:index")).text
    mine = text.split('id="cd-mine"')[1].split("</ul>")[0]
    assert mine.index("Overdue") < mine.index("Due later") < mine.index("No date")
    assert "overdue since" in mine
    assert 'id="cd-review"' not in text
    client.force_login(editor)
    text = client.get(reverse("admin:index")).text
    assert "Waiting for an editor" in text.split('id="cd-review"')[1]


def test_saved_filters_are_named_per_person_and_open_for_anyone(client, alice, editor):
    client.force_login(alice)
    query = "status__exact=researching&assignee=me"
    response = client.post(
        reverse("admin:saved-filter-save"), {"name": "My research", "query": query}
    )
    assert response.status_code == 302
    saved = SavedFilter.objects.get(owner=alice)
    assert (saved.name, saved.query) == ("My research", query)
    changelist = client.get(reverse("admin:claims_claim_changelist")).text
    assert "My research" in changelist.split('id="cd-saved-filters"')[1]
    # blank names are refused with a message, nothing saved
    client.post(reverse("admin:saved-filter-save"), {"name": " ", "query": "x=1"})
    # so are control characters, which no link may carry
    for name, q in (("Bad\x00", "x=1"), ("Bad", "x=1\r\nSet-Cookie: a=b")):
        response = client.post(
            reverse("admin:saved-filter-save"), {"name": name, "query": q}
        )
        assert response.status_code in (302, 400)
    assert SavedFilter.objects.count() == 1
    # the link works for a colleague; their own list stays theirs
    client.force_login(editor)
    opened = client.get(reverse("admin:saved-filter", args=[saved.pk]))
    assert opened.url == f"{reverse('admin:claims_claim_changelist')}?{query}"
    assert "My research" not in client.get(reverse("admin:index")).text
    client.post(reverse("admin:saved-filter-delete", args=[saved.pk]))
    assert SavedFilter.objects.filter(pk=saved.pk).exists()  # not the editor's
    client.force_login(alice)
    client.post(reverse("admin:saved-filter-delete", args=[saved.pk]))
    assert not SavedFilter.objects.exists()


def test_an_editor_assigns_several_claims_at_once(
    ed_client, alice, editor, django_capture_on_commit_callbacks
):
    claims = [ClaimFactory(researching=True) for _ in range(2)]
    changelist = reverse("admin:claims_claim_changelist")
    ids = [c.pk for c in claims]
    page = ed_client.post(changelist, {"action": "assign_to", "_selected_action": ids})
    assert 'id="cd-bulk-assign"' in page.text
    due = timezone.localdate() + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        response = ed_client.post(
            changelist,
            {
                "action": "assign_to",
                "_selected_action": ids,
                "apply": "1",
                "assignee": alice.pk,
                "due_on": due.isoformat(),
            },
        )
    assert response.status_code == 302
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.assignee, claim.due_on) == (alice, due)
    assert len(emails_to("alice@example.org")) == 2


def test_fact_checkers_do_not_get_the_assign_to_action(alice_client):
    ClaimFactory(researching=True)
    page = alice_client.get(reverse("admin:claims_claim_changelist")).text
    assert 'value="assign_to_me"' in page
    assert 'value="assign_to"' not in page
