"""Dates with a precision: "2018" (year), "June 2018" (month), "30 June 2019" (day).

A partial date is stored as a ``DateField`` holding the first day of its period plus a
``precision``; this module is the one place that parses, validates and renders them, so
models, forms, the importer and templates agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


#: ``Precision.values``, which Django builds anew on each access
_PRECISIONS = frozenset(Precision.values)

_ISO_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")

# How each precision is rendered, as Django date-format strings (localised month names).
_FORMATS = {Precision.DAY: "j F Y", Precision.MONTH: "F Y", Precision.YEAR: "Y"}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a day, a month or a year."""

    value: dt.date
    precision: str = Precision.DAY

    def __post_init__(self) -> None:
        if self.precision not in _PRECISIONS:
            raise ValidationError(
                _("Unknown date precision “%(p)s”."), params={"p": self.precision}
            )
        if self.precision != Precision.DAY and self.value.day != 1:
            raise ValidationError(_("A month or year date is stored as its first day."))
        if self.precision == Precision.YEAR and self.value.month != 1:
            raise ValidationError(_("A year date is stored as 1 January."))

    @classmethod
    def parse(cls, text: str, precision: str | None = None) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        The precision follows from the form of ``text``; when ``precision`` is given
        too it must match, so "day" with "2019-06" is refused rather than guessed.
        """
        if precision and precision not in _PRECISIONS:
            raise ValidationError(
                _("Unknown date precision “%(p)s”."),
                params={"p": str(precision)[:20]},
                code="precision",
            )
        match = _ISO_RE.match(text or "")
        if not match:
            raise ValidationError(
                _("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD (got “%(text)s”)."),
                params={"text": (text or "")[:40]},
                code="invalid",
            )
        year, month, day = match.groups()
        found = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        if precision and precision != found:
            messages = {
                Precision.DAY: _("A day-precision date needs a day: use YYYY-MM-DD."),
                Precision.MONTH: _("A month-precision date is written YYYY-MM."),
                Precision.YEAR: _("A year-precision date is written YYYY."),
            }
            raise ValidationError(messages[Precision(precision)], code="precision")
        try:
            value = dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError as exc:
            raise ValidationError(
                _("“%(text)s” is not a real date."),
                params={"text": text.strip()},
                code="invalid",
            ) from exc
        return cls(value, found)

    @classmethod
    def from_fields(cls, value: dt.date | None, precision: str) -> PartialDate | None:
        if value is None:
            return None
        return cls(value, precision or Precision.DAY)

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as the importer and API write it."""
        if self.precision == Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def last_day(self) -> dt.date:
        """The last calendar day the period covers, for range filters."""
        if self.precision == Precision.DAY:
            return self.value
        if self.precision == Precision.YEAR:
            return dt.date(self.value.year, 12, 31)
        nxt = (self.value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return nxt - dt.timedelta(days=1)

    def __str__(self) -> str:
        return date_format(self.value, _FORMATS[Precision(self.precision)])


def format_span(start: PartialDate | None, end: PartialDate | None = None) -> str:
    """Render a date or range: "30 June 2019", "June 2018", "1950–1953"."""
    if start is None:
        return ""
    if end is None or end == start:
        return str(start)
    return f"{start}\u2013{end}"


def validate_span(start: PartialDate | None, end: PartialDate | None) -> None:
    """Refuse an end without a start and an end before its start."""
    if end is None:
        return
    if start is None:
        raise ValidationError({"end": _("A range needs a start date.")})
    # Compare the stored first days, as the database constraint (end >= start) does:
    # "15 June 2019 until June 2019" would pass a last_day() check, then fail there.
    if end.value < start.value:
        raise ValidationError({"end": _("The end date is before the start date.")})
