import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name", ["claims:home", "claims:claim-list", "claims:timeline", "claims:sitemap"]
)
def test_page_renders(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_claim_page(client, world):
    response = client.get(world.published.get_absolute_url())
    assert response.status_code == 200
    assert b"North Korean diplomats" in response.content
