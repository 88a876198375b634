import pytest

from tests.factories import UserFactory


@pytest.fixture
def fact_checker(db):
    return UserFactory(username="fc", groups=["Fact-checkers"])


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", groups=["Editors"])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def outsider(db):
    """Staff account in no group: may log in to the admin, may do nothing."""
    return UserFactory(username="nobody")
