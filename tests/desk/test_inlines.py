"""The claim page's inlines (desk/admin/inlines.py), through the change form."""

import pytest

from claims import services
from tests.desk.test_admin import change_url, claim_form_data
from tests.desk.test_review import cells
from tests.factories import (
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    UserFactory,
    rating,
)

pytestmark = pytest.mark.django_db


def test_history_inline_reads_as_sentences(client, editor):
    claim = ClaimFactory(researching=True, verdict=rating(), verdict_summary="5.9.")
    EvidenceFactory(claim=claim)
    services.claim_submit(claim=claim, by=editor)
    second = UserFactory(username="ed2", groups=["Editors"])
    services.claim_publish(claim=claim, by=second)
    client.force_login(editor)

    text = client.get(change_url(claim)).text

    assert cells(text, "what_happened") == [
        "ed2 published it. Status: In review → Published. Verdict: False.",
        "ed submitted it for review. Status: Researching → In review.",
    ]
    assert "claim.published" not in text

    indonesian = client.get(change_url(claim), headers={"accept-language": "id"})
    assert cells(indonesian.text, "what_happened")[0] == (
        "ed2 menerbitkannya. Status: Ditinjau → Diterbitkan. Putusan: Salah."
    )


def inline_data(claim, prefix, rows, initial=0):
    """The change page's post with ``rows`` in the ``prefix`` inline."""
    data = claim_form_data(claim)
    data[f"{prefix}-TOTAL_FORMS"] = len(rows)
    data[f"{prefix}-INITIAL_FORMS"] = initial
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def test_rows_added_on_the_claim_page_record_who_added_them(client, fact_checker):
    claim = ClaimFactory(researching=True)
    document = DocumentFactory()
    client.force_login(fact_checker)
    data = claim_form_data(claim)
    data.update(
        {
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-stance": "refutes",
            "evidence-0-url": "https://stats.example.org/unemployment",
            "notes-TOTAL_FORMS": 1,
            "notes-0-body": "Ask the statistics office.",
            "appearances-TOTAL_FORMS": 1,
            "appearances-0-document": document.pk,
            "appearances-0-quote": "unemployment fell to 5.2 percent in 2019",
            "dates-TOTAL_FORMS": 1,
            "dates-0-role": "event",
            "dates-0-start_text": "2019",
        }
    )

    response = client.post(change_url(claim), data)

    assert response.status_code == 302
    assert claim.evidence.get().added_by == fact_checker
    assert claim.notes.get().author == fact_checker
    assert claim.appearances.get().created_by == fact_checker
    assert claim.dates.get().display() == "2019"
    page = client.get(change_url(claim)).text
    assert "fc, " in page  # the evidence and note show who added them


def test_editing_a_row_keeps_who_added_it(client, fact_checker, editor):
    claim = ClaimFactory(researching=True)
    note = NoteFactory(claim=claim, author=fact_checker, body="Draft.")
    client.force_login(editor)
    data = inline_data(
        claim, "notes", [{"id": note.pk, "claim": claim.pk, "body": "Reworded."}], 1
    )

    response = client.post(change_url(claim), data)

    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.body, note.author) == ("Reworded.", fact_checker)


def test_superuser_deletes_a_row_and_a_fact_checker_cannot(
    client, fact_checker, superuser
):
    claim = ClaimFactory(researching=True)
    evidence = EvidenceFactory(claim=claim)
    row = {
        "id": evidence.pk,
        "claim": claim.pk,
        "stance": evidence.stance,
        "url": evidence.url,
        "DELETE": "on",
    }

    client.force_login(fact_checker)
    client.post(change_url(claim), inline_data(claim, "evidence", [row], 1))
    assert claim.evidence.filter(pk=evidence.pk).exists()

    client.force_login(superuser)
    claim.refresh_from_db()
    response = client.post(change_url(claim), inline_data(claim, "evidence", [row], 1))
    assert response.status_code == 302
    assert not claim.evidence.exists()
