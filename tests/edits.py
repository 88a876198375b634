"""Changes to what a public claim page shows, made the way the newsroom makes them:
by posting the admin's own forms (loaded first, as a browser would) as an editor.

``EDITS`` pairs each change with the claim whose page must show it and the text it
must show; the caching tests of the public pages and of the API both run them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.forms import CheckboxInput, MultiWidget
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Rating, Source, Status, Tag
from tests.factories import ClaimFactory, EvidenceFactory, rating
from tests.world import World


def _form_fields(form: Any, data: dict[str, Any]) -> None:
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                data[bound.html_name + suffix] = "" if part is None else str(part)
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else value


def _formset_fields(formset: Any, data: dict[str, Any]) -> None:
    _form_fields(formset.management_form, data)
    for form in formset.forms:
        _form_fields(form, data)


def loaded(response: Any) -> dict[str, Any]:
    """What a change page (or an editable changelist) posts back untouched."""
    assert response.status_code == 200
    data: dict[str, Any] = {}
    context = response.context
    if context.get("cl") is not None:  # a changelist with list_editable
        _formset_fields(context["cl"].formset, data)
        data["_save"] = "Save"
        return data
    _form_fields(context["adminform"].form, data)
    for inline in context["inline_admin_formsets"]:
        _formset_fields(inline.formset, data)
    return data


def add_row(data: dict[str, Any], prefix: str, **fields: Any) -> None:
    """Fill one more row of an inline formset, as "Add another" does."""
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = n + 1
    data.update({f"{prefix}-{n}-{name}": value for name, value in fields.items()})


def save(desk: Client, url: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Load the admin page at ``url``, apply ``change`` to its data, post it."""
    data = loaded(desk.get(url))
    change(data)
    response = desk.post(url, data)
    assert response.status_code == 302, _errors(response)


def _errors(response: Any) -> Any:
    context = response.context or {}
    if "adminform" in context:
        return (
            context["adminform"].form.errors,
            [i.formset.errors for i in context["inline_admin_formsets"]],
        )
    if context.get("cl") is not None:
        return context["cl"].formset.errors
    return response.content[:2000]


def correct(
    desk: Client, claim: Claim, change: Callable[[dict[str, Any]], None]
) -> None:
    """Edit a published claim's page the only way it changes: in correction mode."""

    def with_note(data: dict[str, Any]) -> None:
        change(data)
        data["correction_note"] = "We updated the fact-check."

    save(desk, change_url(claim) + "?correction=1", with_note)


def change_url(obj: Any) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def row_index(data: dict[str, Any], prefix: str, field: str, value: str) -> int:
    return next(
        i
        for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if data.get(f"{prefix}-{i}-{field}") == value
    )


# --- The changes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shows:
    """After the change, ``claim``'s page shows ``text`` (or, if ``gone``, no more)
    and its API detail shows ``api`` (by default the same text; None when the API
    does not show what changed: aliases, related claims)."""

    claim: Claim
    text: str
    gone: bool = False
    api: str | None = ""

    @property
    def api_text(self) -> str | None:
        return self.text if self.api == "" else self.api


@dataclass(frozen=True)
class Edit:
    """``apply(desk, world)`` makes the change and says what it shows where."""

    name: str
    apply: Callable[[Client, World], Shows]
    #: Whether the change shows on every page: "catalogue" for a name or label
    #: (sources, aliases, tags, ratings: on every page and API detail), "cards"
    #: for a public claim's card, which any page may list among its related
    #: claims (the API lists none). Other changes leave other pages' ETags.
    shared: str = ""


def rating_label(desk: Client, world: World) -> Shows:
    verdict = Rating.objects.get(pk=world.published.verdict_id)
    save(desk, change_url(verdict), lambda d: d.update(label="Largely accurate"))
    return Shows(world.published, "Largely accurate")


def rating_in_a_correction(desk: Client, world: World) -> Shows:
    """The corrected claim's log names its previous verdict, not its current one."""
    previous = rating("mostly-true")
    save(desk, change_url(previous), lambda d: d.update(label="Largely accurate"))
    return Shows(
        world.corrected,
        "verdict changed from Largely accurate to",
        api="Largely accurate",
    )


def claimant_renamed(desk: Client, world: World) -> Shows:
    trump = Source.objects.get(pk=world.published.claimant_id)
    save(desk, change_url(trump), lambda d: d.update(name="Donald J. Trump"))
    return Shows(world.published, "Donald J. Trump")


def alias_added(desk: Client, world: World) -> Shows:
    trump = Source.objects.get(pk=world.published.claimant_id)

    def change(data: dict[str, Any]) -> None:
        n = int(data["aliases-INITIAL_FORMS"])  # the first empty extra row
        data[f"aliases-{n}-name"] = "The Donald"

    save(desk, change_url(trump), change)
    return Shows(world.published, "The Donald", api=None)  # JSON-LD alternateName


def document_title(desk: Client, world: World) -> Shows:
    document = world.published.appearances.get().document
    # Title and URL are frozen while a published claim quotes it; the archive is not.
    url = "https://archive.org/korut-menolak-surat"
    save(desk, change_url(document), lambda d: d.update(archive_url=url))
    return Shows(world.published, url)


def publisher_renamed(desk: Client, world: World) -> Shows:
    save(desk, change_url(world.outlet), lambda d: d.update(name="Tribun News"))
    return Shows(world.published, "Tribun News")


def evidence_added(desk: Client, world: World) -> Shows:
    correct(
        desk,
        world.published,
        lambda d: add_row(
            d,
            "evidence",
            stance="context",
            url="https://www.example.org/context",
            excerpt="A second report of the refused letter.",
        ),
    )
    return Shows(world.published, "A second report of the refused letter.")


def evidence_edited(desk: Client, world: World) -> Shows:
    def change(data: dict[str, Any]) -> None:
        i = row_index(data, "evidence", "url", "https://www.nknews.org/letter")
        data[f"evidence-{i}-excerpt"] = "Diplomats refused the letter twice."

    correct(desk, world.published, change)
    return Shows(world.published, "Diplomats refused the letter twice.")


def evidence_archived(desk: Client, world: World) -> Shows:
    def change(data: dict[str, Any]) -> None:
        i = row_index(data, "evidence", "url", "https://www.nknews.org/letter")
        data[f"evidence-{i}-is_archived"] = "on"

    correct(desk, world.published, change)
    return Shows(world.published, "https://www.nknews.org/letter", gone=True)


def public_note_made_private(desk: Client, world: World) -> Shows:
    def change(data: dict[str, Any]) -> None:
        i = row_index(data, "notes", "body", "Public write-up: we read NK News.")
        del data[f"notes-{i}-is_public"]

    correct(desk, world.published, change)
    return Shows(world.published, "Public write-up: we read NK News.", gone=True)


def public_note_added(desk: Client, world: World) -> Shows:
    correct(
        desk,
        world.published,
        lambda d: add_row(
            d, "notes", body="We also asked the ministry.", is_public="on"
        ),
    )
    return Shows(world.published, "We also asked the ministry.")


def date_added(desk: Client, world: World) -> Shows:
    correct(
        desk,
        world.published,
        lambda d: add_row(
            d, "dates", role="event", start_text="2025-06-10", label="The handover"
        ),
    )
    return Shows(world.published, "The handover")


def tag_renamed(desk: Client, world: World) -> Shows:
    tag = Tag.objects.get(name="north korea")
    save(desk, change_url(tag), lambda d: d.update(name="DPRK"))
    return Shows(world.published, "DPRK")


def tag_renamed_on_a_related_card(desk: Client, world: World) -> Shows:
    """The corrected claim lists the published one (same claimant) with its tags."""
    tag = Tag.objects.get(name="north korea")
    save(desk, change_url(tag), lambda d: d.update(name="DPRK"))
    return Shows(world.corrected, "DPRK", api=None)


def tag_added(desk: Client, world: World) -> Shows:
    tag, _ = Tag.objects.get_or_create(name="letters")

    def change(data: dict[str, Any]) -> None:
        data["tags"] = [*data["tags"], str(tag.pk)]

    correct(desk, world.published, change)
    return Shows(world.published, "letters")


def tag_added_seen_by_a_new_neighbour(desk: Client, world: World) -> Shows:
    """A claim already tagged "letters" now lists the published one as related."""
    tag_added(desk, world)
    neighbour = Claim.objects.exclude(pk=world.published.pk).get(tags__name="letters")
    return Shows(neighbour, world.published.statement, api=None)


def transition(desk: Client, claim: Claim, name: str, **fields: Any) -> None:
    """Open the claim's transition page, fill it in, confirm."""
    url = reverse("admin:claims_claim_transition", args=[claim.pk, name])
    response = desk.get(url)
    assert response.status_code == 200
    data: dict[str, Any] = {}
    _form_fields(response.context["form"], data)
    data.update(fields)
    response = desk.post(url, data)
    assert response.status_code == 302, response.context["form"].errors


def correction_published(desk: Client, world: World) -> Shows:
    transition(
        desk,
        world.published,
        "correct",
        note="The letter was refused twice.",
        verdict=rating("true").pk,
        summary="NK News reported it twice.",
    )
    return Shows(world.published, "The letter was refused twice.")


def correction_seen_on_a_related_card(desk: Client, world: World) -> Shows:
    transition(
        desk,
        world.published,
        "correct",
        note="The letter was refused twice.",
        verdict=rating("false").pk,
    )
    # The corrected claim lists the published one (same claimant) under its verdict.
    return Shows(world.corrected, 'verdict--false"', api=None)


def statement_edited(desk: Client, world: World) -> Shows:
    text = "North Korean diplomats twice refused a letter from Trump."
    correct(desk, world.published, lambda d: d.update(statement=text))
    return Shows(world.published, text)


def related_claim_published(desk: Client, world: World) -> Shows:
    other = ClaimFactory(
        in_review=True,
        statement="Kim Jong Un wrote back to Trump in July 2025.",
        claimant=Source.objects.get(pk=world.published.claimant_id),
    )
    EvidenceFactory(claim=other)
    transition(desk, other, "publish")
    assert Claim.objects.get(pk=other.pk).status == Status.PUBLISHED
    return Shows(
        world.published, "Kim Jong Un wrote back to Trump in July 2025.", api=None
    )


def related_claim_retracted(desk: Client, world: World) -> Shows:
    transition(desk, world.corrected, "retract", comment="Wrong meeting.")
    return Shows(world.published, "Trump and Kim met at Panmunjom", gone=True, api=None)


EDITS = [
    Edit("rating label edited", rating_label, shared="catalogue"),
    Edit("rating in a correction edited", rating_in_a_correction, shared="catalogue"),
    Edit("claimant renamed", claimant_renamed, shared="catalogue"),
    Edit("alias added", alias_added, shared="catalogue"),
    Edit("document title edited", document_title),
    Edit("publisher renamed", publisher_renamed, shared="catalogue"),
    Edit("evidence added", evidence_added),
    Edit("evidence edited", evidence_edited),
    Edit("evidence archived", evidence_archived),
    Edit("public note added", public_note_added),
    Edit("public note made private", public_note_made_private),
    Edit("date added", date_added, shared="cards"),
    Edit("tag renamed", tag_renamed, shared="catalogue"),
    Edit(
        "tag renamed, seen on a related claim",
        tag_renamed_on_a_related_card,
        shared="catalogue",
    ),
    Edit("tag added", tag_added, shared="cards"),
    Edit(
        "tag added, seen by a new neighbour",
        tag_added_seen_by_a_new_neighbour,
        shared="cards",
    ),
    Edit("statement edited", statement_edited, shared="cards"),
    Edit("correction published", correction_published, shared="cards"),
    Edit(
        "correction, seen on a related claim",
        correction_seen_on_a_related_card,
        shared="cards",
    ),
    Edit("related claim published", related_claim_published, shared="cards"),
    Edit("related claim retracted", related_claim_retracted, shared="cards"),
]
