import pytest

from matching.index import vector_indexes_clear


@pytest.fixture(autouse=True)
def _fresh_index():
    """Each test's claims are its own: forget vectors loaded by an earlier test."""
    vector_indexes_clear()
    yield
    vector_indexes_clear()


@pytest.fixture
def embed_on_save(settings):
    settings.CLAIMDESK_MATCH_EMBED_ON_SAVE = True
