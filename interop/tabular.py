"""Tables of claims, read down to ``DatasetRow``s: the LIAR dataset's TSV layout, or
any CSV/TSV with a header row and a column mapping.

Every row is read on its own: a row with too few or too many columns, a statement
missing, a count that is not a number, bytes that are not UTF-8 or a NUL is a
``Problem`` naming its line, and the rows around it are still read. Windows line
endings are read like any others. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.dates import PartialDate
from claims.models import Rating, Source, validate_language
from claims.services import DatasetRow

from .claimreview import clean_partial_date, map_rating
from .reader import FileError, encoding_of

#: The LIAR dataset's 14 columns (its README), in order.
LIAR_COLUMNS = [
    "id",
    "label",
    "statement",
    "subjects",
    "speaker",
    "job",
    "state",
    "party",
    "barely_true_counts",
    "false_counts",
    "half_true_counts",
    "mostly_true_counts",
    "pants_on_fire_counts",
    "context",
]
#: LIAR columns that must hold whole numbers (or nothing).
LIAR_COUNTS = LIAR_COLUMNS[8:13]

#: What a column of a generic table can be mapped to (``--map target=column``).
TARGETS: dict[str, Any] = {
    "id": gettext_lazy("the row's id, kept as the external key"),
    "statement": gettext_lazy("the statement (required)"),
    "claimant": gettext_lazy("who said it"),
    "job": gettext_lazy("the speaker's job title"),
    "state": gettext_lazy("the speaker's state or region"),
    "party": gettext_lazy("the speaker's party"),
    "subjects": gettext_lazy("tags, separated by commas or semicolons"),
    "context": gettext_lazy("where it was said"),
    "label": gettext_lazy("their verdict, mapped onto our scale"),
    "date": gettext_lazy("when it was said (YYYY, YYYY-MM or a date)"),
    "language": gettext_lazy("the statement's language code"),
}

#: Words that make a claimant an organisation rather than a person.
_NOT_A_PERSON = re.compile(
    r"\b(posts?|e-?mails?|images?|blog|blogs|party|committee|campaign|group|pac|"
    r"news|media|tweets?|website|organization|organisation|association|council|"
    r"department|coalition|foundation|institute|network|union|facebook|twitter)\b",
    re.IGNORECASE,
)
_SUBJECT_SPLIT = re.compile(r"[,;]")
_DATASET_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


@dataclass(frozen=True)
class Problem:
    """A row (``line`` counted from 1) or the whole file (``line`` None) not read."""

    line: int | None
    reason: str


@dataclass(frozen=True)
class Read:
    """A row read, on its line (counted from 1)."""

    line: int
    row: DatasetRow


@dataclass
class Layout:
    """How to read a table: LIAR's fixed columns, or a header and a mapping."""

    format: str  # "liar" or "csv"
    dataset: str = "liar"
    delimiter: str = "\t"
    #: target → column name in the header (generic tables)
    mapping: dict[str, str] = field(default_factory=dict)
    language: str = "en"

    @classmethod
    def liar(cls, *, language: str = "en") -> Layout:
        return cls(format="liar", dataset="liar", delimiter="\t", language=language)

    @classmethod
    def table(
        cls,
        *,
        dataset: str,
        delimiter: str = ",",
        mapping: dict[str, str] | None = None,
        language: str = "en",
    ) -> Layout:
        """A generic table; raises ``ValueError`` for a bad dataset name, an
        unknown target or a mapping without a statement."""
        if not _DATASET_RE.match(dataset):
            raise ValueError(
                _(
                    "The dataset name %(name)r is not usable in a key: use lower-case "
                    "letters, digits, '.', '_' or '-', up to 40."
                )
                % {"name": dataset}
            )
        mapping = dict(mapping or {})
        unknown = sorted(set(mapping) - set(TARGETS))
        if unknown:
            raise ValueError(
                _("Unknown target %(names)s; known: %(known)s.")
                % {"names": ", ".join(unknown), "known": ", ".join(TARGETS)}
            )
        return cls(
            format="csv",
            dataset=dataset,
            delimiter=delimiter,
            mapping=mapping,
            language=language,
        )


def default_dataset(filename: str) -> str:
    """A table's dataset name from its file's: "Periksa Fakta 2024.csv" is
    periksa-fakta-2024."""
    return slugify(Path(filename).stem)[:40].strip("-_.") or "table"


def parse_mapping(text: str) -> dict[str, str]:
    """``statement=Claim,claimant=Speaker`` → {"statement": "Claim", …}."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        target, sep, column = part.partition("=")
        if not sep or not target.strip() or not column.strip():
            raise ValueError(
                _("Write the mapping as target=column, …; not %(part)r.")
                % {"part": part}
            )
        mapping[target.strip()] = column.strip()
    return mapping


def speaker_name(value: str) -> str:
    """LIAR names speakers by slug: "rick-perry" is Rick Perry."""
    value = value.strip()
    if value and " " not in value and value == value.lower():
        return " ".join(w[:1].upper() + w[1:] for w in value.split("-") if w)
    return value


def claimant_kind(name: str) -> str:
    if _NOT_A_PERSON.search(name.replace("-", " ")):
        return Source.Kind.ORGANISATION
    return Source.Kind.PERSON


def _text(data: bytes) -> str:
    """The table's text. UTF-8 bytes that do not decode are kept as surrogates, so
    the rows that hold them are refused one by one and the rest still read; a BOM's
    UTF-16/32 must decode whole."""
    encoding = encoding_of(data)
    sample = data[:4096]
    if encoding.startswith("utf-8") and sample.count(0) > len(sample) // 4:
        raise FileError(
            _(
                "The file looks like UTF-16 without a byte order mark (every other "
                "byte is NUL): save it as UTF-8."
            )
        )
    if encoding.startswith("utf-8"):
        return data.decode(encoding, errors="surrogateescape")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileError(
            _("The file is not %(encoding)s text (byte %(pos)d): save it as UTF-8.")
            % {"pos": exc.start, "encoding": encoding}
        ) from None


def _bad_bytes(values: list[str]) -> str:
    """The first undecodable bytes of a row, as hex, or ""."""
    for value in values:
        found = re.search(r"[\udc80-\udcff]+", value)
        if found:
            raw = found.group(0).encode("utf-8", errors="surrogateescape")
            return raw[:8].hex(" ")
    return ""


def _records(text: str, layout: Layout) -> Iterator[tuple[int, list[str] | Problem]]:
    """(first line, fields) for each record, or the problem that stopped it."""
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=layout.delimiter,
        quoting=csv.QUOTE_NONE if layout.format == "liar" else csv.QUOTE_MINIMAL,
        strict=False,
    )
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, Problem(line, _("Cannot be read: %(error)s.") % {"error": exc})
            line = reader.line_num + 1
            continue
        yield line, values
        line = reader.line_num + 1


def read_table(
    data: bytes,
    layout: Layout,
    *,
    labels: dict[str, str],
    ratings: dict[str, Rating],
) -> Iterator[Read | Problem]:
    """Every row of the table in ``data``, read or refused with its line.

    Raises ``FileError`` when nothing can be read: a header without the mapped
    columns, bytes in an encoding it cannot be sure of."""
    text = _text(data)
    records = _records(text, layout)
    columns = LIAR_COLUMNS
    mapping = {name: name for name in LIAR_COLUMNS}
    mapping.update(claimant="speaker")
    if layout.format != "liar":
        columns, mapping = _header(records, layout)
    seen: dict[str, int] = {}
    for line, values in records:
        if isinstance(values, Problem):
            yield values
            continue
        if not any(v.strip() for v in values):
            continue  # a blank line
        problem = _check(line, values, columns)
        if problem:
            yield problem
            continue
        row = dict(zip(columns, values, strict=True))
        try:
            read = _row(row, mapping, layout, labels=labels, ratings=ratings)
        except ValidationError as exc:
            yield Problem(line, " ".join(exc.messages))
            continue
        if read.key in seen:
            yield Problem(
                line,
                _("The same id %(key)s as line %(line)d.")
                % {"key": read.key, "line": seen[read.key]},
            )
            continue
        seen[read.key] = line
        yield Read(line, read)


def _header(
    records: Iterator[tuple[int, list[str] | Problem]], layout: Layout
) -> tuple[list[str], dict[str, str]]:
    """The header's column names, and target → column (named as the header does,
    for targets not mapped but named as a column)."""
    first = next(records, None)
    if first is None or isinstance(first[1], Problem):
        raise FileError(_("The file has no header row."))
    columns = [c.strip().lstrip("\ufeff") for c in first[1]]
    if _bad_bytes(columns):
        raise FileError(_("The header row is not UTF-8 text: save it as UTF-8."))
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise FileError(
            _("The header names %(names)s twice.") % {"names": ", ".join(duplicated)}
        )
    mapping = {t: t for t in TARGETS if t in columns and t not in layout.mapping}
    mapping.update(layout.mapping)
    missing = sorted(c for c in mapping.values() if c not in columns)
    if missing:
        raise FileError(
            _("The header has no column %(names)s (it has: %(columns)s).")
            % {"names": ", ".join(missing), "columns": ", ".join(columns)}
        )
    if "statement" not in mapping:
        raise FileError(
            _("No column is the statement: map one with --map statement=COLUMN.")
        )
    return columns, mapping


def _check(line: int, values: list[str], columns: list[str]) -> Problem | None:
    if len(values) != len(columns):
        reason = _("%(n)d columns, expected %(expected)d") % {
            "n": len(values),
            "expected": len(columns),
        }
        if len(values) > len(columns):
            reason += _(" (a tab or delimiter inside a field?)")
        return Problem(line, reason + ".")
    bad = _bad_bytes(values)
    if bad:
        return Problem(
            line,
            _("Bytes that are not UTF-8 (%(bytes)s): save the file as UTF-8.")
            % {"bytes": bad},
        )
    if any("\x00" in v for v in values):
        return Problem(line, _("A NUL byte: the file is not plain text."))
    return None


def _row(
    row: dict[str, str],
    mapping: dict[str, str],
    layout: Layout,
    *,
    labels: dict[str, str],
    ratings: dict[str, Rating],
) -> DatasetRow:
    def get(target: str) -> str:
        column = mapping.get(target)
        return " ".join((row.get(column) or "").split()) if column else ""

    statement = get("statement")
    if not statement:
        raise ValidationError(_("No statement."))
    if len(statement) > 10_000:
        raise ValidationError(_("The statement is over 10,000 characters."))
    ident = get("id")
    if not ident and layout.format == "liar":
        raise ValidationError(_("No id in the first column."))
    if not ident:  # a table without ids: the statement and claimant are the row
        ident = row_key(statement, get("claimant"))
    key = f"{layout.dataset}:{ident}"
    if len(key) > 200:
        raise ValidationError(_("The id is over 150 characters."))
    if layout.format == "liar":
        for column in LIAR_COUNTS:
            value = row[column].strip()
            if value and not re.fullmatch(r"\d+(\.0+)?", value):
                raise ValidationError(
                    _("%(column)s is not a whole number: %(value)r.")
                    % {"column": column, "value": value[:40]}
                )
    language = get("language").lower() or layout.language
    try:
        validate_language(language)
    except ValidationError:
        raise ValidationError(
            _("Unknown language code %(code)r.") % {"code": language[:20]}
        ) from None
    made: PartialDate | None = None
    if get("date"):
        made = clean_partial_date(get("date"))
        if made is None:
            raise ValidationError(
                _("Not a date: %(value)r.") % {"value": get("date")[:40]}
            )
    label = get("label")
    rating = (
        map_rating(label, None, None, None, labels=labels, ratings=ratings)
        if label
        else None
    )
    tags = tuple(
        dict.fromkeys(
            t.strip()[:100] for t in _SUBJECT_SPLIT.split(get("subjects")) if t.strip()
        )
    )
    claimant = get("claimant")
    name = speaker_name(claimant) if layout.format == "liar" else claimant
    data: dict[str, Any] = {c: v for c, v in row.items() if c}
    return DatasetRow(
        key=key,
        dataset=layout.dataset,
        statement=statement,
        language=language,
        claimant_name=name,
        claimant_kind=claimant_kind(name) if name else Source.Kind.PERSON,
        made=made,
        tags=tags,
        rating_label=label,
        rating=rating,
        speaker_job=get("job"),
        speaker_state=get("state"),
        speaker_party=get("party"),
        context=get("context"),
        data=data,
    )


def row_key(statement: str, claimant: str) -> str:
    """The id of a row that has none: its claimant and statement, hashed."""
    text = f"{claimant.casefold()}\x1f{statement.casefold()}"
    return "sha256-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
