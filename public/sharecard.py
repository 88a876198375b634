"""Share cards: the picture a social network or messaging app shows for a claim link
(``og:image``), drawn on the server with Pillow: the site's name, the verdict as a
labelled badge in its colour, and the statement.

1200 × 630 pixels, the size Facebook, LinkedIn, X and WhatsApp crop least. The text
is Pillow's built-in scalable font unless ``CLAIMDESK_SHARE_CARD_FONT`` names a TrueType
file (one with the glyphs of the site's languages). A card is kept in Django's cache
under the claim's ``page_version``, the catalogue's version (the claimant's name, the
verdict's label) and the language, so a correction, a new verdict or a renamed
claimant draws a new one and an unchanged claim is drawn once.
"""

from __future__ import annotations

import io
from functools import cache as memoise

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from claims.caching import ETAG_VERSION, catalogue_version, fragment_key
from claims.colours import WHITE, readable_background
from claims.models import Claim

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
INK = "#1f2933"
PAPER = "#ffffff"
BAND = "#102a43"
MAX_STATEMENT_LINES = 6
LINE_HEIGHT = 58
#: Kept in the cache this long at most; a new page_version makes a new key anyway.
CACHE_SECONDS = 7 * 24 * 3600

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@memoise
def _font(size: int) -> Font:
    path = settings.CLAIMDESK_SHARE_CARD_FONT
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _wrap(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels; the last line ends
    in "…" when the text does not fit in ``max_lines``."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}".strip()
            if font.getlength(trial) <= width or not current:
                current = trial
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = [*lines[: max_lines - 1], last + " …"]
    return lines


def render_card(claim: Claim) -> bytes:
    """The claim's share card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    site_font, badge_font, text_font = _font(34), _font(40), _font(46)

    # The site's name on a band across the top.
    draw.rectangle((0, 0, WIDTH, 96), fill=BAND)
    draw.text(
        (MARGIN, 48),
        settings.CLAIMDESK_SITE_NAME,
        font=site_font,
        fill=WHITE,
        anchor="lm",
    )
    draw.text(
        (WIDTH - MARGIN, 48),
        _("Fact-check"),
        font=site_font,
        fill="#e4ecf7",
        anchor="rm",
    )

    # The verdict, written out (never the colour alone).
    if not claim.is_public:
        label, colour = _("Retracted"), "#9b1c1c"
    elif claim.verdict:
        label = claim.verdict.localized_label()
        colour = readable_background(claim.verdict.colour)
    else:
        label, colour = _("No verdict"), "#52606d"
    badge = f"{_('Verdict:')} {label}"
    left, top = MARGIN, 136
    box = draw.textbbox((0, 0), badge, font=badge_font)
    draw.rounded_rectangle(
        (left, top, left + box[2] - box[0] + 48, top + 72), radius=36, fill=colour
    )
    draw.text((left + 24, top + 36), badge, font=badge_font, fill=WHITE, anchor="lm")

    # The statement, wrapped and cut to fit.
    y = top + 72 + 44
    room = (HEIGHT - (116 if claim.claimant else 24) - y) // LINE_HEIGHT
    lines = _wrap(
        f"“{claim.statement}”",
        text_font,
        WIDTH - 2 * MARGIN,
        min(MAX_STATEMENT_LINES, room),
    )
    for line in lines:
        draw.text((MARGIN, y), line, font=text_font, fill=INK)
        y += LINE_HEIGHT

    # Who said it, at the foot.
    if claim.claimant:
        draw.line(
            (MARGIN, HEIGHT - 96, WIDTH - MARGIN, HEIGHT - 96), fill="#d9dee3", width=2
        )
        draw.text(
            (MARGIN, HEIGHT - 56),
            _("Claimed by %(name)s") % {"name": claim.claimant.name},
            font=site_font,
            fill="#52606d",
            anchor="lm",
        )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def share_card(claim: Claim) -> bytes:
    """``render_card(claim)`` from the cache, drawn and kept on a miss."""
    key = fragment_key(
        "share-card",
        claim.pk,
        claim.page_version,
        catalogue_version(),  # the claimant's name and the verdict's label
        get_language() or "",
        ETAG_VERSION,
    )
    png = cache.get(key)
    if png is None:
        png = render_card(claim)
        cache.set(key, png, timeout=CACHE_SECONDS)
    return png
