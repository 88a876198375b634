"""Colours that text can be read on: WCAG 2.x relative luminance and contrast.

A rating's colour is the newsroom's choice (the admin takes any ``#rrggbb``); the
public site writes the verdict in white on it, so ``readable_background`` darkens a
colour that is too light for that, keeping its hue, until white text on it meets
WCAG AA for normal text (4.5:1). The stored colour is left as chosen.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
#: What a colour that is not ``#rrggbb`` (an old row, a bulk update) is shown as.
FALLBACK = "#6b7280"

AA_NORMAL = 4.5
#: What ``readable_background`` aims for: AA with a little room for rounding.
TARGET = 4.6
WHITE = "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_background(colour: str, ink: str = WHITE, ratio: float = TARGET) -> str:
    """``colour``, darkened in small steps (same hue) until ``ink`` on it reaches
    ``ratio``; unchanged when it already does."""
    if not _HEX.fullmatch(colour or ""):
        colour = FALLBACK
    r, g, b = _rgb(colour)
    factor = 1.0
    current = colour.lower()
    while contrast(current, ink) < ratio and factor > 0:
        factor = round(factor - 0.02, 2)
        current = "#{:02x}{:02x}{:02x}".format(
            *(max(0, int(v * factor)) for v in (r, g, b))
        )
    return current
