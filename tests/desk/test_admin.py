"""The admin desk, through the pages fact-checkers and editors use."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from claims.models import Claim, Correction, ReviewEvent, Status
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    SourceAliasFactory,
    SourceFactory,
    TagFactory,
    UserFactory,
    rating,
)

CHANGELIST = reverse_lazy("admin:claims_claim_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def transition_url(claim, name):
    return reverse("admin:claims_claim_transition", args=[claim.pk, name])


@pytest.fixture
def fc_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


@pytest.fixture
def ed_client(client, editor):
    client.force_login(editor)
    return client


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def claim_form_data(claim, **overrides):
    """What the claim change page posts, with empty inline formsets."""
    data = {
        "statement": claim.statement,
        "language": claim.language,
        "claimant": claim.claimant_id or "",
        "attribution": claim.attribution,
        "speech": claim.speech,
        "made_on_text": claim.made.iso() if claim.made else "",
        "made_on_precision": claim.made_on_precision if claim.made_on else "",
        "assignee": claim.assignee_id or "",
        "checkworthiness": claim.checkworthiness
        if claim.checkworthiness is not None
        else "",
        "verdict": claim.verdict_id or "",
        "verdict_summary": claim.verdict_summary,
        "loaded_version": claim.version,
    }
    for prefix in (
        "translations",
        "dates",
        "appearances",
        "evidence",
        "notes",
        "corrections",
        "events",
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(overrides)
    return data


# --- The claims list ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["fact_checker", "editor", "superuser"])
def test_claims_list_answers_for_each_role(client, role, request):
    client.force_login(request.getfixturevalue(role))
    ClaimFactory(statement="Jobs grew by 40 percent")
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Jobs grew by 40 percent" in response.text


def test_outsider_cannot_see_claims(client, outsider):
    client.force_login(outsider)
    assert client.get(CHANGELIST).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def _count_list_queries(client, n):
    claimant = SourceFactory()
    tag = TagFactory(name="economy")
    while Claim.objects.count() < n:
        c = ClaimFactory(claimant=claimant, verdict=rating("mixed"))
        c.tags.add(tag)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(fc_client, fact_checker):
    with_5 = _count_list_queries(fc_client, 5)
    with_50 = _count_list_queries(fc_client, 50)
    assert with_5 == with_50


@pytest.mark.parametrize(
    ("query", "expected", "unexpected"),
    [
        ("status__exact=in_review", "Reviewed one", "Fresh one"),
        ("assignee=me", "Mine", "Fresh one"),
        ("assignee=none", "Fresh one", "Mine"),
        ("language=id", "Klaim Indonesia", "Fresh one"),
        ("event_year=2018", "Singapore summit", "Fresh one"),
        ("archived=yes", "Archived one", "Fresh one"),
    ],
)
def test_list_filters(fc_client, fact_checker, query, expected, unexpected):
    ClaimFactory(statement="Fresh one")
    ClaimFactory(statement="Reviewed one", in_review=True)
    ClaimFactory(statement="Mine", researching=True, assignee=fact_checker)
    ClaimFactory(statement="Klaim Indonesia", language="id")
    ClaimDateFactory(
        claim=ClaimFactory(statement="Singapore summit"),
        start="2018-06-01",
        precision="month",
    )
    ClaimFactory(statement="Archived one", is_archived=True)
    response = fc_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert expected in response.text
    assert unexpected not in response.text


def test_archived_claims_are_hidden_by_default(fc_client):
    ClaimFactory(statement="Archived one", is_archived=True)
    ClaimFactory(statement="Live one")
    text = fc_client.get(CHANGELIST).text
    assert "Live one" in text
    assert "Archived one" not in text


def test_filter_by_verdict_claimant_and_tag(fc_client):
    trump = SourceFactory(name="Donald Trump")
    a = ClaimFactory(
        statement="A claim", claimant=trump, verdict=rating("false"), tags=["korea"]
    )
    ClaimFactory(statement="Other claim", verdict=rating("true"))
    for query in (
        f"verdict__id__exact={a.verdict_id}",
        f"claimant__id__exact={trump.pk}",
        f"tags__id__exact={a.tags.get().pk}",
    ):
        text = fc_client.get(f"{CHANGELIST}?{query}").text
        assert "A claim" in text, query
        assert "Other claim" not in text, query


@pytest.mark.parametrize(
    ("term", "why"),
    [
        ("refused", "statement"),
        ("menolak menerima", "verbatim quote"),
        ("Korut", "claimant alias"),
    ],
)
def test_search_covers_statements_quotes_and_aliases(fc_client, term, why):
    north_korea = SourceFactory(name="North Korea")
    SourceAliasFactory(source=north_korea, name="Korut")
    document = DocumentFactory(
        text="Korea Utara menolak menerima surat Presiden Trump."
    )
    claim = ClaimFactory(statement="Diplomats refused the letter", claimant=north_korea)
    AppearanceFactory(claim=claim, document=document, quote="menolak menerima surat")
    ClaimFactory(statement="Unrelated statement")
    text = fc_client.get(CHANGELIST, {"q": term}).text
    assert "Diplomats refused the letter" in text, why
    assert "Unrelated statement" not in text, why


@pytest.mark.parametrize(
    "query",
    [
        "status__regex=(a",
        "statement__regex=(a",
        "assignee=abc",
        "event_year=20x8",
        "event_year=9999s",
        "event_year=0000",
        "assignee=99999999999999999999999",
        "status__exact=bogus",
        "verdict__id__exact=notanumber",
        "created_at__gte=yesterday",
        "q=" + "%" * 5000,
        "q=%00%27%22\\",
        "p=999999",
        "o=99",
    ],
)
def test_malformed_list_parameters_never_give_500(fc_client, query):
    ClaimFactory()
    response = fc_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code in (200, 302, 400)


# --- Adding and editing a claim -----------------------------------------------------


def test_fact_checker_adds_a_claim_with_dates_and_evidence(fc_client, fact_checker):
    document = DocumentFactory()
    data = claim_form_data(
        Claim(statement="", language="en", made_on_precision="day"),
        statement="Unemployment fell to 5.2 percent in 2019.",
        made_on_text="2020-01",
        **{
            "dates-TOTAL_FORMS": 1,
            "dates-0-role": "event",
            "dates-0-start_text": "2019",
            "dates-0-precision": "year",
            "dates-0-end_text": "",
            "appearances-TOTAL_FORMS": 1,
            "appearances-0-document": document.pk,
            "appearances-0-quote": "unemployment fell to 5.2 percent in 2019",
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-stance": "refutes",
            "evidence-0-url": "https://stats.example.org/unemployment",
            "notes-TOTAL_FORMS": 1,
            "notes-0-body": "Check the statistics office.",
        },
    )
    del data["loaded_version"]
    response = fc_client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.get()
    assert claim.status == Status.NEW
    assert claim.created_by == fact_checker
    assert str(claim.made) == "January 2020"
    assert claim.dates.get().display() == "2019"
    appearance = claim.appearances.get()
    assert document.text[appearance.start : appearance.end] == appearance.quote
    assert claim.evidence.get().added_by == fact_checker
    assert claim.notes.get().author == fact_checker
    assert claim.events.get().action == "claim.created"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"statement": "   "}, "statement", "This field is required"),
        (
            {"made_on_text": "2019-06", "made_on_precision": "day"},
            "made_on_text",
            "needs a day",
        ),
        ({"made_on_text": "2019-02-30"}, "made_on_text", "not a real date"),
        ({"made_on_text": "last year"}, "made_on_text", "YYYY"),
        ({"language": "xx-nonsense"}, "language", "not a known language"),
        ({"checkworthiness": "1.5"}, "checkworthiness", "less than or equal"),
    ],
)
def test_bad_claim_input_is_refused_next_to_the_field(
    fc_client, overrides, field, message
):
    claim = ClaimFactory(researching=True, made_on_precision="day", made_on=None)
    data = claim_form_data(claim, **overrides)
    if "made_on_precision" in overrides:
        data["made_on_precision"] = "day"
        claim.made_on_precision = "month"
        claim.save()
    response = fc_client.post(change_url(claim), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])), errors
    claim.refresh_from_db()
    assert claim.statement.strip()


@pytest.mark.parametrize(
    ("inline", "message"),
    [
        (
            {"dates-0-start_text": "1953", "dates-0-end_text": "1950"},
            "before the start",
        ),
        ({"dates-0-start_text": "2019-06", "dates-0-precision": "day"}, "needs a day"),
        ({"appearances-0-quote": "a sentence that is not there"}, "does not occur"),
        (
            {
                "appearances-0-quote": "unemployment fell",
                "appearances-0-start": "3",
                "appearances-0-end": "20",
            },
            "not found at characters 3–20",
        ),
        ({"evidence-0-url": "not a url"}, "valid URL"),
        ({"evidence-0-url": ""}, "needs a URL, a document or a source"),
    ],
)
def test_bad_inline_input_is_refused(fc_client, inline, message):
    claim = ClaimFactory(researching=True)
    document = DocumentFactory()
    data = claim_form_data(claim)
    if any(k.startswith("dates") for k in inline):
        data.update({"dates-TOTAL_FORMS": 1, "dates-0-role": "event"})
    if any(k.startswith("appearances") for k in inline):
        data.update(
            {"appearances-TOTAL_FORMS": 1, "appearances-0-document": document.pk}
        )
    if any(k.startswith("evidence") for k in inline):
        data.update({"evidence-TOTAL_FORMS": 1, "evidence-0-stance": "refutes"})
    data.update(inline)
    response = fc_client.post(change_url(claim), data)
    assert response.status_code == 200
    assert message in response.text
    assert not claim.dates.exists()
    assert not claim.appearances.exists()
    assert not claim.evidence.exists()


def test_second_of_two_concurrent_saves_is_refused(client, fact_checker, editor):
    claim = ClaimFactory(researching=True, statement="Original wording")
    client.force_login(fact_checker)
    first_copy = claim_form_data(claim, statement="Fact-checker's wording")
    client.force_login(editor)
    second_copy = claim_form_data(claim, statement="Editor's wording")

    client.force_login(fact_checker)
    assert client.post(change_url(claim), first_copy).status_code == 302

    client.force_login(editor)
    response = client.post(change_url(claim), second_copy)
    assert response.status_code == 200
    text = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed by fc" in text
    assert re.search(r"\d{4}", text)  # says when
    claim.refresh_from_db()
    assert claim.statement == "Fact-checker's wording"


def test_status_cannot_be_edited_through_the_form(fc_client):
    claim = ClaimFactory(researching=True)
    response = fc_client.post(
        change_url(claim), claim_form_data(claim, status="published")
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.RESEARCHING


def test_published_verdict_is_read_only_on_the_form(ed_client):
    claim = ClaimFactory(published=True)
    response = ed_client.get(change_url(claim))
    form = response.context["adminform"].form
    assert "verdict" not in form.fields
    assert "verdict_summary" not in form.fields
    data = claim_form_data(claim, verdict=rating("true").pk)
    assert ed_client.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert claim.verdict.slug == "false"


def test_verdict_change_is_recorded(fc_client):
    claim = ClaimFactory(researching=True)
    response = fc_client.post(
        change_url(claim), claim_form_data(claim, verdict=rating("misleading").pk)
    )
    assert response.status_code == 302
    event = claim.events.get(action="claim.verdict_changed")
    assert event.to_verdict.slug == "misleading"


# --- Workflow buttons ---------------------------------------------------------------


def test_claim_page_shows_only_the_actions_open_to_the_user(
    client, fact_checker, editor
):
    claim = ClaimFactory(in_review=True)
    client.force_login(fact_checker)
    text = client.get(change_url(claim)).text
    assert 'data-transition="publish"' not in text
    client.force_login(editor)
    text = client.get(change_url(claim)).text
    assert 'data-transition="publish"' in text
    assert 'data-transition="send_back"' in text


def test_fact_checker_submits_and_editor_publishes(client, fact_checker, editor):
    claim = ClaimFactory(
        researching=True,
        verdict=rating("false"),
        verdict_summary="Figures say otherwise.",
    )
    EvidenceFactory(claim=claim)
    client.force_login(fact_checker)
    response = client.post(
        transition_url(claim, "submit"), {"comment": "ready", "version": claim.version}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW

    response = client.post(transition_url(claim, "publish"), {"version": claim.version})
    assert response.status_code == 200
    assert "permission" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW

    client.force_login(editor)
    response = client.post(
        transition_url(claim, "publish"), {"version": claim.version}, follow=True
    )
    assert "The claim is now Published" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    assert [e.action for e in claim.events.order_by("pk")] == [
        "claim.submitted",
        "claim.published",
    ]


def test_publish_without_evidence_explains_what_is_missing(ed_client):
    claim = ClaimFactory(in_review=True, verdict=None, verdict_summary="")
    response = ed_client.post(transition_url(claim, "publish"), {"version": 1})
    assert response.status_code == 200
    for missing in ("a verdict", "a verdict summary", "at least one evidence item"):
        assert missing in response.text
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


def test_send_back_needs_a_comment(ed_client):
    claim = ClaimFactory(in_review=True)
    response = ed_client.post(
        transition_url(claim, "send_back"), {"comment": "", "version": claim.version}
    )
    assert response.status_code == 200
    assert "This field is required" in response.text
    response = ed_client.post(
        transition_url(claim, "send_back"),
        {"comment": "Find the primary source", "version": claim.version},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.RESEARCHING


def test_wrong_state_transition_is_refused_with_a_message(ed_client):
    claim = ClaimFactory()  # new
    response = ed_client.post(transition_url(claim, "publish"), {"version": 1})
    assert response.status_code == 200
    assert "not possible for a claim that is New" in response.text


def test_transition_page_for_unknown_action_or_claim_is_404(ed_client):
    claim = ClaimFactory()
    assert ed_client.get(transition_url(claim, "explode")).status_code == 404
    url = reverse("admin:claims_claim_transition", args=[999999, "publish"])
    assert ed_client.get(url).status_code == 404


def test_editor_corrects_a_published_claim(ed_client):
    claim = ClaimFactory(published=True)
    response = ed_client.get(transition_url(claim, "correct"))
    assert response.status_code == 200
    response = ed_client.post(
        transition_url(claim, "correct"),
        {
            "note": "The 2019 figure was revised.",
            "verdict": rating("mostly-false").pk,
            "summary": "Revised.",
            "version": claim.version,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.CORRECTED
    assert claim.verdict.slug == "mostly-false"
    correction = Correction.objects.get()
    assert correction.previous_verdict.slug == "false"


def test_stale_transition_page_is_refused(ed_client, editor):
    claim = ClaimFactory(in_review=True, with_evidence=True)
    stale_version = claim.version
    from claims import services

    services.claim_send_back(claim=claim, by=editor, comment="more sources")
    services.claim_submit(claim=claim, by=editor)
    response = ed_client.post(
        transition_url(claim, "send_back"),
        {"comment": "again", "version": stale_version},
    )
    assert response.status_code == 200
    assert "changed by ed" in response.text


# --- Bulk actions -------------------------------------------------------------------


def test_bulk_assign_to_me_and_start_research(fc_client, fact_checker):
    claims = [ClaimFactory() for _ in range(3)]
    ids = [c.pk for c in claims]
    fc_client.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": ids})
    response = fc_client.post(
        CHANGELIST,
        {"action": "action_start_research", "_selected_action": ids},
        follow=True,
    )
    assert "3 claims done" in response.text
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.RESEARCHING}
    assert set(Claim.objects.values_list("assignee", flat=True)) == {fact_checker.pk}


def test_bulk_action_reports_refusals(ed_client):
    ready = ClaimFactory(in_review=True)
    EvidenceFactory(claim=ready)
    not_ready = ClaimFactory(in_review=True, verdict=None)
    response = ed_client.post(
        CHANGELIST,
        {"action": "action_publish", "_selected_action": [ready.pk, not_ready.pk]},
        follow=True,
    )
    assert "1 claim done" in response.text
    assert "1 claim refused" in response.text
    assert f"#{not_ready.pk}" in response.text
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert (ready.status, not_ready.status) == (Status.PUBLISHED, Status.IN_REVIEW)


def test_bulk_send_back_asks_for_a_comment_first(ed_client):
    claim = ClaimFactory(in_review=True)
    data = {"action": "action_send_back", "_selected_action": [claim.pk]}
    response = ed_client.post(CHANGELIST, data)
    assert response.status_code == 200
    assert "needs a comment" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW
    response = ed_client.post(
        CHANGELIST, {**data, "apply": "1", "comment": "Weak sourcing"}, follow=True
    )
    claim.refresh_from_db()
    assert claim.status == Status.RESEARCHING
    assert claim.events.get(action="claim.sent_back").comment == "Weak sourcing"


def test_fact_checker_is_not_offered_editor_actions(fc_client):
    ClaimFactory()
    actions = fc_client.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = {name for name, _ in actions}
    assert {"action_submit", "assign_to_me", "archive"} <= names
    assert not names & {
        "action_publish",
        "action_send_back",
        "action_retract",
        "delete_selected",
    }


def test_fact_checker_cannot_force_an_editor_action(fc_client):
    claim = ClaimFactory(in_review=True)
    EvidenceFactory(claim=claim)
    response = fc_client.post(
        CHANGELIST, {"action": "action_publish", "_selected_action": [claim.pk]}
    )
    assert response.status_code in (200, 302)
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


# --- Deleting, archiving, history ---------------------------------------------------


def test_only_superuser_deletes_a_claim(client, fact_checker, editor, superuser):
    claim = ClaimFactory()
    delete_url = reverse("admin:claims_claim_delete", args=[claim.pk])
    for user in (fact_checker, editor):
        client.force_login(user)
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
    client.force_login(superuser)
    response = client.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert ReviewEvent.objects.filter(action="claim.deleted", claim=None).exists()


def test_review_history_is_read_only_for_everyone(client, superuser, editor):
    claim = ClaimFactory()
    from claims import services

    services.claim_start_research(claim=claim, by=editor)
    event = ReviewEvent.objects.get()
    client.force_login(superuser)
    url = reverse("admin:claims_reviewevent_change", args=[event.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="comment"' not in response.text  # shown, not editable
    assert client.post(url, {"comment": "rewritten"}).status_code == 403
    delete = reverse("admin:claims_reviewevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:claims_reviewevent_add")).status_code == 403
    event.refresh_from_db()
    assert event.comment == ""
    # and the claim page shows the history without inputs for it
    text = client.get(change_url(claim)).text
    assert "review history" in text.lower()
    assert 'name="events-0-comment"' not in text


def test_fact_checker_archives_instead_of_deleting(fc_client):
    claim = ClaimFactory()
    response = fc_client.post(
        CHANGELIST, {"action": "archive", "_selected_action": [claim.pk]}, follow=True
    )
    assert "1 claim done" in response.text
    claim.refresh_from_db()
    assert claim.is_archived


# --- Documents, sources, the queue --------------------------------------------------


def test_document_page_highlights_quotes_linked_to_claims(fc_client):
    document = DocumentFactory(text="Intro <b>. The minister said jobs doubled. End.")
    claim = ClaimFactory()
    AppearanceFactory(claim=claim, document=document, quote="jobs doubled")
    response = fc_client.get(
        reverse("admin:claims_document_change", args=[document.pk])
    )
    assert response.status_code == 200
    assert f'<a href="{change_url(claim)}">jobs doubled</a></mark>' in response.text
    assert "Intro &lt;b&gt;." in response.text  # the text is escaped
    assert 'name="text"' not in response.text  # frozen once quoted


def test_document_text_is_editable_until_quoted(fc_client):
    document = DocumentFactory()
    response = fc_client.get(
        reverse("admin:claims_document_change", args=[document.pk])
    )
    assert 'name="text"' in response.text


def test_add_document_computes_its_hash(fc_client):
    response = fc_client.post(
        reverse("admin:claims_document_add"),
        {
            "title": "Speech",
            "url": "https://example.org/speech",
            "language": "en",
            "text": "We built 1,000 schools.",
            "appearances-TOTAL_FORMS": 0,
            "appearances-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    from claims.models import Document

    document = Document.objects.get(title="Speech")
    assert document.text_sha256 == Document.hash_text("We built 1,000 schools.")


def test_bad_document_input_is_refused(fc_client):
    response = fc_client.post(
        reverse("admin:claims_document_add"),
        {"title": "", "url": "nope", "language": "klingon", "text": ""},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"title", "url", "language", "text"} <= set(errors)


def test_source_page_lists_its_claims_and_aliases(fc_client):
    source = SourceFactory(name="NK News")
    SourceAliasFactory(source=source, name="NKNews.org")
    ClaimFactory(claimant=source, statement="The letter was refused")
    response = fc_client.get(reverse("admin:claims_source_change", args=[source.pk]))
    assert "The letter was refused" in response.text
    response = fc_client.get(reverse("admin:claims_source_changelist"), {"q": "nknews"})
    assert "NK News" in response.text


def test_index_shows_the_queue(fc_client, fact_checker):
    ClaimFactory(statement="Mine to research", researching=True, assignee=fact_checker)
    ClaimFactory(statement="Waiting for an editor", in_review=True)
    ClaimFactory(statement="Nobody's yet")
    response = fc_client.get(reverse("admin:index"))
    text = response.text
    assert 'data-status="in_review"><strong>1</strong>' in text
    assert "Mine to research" in text.split('id="cd-mine"')[1].split("</ul>")[0]
    # waiting for review is an editor's list: not on a fact-checker's start page
    assert 'id="cd-review"' not in text
    assert "Waiting for an editor" not in text
    assert "1 new claim waits for someone" in text


# --- Every admin page, for each role ------------------------------------------------

PAGE_MATRIX = {
    # model: (fact-checker may add, may change, editor may add, may change)
    "claim": (True, True, True, True),
    "document": (True, True, True, True),
    "source": (True, True, True, True),
    "tag": (True, True, True, True),
    "rating": (False, False, True, True),
    "reviewevent": (False, False, False, False),
    "correction": (False, False, False, False),
}


def _objects():
    from claims import services
    from claims.models import Rating
    from tests.factories import UserFactory

    claim = ClaimFactory(published=True)
    EvidenceFactory(claim=claim)
    editor = UserFactory(username="matrix-editor", groups=["Editors"])
    services.claim_correct(
        claim=claim, by=editor, expected_version=claim.version, note="Fixed a date."
    )
    return {
        "claim": claim,
        "document": AppearanceFactory(claim=claim).document,
        "source": claim.claimant,
        "tag": TagFactory(),
        "rating": Rating.objects.first(),
        "reviewevent": claim.events.first(),
        "correction": claim.corrections.first(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["fact_checker", "editor"])
@pytest.mark.parametrize("model", list(PAGE_MATRIX))
def test_admin_pages_answer_per_role(client, request, role, model):
    client.force_login(request.getfixturevalue(role))
    obj = _objects()[model]
    can_add, can_change = (
        PAGE_MATRIX[model][0:2] if role == "fact_checker" else (PAGE_MATRIX[model][2:4])
    )
    assert client.get(reverse(f"admin:claims_{model}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:claims_{model}_add"))
    assert add.status_code == (200 if can_add else 403)
    change = client.get(reverse(f"admin:claims_{model}_change", args=[obj.pk]))
    assert change.status_code == 200  # everyone in a group may at least view
    assert change.context["has_change_permission"] is can_change
    delete = client.get(reverse(f"admin:claims_{model}_delete", args=[obj.pk]))
    assert delete.status_code == 403  # only superusers delete


@pytest.mark.parametrize("model", list(PAGE_MATRIX))
def test_superuser_pages(client, superuser, model):
    client.force_login(superuser)
    obj = _objects()[model]
    change = client.get(reverse(f"admin:claims_{model}_change", args=[obj.pk]))
    assert change.status_code == 200
    delete = client.get(reverse(f"admin:claims_{model}_delete", args=[obj.pk]))
    history_only = model in ("reviewevent", "correction")
    assert delete.status_code == (403 if history_only else 200)


def test_event_dates_spanning_decades_filter_by_decade(fc_client):
    ClaimDateFactory(
        claim=ClaimFactory(statement="Korean War armistice"), start="1953-07-27"
    )
    ClaimDateFactory(
        claim=ClaimFactory(statement="Singapore summit"), start="2018-06-12"
    )
    response = fc_client.get(CHANGELIST)
    choices = [
        c["display"]
        for spec in response.context["cl"].filter_specs
        for c in spec.choices(response.context["cl"])
    ]
    assert "1950s" in choices
    assert "2010s" in choices
    text = fc_client.get(f"{CHANGELIST}?event_year=1950s").text
    assert "Korean War armistice" in text
    assert "Singapore summit" not in text


@pytest.mark.django_db
def test_a_page_the_user_may_not_see_is_refused_not_redirected_to_itself(client):
    claim = ClaimFactory(researching=True)
    client.force_login(UserFactory(username="visitor", is_staff=True))

    assert client.get(change_url(claim)).status_code == 403


def test_a_page_built_before_another_readers_is_rendered_with_its_own_buttons(
    rf, fact_checker, editor
):
    """The admin is one object that a process's threads share: a page must not
    read the user of a request that reached the admin after it (the stock
    admin renders a page after the view returns, so it used to)."""
    from django.contrib import admin

    claim = ClaimFactory(in_review=True)
    claim_admin = admin.site._registry[Claim]
    pages = {}
    for user in (editor, fact_checker):
        request = rf.get(change_url(claim))
        request.user = user
        pages[user] = claim_admin.changeform_view(request, str(claim.pk))
    for response in pages.values():
        response.render()
    assert 'data-transition="publish"' in pages[editor].text
    assert 'data-transition="publish"' not in pages[fact_checker].text
