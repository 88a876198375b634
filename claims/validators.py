"""Bounds on JSON typed into a form, checked on the text before it is parsed: a
document nested thousands deep exhausts the parser's recursion (a 500, not an
error), a huge one or a 5,000-digit number ties it up, and a NUL (``\\u0000``) is
valid JSON that PostgreSQL's jsonb refuses."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Deeper than any translation table or attribution chain we keep.
MAX_JSON_DEPTH = 20
MAX_JSON_CHARS = 64 * 1024
#: Longest run of digits taken as a number (Python refuses past 4,300 anyway).
MAX_JSON_DIGITS = 100


def check_json_text(text: str) -> None:
    """Raise ``ValidationError`` unless ``text`` is within the bounds above."""
    if len(text) > MAX_JSON_CHARS:
        raise ValidationError(
            _("Keep this under %(n)d characters.") % {"n": MAX_JSON_CHARS},
            code="json_too_long",
        )
    if "\x00" in text or "\\u0000" in text.lower():
        raise ValidationError(_("This contains a NUL character."), code="null")
    depth = deepest = digits = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char.isdigit():
            digits += 1
            if digits > MAX_JSON_DIGITS:
                raise ValidationError(
                    _("Numbers here have at most %(n)d digits.")
                    % {"n": MAX_JSON_DIGITS},
                    code="json_number",
                )
            continue
        digits = 0
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                raise ValidationError(
                    _("Nest this at most %(n)d levels deep.") % {"n": MAX_JSON_DEPTH},
                    code="json_too_deep",
                )
        elif char in "]}":
            depth -= 1
