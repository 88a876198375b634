"""The admin's fieldset written out in Python (desk/templatetags/desk_fieldset.py)
gives what Django's own ``admin/includes/fieldset.html`` gives, whitespace runs
aside: for fieldsets of every kind, and for whole claim pages, as shown and with
a save's errors."""

import re
import shutil
from pathlib import Path

import django
import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template import Context, engines
from django.test import override_settings

from claims.models import Source
from desk.templatetags.desk_fieldset import render_fieldset
from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceAliasFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DJANGOS = (
    Path(django.__file__).parent
    / "contrib/admin/templates/admin/includes/fieldset.html"
)


def same(html):
    """The page with whitespace runs as one space and the per-request tokens out."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return re.sub(r"\s+", " ", html).strip()


class SourceForm(forms.ModelForm):
    flag = forms.BooleanField(required=False, help_text="Tick <b>it</b>.")
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    count = forms.IntegerField(help_text="How many & which")

    class Meta:
        model = Source
        fields = ["name", "kind", "description"]


class SourceAdmin(admin.ModelAdmin):
    @admin.display(description="shown <as> text")
    def shown(self, obj):
        return f"{obj.name} <unsafe>"


FIELDSETS = [
    (None, {"fields": ["name"]}),
    ("Named & <b>", {"fields": [("name", "kind"), "flag"], "description": "<i>d</i>"}),
    (
        "Folded",
        {"fields": ["description", ("count", "shown")], "classes": ["collapse"]},
    ),
    ("Hidden", {"fields": ["secret"]}),
    ("Hidden beside", {"fields": [("secret", "flag"), "shown"]}),
]


@pytest.mark.parametrize("bound", [False, True])
@pytest.mark.parametrize("name, options", FIELDSETS)
def test_each_kind_of_fieldset_renders_as_djangos_template(bound, name, options):
    source = SourceFactory(name="Kemlu <RI>")
    data = {"name": "", "kind": "nope", "count": "x", "flag": "on"} if bound else None
    form = SourceForm(data, instance=source)
    form.is_valid() if bound else None
    model_admin = SourceAdmin(Source, admin.site)
    fieldset = helpers.Fieldset(
        form, name, readonly_fields=["shown"], model_admin=model_admin, **options
    )
    values = {"heading_level": 4, "prefix": "evidence", "id_prefix": 0, "id_suffix": 2}
    theirs = engines["django"].from_string(DJANGOS.read_text())
    expected = theirs.render({"fieldset": fieldset, **values})
    ours = render_fieldset(Context(values, autoescape=True), fieldset, **values)
    assert same(ours) == same(expected)
    assert "<fieldset" in ours


@pytest.fixture
def djangos_fieldset(settings, tmp_path):
    """The project's templates without its fieldset, so Django's own is used."""
    ours = Path(settings.TEMPLATES[0]["DIRS"][0])
    shutil.copytree(ours, tmp_path / "templates")
    (tmp_path / "templates/admin/includes/fieldset.html").unlink()
    (tmp_path / "templates/admin/edit_inline/tabular.html").unlink()
    (tmp_path / "templates/admin/edit_inline/stacked.html").unlink()
    templates = [dict(settings.TEMPLATES[0], DIRS=[tmp_path / "templates"])]

    def render(render_page):
        with override_settings(TEMPLATES=templates):
            return render_page()

    return render


def test_claim_pages_render_as_with_djangos_template(client, editor, djangos_fieldset):
    claim = ClaimFactory(researching=True, claimant=SourceFactory(name="NK News"))
    EvidenceFactory(claim=claim, url="https://example.org/e")
    NoteFactory(claim=claim, body="Call <them>.")
    client.force_login(editor)
    url = change_url(claim)
    pages = {
        "shown": lambda: client.get(url).text,
        "refused": lambda: (
            client.post(
                url, claim_form_data(claim, statement="", made_on_text="2025-13")
            ).text
        ),
        "blank rows": lambda: client.get(url, {"_blank_rows": "1"}).text,
    }
    for label, page in pages.items():
        ours, theirs = page(), djangos_fieldset(page)
        assert "admin/includes/fieldset" not in ours
        assert same(ours) == same(theirs), label
    assert "errornote" in pages["refused"]()


def test_other_inlines_render_as_with_djangos_templates(client, djangos_fieldset):
    """Inlines as a superuser sees them: a document's read-only appearances
    (rows with originals), a source's aliases and a claim's evidence with their
    delete boxes, and a claim's dates refused row by row."""
    from django.urls import reverse

    document = DocumentFactory(title="Kompas, 8 <Aug>")
    claim = ClaimFactory(researching=True)
    AppearanceFactory(claim=claim, document=document)
    EvidenceFactory(claim=claim, url="https://example.org/<e>")
    source = SourceFactory(name="Kemlu RI")
    SourceAliasFactory(source=source, name="Kementerian Luar Negeri")
    client.force_login(UserFactory(username="root", is_superuser=True))
    data = claim_form_data(claim)
    data.update(
        {
            "dates-TOTAL_FORMS": 2,
            "dates-0-role": "event",
            "dates-0-start_text": "2025-13-40",
            "dates-1-role": "event",
            "dates-1-start_text": "2025-06-11",
            "dates-1-end_text": "2024-01-01",
        }
    )
    pages = {
        "document": lambda: (
            client.get(reverse("admin:claims_document_change", args=[document.pk])).text
        ),
        "source": lambda: (
            client.get(reverse("admin:claims_source_change", args=[source.pk])).text
        ),
        "refused dates": lambda: client.post(change_url(claim), data).text,
        "claim with delete boxes": lambda: client.get(change_url(claim)).text,
    }
    for label, page in pages.items():
        ours, theirs = page(), djangos_fieldset(page)
        assert same(ours) == same(theirs), label
    assert "Kementerian Luar Negeri" in pages["source"]()
    assert "errorlist" in pages["refused dates"]()
