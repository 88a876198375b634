"""The published world that the interop tests export."""

from tests.world import world

__all__ = ["world"]
