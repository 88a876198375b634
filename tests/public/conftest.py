"""The published world that the public site and API tests read."""

from tests.world import world

__all__ = ["world"]
