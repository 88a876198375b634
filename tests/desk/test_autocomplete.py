"""The claimant box's autocomplete: names and aliases found, answers in pages."""

import pytest

from tests.factories import SourceAliasFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_claimant_autocomplete_finds_names_and_aliases(client, editor):
    client.force_login(editor)
    retno = SourceFactory(name="Retno Marsudi")
    SourceAliasFactory(source=retno, name="Menlu Retno")
    SourceFactory(name="Retno Other")
    SourceFactory(name="Someone Else")

    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "claims",
            "model_name": "claim",
            "field_name": "claimant",
            "term": "Retno",
        },
    )

    assert response.status_code == 200  # was a 500: an unordered page of sources
    names = [row["text"] for row in response.json()["results"]]
    assert names == ["Retno Marsudi", "Retno Other"]
