"""Dates in Indonesian and English news text: where they are, what they mean.

dateparser's own ``search_dates`` misreads Indonesian sentences ("pada bulan Februari
2019" becomes "Februari" of this year plus "2019"), so the spans are found here with
regular expressions over month and weekday names and numeric forms; each absolute span
is then parsed by dateparser (which knows the month names and abbreviations of both
languages and reports the precision). Ranges, bare years and relative expressions
("Juni tahun itu", "Tuesday", "tahun depan") are resolved here from the text before
them or from the reference (publication) date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from claims.dates import PartialDate, Precision

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip

# Month names are matched capitalised only: "may" is a verb, "Mei" is a month.
_M = (
    r"(?:Januari|January|Februari|Pebruari|February|Maret|March|April|Mei|May|Juni|"
    r"June|Juli|July|Agustus|August|September|Oktober|October|November|Nopember|"
    r"Desember|December|(?:Jan|Feb|Peb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Aug|Sept|Sep|"
    r"Okt|Oct|Nov|Nop|Des|Dec)\.?)"
)
_WD = (
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_PART = (
    r"(?:\s+(?:pagi|siang|sore|petang|malam|dini\s+hari|morning|afternoon|evening"
    r"|night))?"
)
_Y = r"(?:1[5-9]\d\d|20\d\d)"
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_TO = (
    r"(?:\s*(?:-|–|—)\s*|\s+(?:sampai(?:\s+dengan)?|hingga|s\.?d\.?|s/d|to|until"
    r"|through)\s+)"
)
_WD_PREFIX = rf"(?:(?:hari\s+)?{_WD}{_PART}\s*,?\s*)?"
_QUAL = r"(?:(?:awal|akhir|pertengahan|early|late|mid-?)\s+)?"
_B = r"(?<![\w/.-])"  # no digit, letter or date separator just before
_A = r"(?![\w/]|[.,-]\d)"  # none just after

#: a year spelled out, as broadcast scripts write them ("Nineteen-Sixty-Five",
#: "Two-Thousand", "Two-Thousand-Ten", "Nineteen-Oh-Five"): capitalised and
#: hyphenated, so that "two thousand people" is no year
_UNIT_W = r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine"
_TEEN_W = (
    r"Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen"
)
_TENS_W = r"Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety"
_REST_W = rf"(?:(?:{_TENS_W})(?:-(?:{_UNIT_W}))?|{_TEEN_W}|{_UNIT_W})"
_YEAR_W = (
    rf"(?:(?:Seventeen|Eighteen|Nineteen|Twenty)-(?:Hundred(?:-(?:and-)?{_REST_W})?|"
    rf"Oh-(?:{_UNIT_W})|(?:{_TENS_W})(?:-(?:{_UNIT_W}))?|{_TEEN_W})"
    rf"|Two-Thousand(?:-(?:and-)?{_REST_W})?)(?![\w-])"
)
#: the words a spelled year follows
_YEAR_W_BEFORE = (
    r"(?:(?<=\b[Ii]n\s)|(?<=\b[Ss]ince\s)|(?<=\b[Bb]etween\s)|(?<=\bfrom\s)|"
    r"(?<=\buntil\s)|(?<=\bby\s)|(?<=\bof\s)|(?<=\byear\s)|(?<=\bearly\s)|"
    r"(?<=\blate\s))"
)
#: the same in lower case and spaced ("in two thousand seven", "since nineteen
#: ninety-five"), only where nothing counted follows: after "in", "since", "until" and
#: before a comma, a full stop, an article or a capitalised word ("in two thousand
#: seven people" stays a number)
_YEAR_W_PLAIN = (
    rf"(?:(?<=\b[Ii]n\s)|(?<=\b[Ss]ince\s)|(?<=\b[Uu]ntil\s))(?P<y>two\s+thousand"
    rf"(?:\s+(?:and\s+)?(?i:{_REST_W}))?|nineteen\s+(?i:(?:{_TENS_W})(?:-(?:{_UNIT_W}))?"
    rf"|{_TEEN_W}))(?=\s*[,.;]|\s+(?:a|an|the|and|when|there|it|he|she|they|we|[A-Z])\b)"
)
# fmt: off
_SMALL_W = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
)
# fmt: on
_WORD_VALUES = {w: n for n, w in enumerate(_SMALL_W)} | {
    w.lower(): 10 * (i + 2) for i, w in enumerate(_TENS_W.split("|"))
}


def spelled_year(words: str) -> int | None:
    """1965 for "Nineteen-Sixty-Five", 2000 for "Two-Thousand", 2010 for
    "Two-Thousand-Ten", 1905 for "Nineteen-Oh-Five"; None for anything else."""
    parts = [p.lower() for p in words.split("-") if p.lower() != "and"]
    if not parts:
        return None
    if parts[:2] == ["two", "thousand"]:
        base, rest = 2000, parts[2:]
    elif parts[0] in _WORD_VALUES and len(parts) >= 2:
        base, rest = 100 * _WORD_VALUES[parts[0]], parts[1:]
        if rest[0] == "hundred" or rest[0] == "oh":
            rest = rest[1:]
    else:
        return None
    try:
        return base + sum(_WORD_VALUES[p] for p in rest)
    except KeyError:
        return None


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "year_words_range",
        re.compile(
            # no word boundary asked before "between": copies glue words at line
            # ends ("donebetween"); the spelled years themselves are strict
            rf"(?:(?<=[Bb]etween\s)(?P<a1>{_YEAR_W})\s+and\s+(?P<a2>{_YEAR_W})"
            rf"|(?<=\b[Ff]rom\s)(?P<b1>{_YEAR_W})\s+(?:to|until|through)\s+"
            rf"(?P<b2>{_YEAR_W}))"
        ),
    ),
    ("year_words", re.compile(rf"{_YEAR_W_BEFORE}(?P<y>{_YEAR_W})")),
    ("year_words", re.compile(_YEAR_W_PLAIN)),
    (
        "day_range",
        re.compile(
            rf"{_B}(?:tanggal\s+)?(?P<d1>{_D}){_TO}(?P<d2>{_D})\s+(?P<m>{_M})"
            rf",?\s+(?P<y>{_Y}){_A}"
        ),
    ),
    (
        "day_range_en",
        re.compile(
            rf"{_B}(?P<m>{_M})\s+(?P<d1>{_D}){_TO}(?P<d2>{_D}),?\s+(?P<y>{_Y}){_A}"
        ),
    ),
    (
        "day_span",
        re.compile(
            rf"{_B}(?P<d1>{_D})\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?{_TO}(?P<d2>{_D})\s+"
            rf"(?P<m2>{_M})\s+(?P<y2>{_Y}){_A}"
        ),
    ),
    (
        "month_span",
        re.compile(
            rf"{_B}(?:bulan\s+)?(?P<m1>{_M})\s+(?P<y1>{_Y}){_TO}(?:bulan\s+)?"
            rf"(?P<m2>{_M})\s+(?P<y2>{_Y}){_A}"
        ),
    ),
    (
        "month_range",
        re.compile(
            rf"{_B}(?:bulan\s+)?(?P<m1>{_M}){_TO}(?P<m2>{_M})\s+(?P<y>{_Y}){_A}"
        ),
    ),
    (
        "year_range",
        re.compile(
            rf"{_B}(?:(?:antara|between)\s+(?:(?:tahun|years?)\s+)?(?P<a1>{_Y})\s+"
            rf"(?:dan|and)\s+(?P<a2>{_Y})|(?:(?:dari|from)\s+)?(?:(?:tahun|years?)\s+)?"
            rf"(?P<y1>{_Y}){_TO}(?P<y2>{_Y})){_A}"
        ),
    ),
    (
        # "5-9 Juni lalu", "10 sampai 13 November": a range in a year left unsaid
        "day_range_no_year",
        re.compile(
            rf"{_B}(?:tanggal\s+)?(?P<d1>{_D}){_TO}(?P<d2>{_D})\s+(?P<m>{_M})"
            rf"(?!\w|,?\s+(?:\d|tahun))"
        ),
    ),
    (
        # "10 dan 13 November 2022", "10 and 13 November": two days, not a range
        "day_pair",
        re.compile(
            rf"{_B}(?:tanggal\s+)?(?P<d1>{_D})\s*(?:,|dan|and|&|serta|or|atau)\s*"
            rf"(?P<d2>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?{_A}"
        ),
    ),
    (
        "day",
        re.compile(
            rf"{_B}{_WD_PREFIX}(?:tanggal\s+|tgl\.?\s+)?(?P<d>{_D})\s+(?P<m>{_M}),?"
            rf"\s+(?P<y>{_Y}){_A}"
        ),
    ),
    (
        "day_en",
        re.compile(
            rf"{_B}(?:{_WD},?\s+)?(?P<m>{_M})\s+(?P<d>{_D})(?:st|nd|rd|th)?,?\s+"
            rf"(?P<y>{_Y}){_A}"
        ),
    ),
    (
        "numeric",
        re.compile(
            rf"{_B}{_WD_PREFIX}\(?(?P<d>{_D})[/.-](?P<mm>0?[1-9]|1[0-2])[/.-]"
            rf"(?P<y>{_Y})\)?{_A}"
        ),
    ),
    (
        "numeric_no_year",
        re.compile(
            rf"{_B}(?:hari\s+)?{_WD}{_PART}\s*,?\s*\((?P<d>{_D})/(?P<mm>0?[1-9]|1[0-2])\)"
        ),
    ),
    ("iso", re.compile(rf"{_B}(?P<y>{_Y})-(?P<mm>0[1-9]|1[0-2])-(?P<d>[0-3]\d){_A}")),
    (
        "month",
        re.compile(
            rf"{_B}{_QUAL}(?:bulan\s+)?(?P<m>{_M}),?\s+(?:tahun\s+)?(?P<y>{_Y}){_A}"
        ),
    ),
    (
        "month_relative",
        re.compile(
            rf"{_B}{_QUAL}(?:bulan\s+)?(?P<m>{_M})\s+(?:of\s+)?(?P<rel>tahun\s+itu|"
            r"tahun\s+ini|tahun\s+lalu|tahun\s+depan|tahun\s+yang\s+sama|that\s+year|"
            r"this\s+year|last\s+year|next\s+year|the\s+same\s+year|lalu|mendatang)\b"
        ),
    ),
    (
        "month_relative_en",
        re.compile(rf"\b(?P<rel>last|this|next)\s+(?P<m>{_M})(?!\s+\d)\b"),
    ),
    (
        "day_no_year",
        re.compile(
            rf"{_B}{_WD_PREFIX}(?:tanggal\s+)?(?P<d>{_D})\s+(?P<m>{_M})"
            rf"(?!\w|,?\s+(?:\d|tahun))"
        ),
    ),
    (
        "day_no_year_en",
        re.compile(
            rf"{_B}(?:{_WD},?\s+)?(?P<m>{_M})\s+(?P<d>{_D})(?:st|nd|rd|th)?"
            r"(?![\w]|,?\s+\d|\s*[-–])"
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
            r"sepuluh|one|two|three|four|five|six|seven|eight|nine|ten|se)\s*"
            r"(?P<unit>tahun|bulan|minggu|pekan|hari|years?|months?|weeks?|days?)\s+"
            r"(?:yang\s+)?"
            r"(?:lalu|silam|ago)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month_alone",
        re.compile(
            rf"(?:(?<=\bbulan\s)|(?<=\b[Ii]n\s)|(?<=\b[Ss]ince\s)|(?<=\b[Uu]ntil\s)"
            rf"|(?<=\bsejak\s)|(?<=\bhingga\s)|(?<=\bsampai\s))(?P<m>{_M})"
            r"(?!\w|,?\s+(?:\d|tahun|of\b|lalu|mendatang|that|this|last|next))"
            # a month naming a thing of its own: "April's quake", "the April quake"
            rf"|{_B}(?P<m2>{_M})(?=['’]s\s+[a-z])"
            rf"|(?<=\b[Tt]he\s)(?P<m3>{_M})(?=\s+(?!(?:on|of|to|for|in|and|or|at)\b)"
            r"[a-z]{3,}\b)"
        ),
    ),
    (
        "year",
        re.compile(
            rf"{_B}{_QUAL}(?:(?:tahun|thn\.?)\s+)?(?P<y>{_Y})(?:\s+(?P<rel>lalu|"
            r"mendatang|silam|ini|nanti))?(?![\w/%]|[.,]\d|\s*(?:persen|percent|orang|"
            r"warga|jiwa|unit|buah|ekor|km|meter|ton|kg|people|troops|soldiers|units|"
            r"cases|kasus|dolar|dollars|rupiah|rumah|kursi|seats)\b)"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:(?:awal|akhir|pertengahan|early|late)\s+)?(?P<rel>hari\s+ini|kemarin|besok|today|yesterday|tomorrow|"
            r"tahun\s+lalu|tahun\s+depan|tahun\s+ini|last\s+year|next\s+year|this\s+year|"
            r"bulan\s+lalu|bulan\s+depan|bulan\s+ini|last\s+month|next\s+month|"
            r"this\s+month|tahun\s+itu|that\s+year|(?:pekan|minggu)\s+(?:lalu|kemarin|"
            r"depan|ini)|(?:last|next|this|past)\s+week|the\s+(?:following|coming|next|"
            r"previous|preceding)\s+(?:week|month|year)|this\s+coming\s+week|the\s+week\s+"
            r"(?:after|before)|(?:pekan|minggu)\s+(?:berikutnya|sebelumnya|mendatang)|"
            r"(?:bulan|tahun)\s+(?:berikutnya|sebelumnya))\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "tahun politik ini", "tahun ajaran ini": this year, named by what it is
        "this_year_named",
        re.compile(
            r"\b[Tt]ahun\s+(?:politik|ajaran|anggaran|akademik|fiskal|pemilu|buku|"
            r"kalender|pelajaran|kerja)\s+ini\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"{_B}(?:hari\s+|on\s+|(?P<dir>last|next|this)\s+)?"
            rf"(?P<wd>Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Ahad|Monday|Tuesday|"
            r"Wednesday|Thursday|Friday|Saturday|Sunday)"
            rf"{_PART}(?:\s+(?P<dir2>lalu|kemarin|depan|mendatang|ini))?(?!\w)"
        ),
    ),
]
_FUTURE = re.compile(
    r"\b(?:akan|bakal|hendak|rencananya|dijadwalkan|will|shall|scheduled|plans?\s+to|"
    r"is\s+to|are\s+to|is\s+due|are\s+due)\b(?![^.!?]*[.!?]\s)",
    re.IGNORECASE,
)
#: the sentence looks back: "lalu", "last", "kemarin", "sejak"
_PAST = re.compile(
    r"\b(?:lalu|silam|kemarin|telah|sudah|sempat|pernah|last|ago|since|sejak|"
    r"was|were|had|did)\b",
    re.IGNORECASE,
)
_FUTURE_ANYWHERE = re.compile(
    r"\b(?:akan|bakal|hendak|rencananya|direncanakan|dijadwalkan|ditargetkan|"
    r"diharapkan|mendatang|nanti|depan|will|shall|scheduled|expected\s+to|plans?\s+to|"
    r"planned|upcoming|next|is\s+to|are\s+to|is\s+due|are\s+due|target(?:kan)?)\b",
    re.IGNORECASE,
)
#: a capitalised word right before, not ending a sentence: the relative date is
#: written in Title Case inside a name or heading ("What’s Trending Today")
_IN_TITLE = re.compile(r"(?<![.!?…:])(?<![.!?…:][\"”’])\s[A-Z][\w’'-]*\s+$")
#: other ways of saying "next week", "last year": "the following week", "pekan
#: berikutnya", "the previous month" (read from the publication date, as the rest)
_SAME_AS = {
    f"the {word} {unit}": f"{way} {unit}"
    for word, way in (
        ("following", "next"),
        ("coming", "next"),
        ("next", "next"),
        ("previous", "last"),
        ("preceding", "last"),
    )
    for unit in ("week", "month", "year")
} | {
    "this coming week": "next week",
    "the week after": "next week",
    "the week before": "last week",
    "pekan berikutnya": "pekan depan",
    "minggu berikutnya": "pekan depan",
    "pekan mendatang": "pekan depan",
    "minggu mendatang": "pekan depan",
    "pekan sebelumnya": "pekan lalu",
    "minggu sebelumnya": "pekan lalu",
    "bulan berikutnya": "bulan depan",
    "bulan sebelumnya": "bulan lalu",
    "tahun berikutnya": "tahun depan",
    "tahun sebelumnya": "tahun lalu",
}
#: dates written without a year (or weekday) whose year depends on the tense
_BARE = frozenset(
    {"weekday", "month_alone", "day_no_year", "day_no_year_en", "numeric_no_year",
     "day_pair"}
)  # fmt: skip


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the sentence before and after a span (to the nearest stop)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) if stops else len(text)
    return text[left:start], text[end:right]


def _future(text: str, start: int, end: int) -> bool:
    """Does the sentence around a bare date speak of what will happen? A future
    marker in the sentence ("akan", "will", "mendatang", "expected to") and no
    past marker right by the date ("Senin lalu", "last May")."""
    before, after = _sentence_around(text, start, end)
    near = before[-12:] + " " + after[:12]
    if _PAST.search(near):
        return False
    return bool(_FUTURE_ANYWHERE.search(before) or _FUTURE_ANYWHERE.search(after[:40]))


_NUMBERS = {
    "se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "one": 1, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10,
}  # fmt: skip
_COUNTED = re.compile(
    r"\b(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|"
    r"belas|puluh|ratus|beberapa|setengah|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|few|many|the\s+past|the\s+last)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: PartialDate
    end_value: PartialDate | None = None
    relative: bool = False
    #: a calendar week ("pekan lalu", "two weeks ago"): Monday to Sunday, reported
    #: with precision "week" and stored as that day range (the model has no weeks)
    week: bool = False

    def as_json(self, role: str) -> dict[str, str]:
        data = {
            "text": self.text,
            "value": self.value.iso(),
            "precision": "week" if self.week else self.value.precision,
            "role": role,
        }
        if self.end_value is not None:
            data["end"] = self.end_value.iso()
        return data


@lru_cache(maxsize=1)
def _parsers() -> dict[str, object]:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    # Spans are absolute dates already found by the patterns here: only the
    # absolute-time parser is needed, in the article's own language (a span it
    # cannot read falls back to the month table above).
    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": False,
        "PARSERS": ["absolute-time"],
        "DATE_ORDER": "DMY",
    }
    return {
        "id": DateDataParser(languages=["id"], settings=settings),
        "en": DateDataParser(languages=["en"], settings=settings),
    }


@lru_cache(maxsize=4096)
def parse_absolute(core: str, language: str = "id") -> PartialDate | None:
    """Parse "11 Juni 2025", "Juni 2018", "5/8/2021" with dateparser, keep precision."""
    parser = _parsers()["en" if language == "en" else "id"]
    data = parser.get_date_data(core)  # type: ignore[attr-defined]
    if data is None or data.date_obj is None:
        return None
    value = data.date_obj.date()
    period = data.period
    if period == "year":
        return PartialDate(dt.date(value.year, 1, 1), Precision.YEAR)
    if period == "month":
        return PartialDate(value.replace(day=1), Precision.MONTH)
    return PartialDate(value, Precision.DAY)


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _last_weekday(reference: dt.date, weekday: int, direction: str = "") -> dt.date:
    if direction in ("next", "depan", "mendatang"):
        delta = (weekday - reference.weekday()) % 7 or 7
        return reference + dt.timedelta(days=delta)
    if direction == "coming":  # "akan digelar Kamis": this Thursday or the next one
        return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)
    delta = (reference.weekday() - weekday) % 7
    if direction in ("last", "lalu") and delta == 0:
        delta = 7
    return reference - dt.timedelta(days=delta)


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_day(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day when it has fewer (29 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def _most_recent_month(reference: dt.date, month: int) -> int:
    return reference.year if month <= reference.month else reference.year - 1


class _Resolver:
    """Turns one regex match into a date, using the text before it for context."""

    def __init__(
        self,
        reference: dt.date | None,
        language: str,
        anchors: tuple[dt.date, ...] = (),
    ) -> None:
        self.reference = reference
        self.language = language
        #: days the page writes out (a score box, a dateline): a bare weekday
        #: that falls on one of them in the fortnight around the reference is it
        self.anchors = anchors
        self.context_year: int | None = None
        #: the sentence speaks of what will happen ("akan", "will"): weekdays ahead
        self.future = False

    def resolve(
        self, kind: str, m: re.Match[str]
    ) -> tuple[PartialDate, PartialDate | None, bool] | None:
        g = m.groupdict()
        ref = self.reference
        if kind in ("day_range", "day_range_en"):
            month, year = _month(g["m"]), int(g["y"])
            a, b = int(g["d1"]), int(g["d2"])
            if b <= a:
                return None
            start = self._parse(f"{a} {g['m']} {year}") or self._day(year, month, a)
            end = self._day(year, month, b)
            return (start, end, False) if start and end else None
        if kind == "month_range":
            year = int(g["y"])
            a, b = _month(g["m1"]), _month(g["m2"])
            if b <= a:
                return None
            return (
                PartialDate(dt.date(year, a, 1), Precision.MONTH),
                PartialDate(dt.date(year, b, 1), Precision.MONTH),
                False,
            )
        if kind == "day_span":
            y2 = int(g["y2"])
            y1 = int(g["y1"]) if g.get("y1") else y2
            start = self._day(y1, _month(g["m1"]), int(g["d1"]))
            end = self._day(y2, _month(g["m2"]), int(g["d2"]))
            if start is None or end is None or end.value <= start.value:
                return None
            return start, end, False
        if kind == "month_span":
            start = PartialDate(
                dt.date(int(g["y1"]), _month(g["m1"]), 1), Precision.MONTH
            )
            end = PartialDate(
                dt.date(int(g["y2"]), _month(g["m2"]), 1), Precision.MONTH
            )
            return (start, end, False) if end.value > start.value else None
        if kind == "year_words":
            spelled = spelled_year("-".join(g["y"].split()))
            if spelled is None:
                return None
            return PartialDate(dt.date(spelled, 1, 1), Precision.YEAR), None, False
        if kind == "year_words_range":
            since = spelled_year(g["a1"] or g["b1"])
            until = spelled_year(g["a2"] or g["b2"])
            if since is None or until is None or not since < until <= since + 100:
                return None
            return (
                PartialDate(dt.date(since, 1, 1), Precision.YEAR),
                PartialDate(dt.date(until, 1, 1), Precision.YEAR),
                False,
            )
        if kind == "year_range":
            a, b = int(g["y1"] or g["a1"]), int(g["y2"] or g["a2"])
            if not a < b <= a + 100:
                return None
            return (
                PartialDate(dt.date(a, 1, 1), Precision.YEAR),
                PartialDate(dt.date(b, 1, 1), Precision.YEAR),
                False,
            )
        if kind in ("day", "day_en"):
            core = f"{int(g['d'])} {g['m'].rstrip('.')} {g['y']}"
            value = self._parse(core) or self._day(
                int(g["y"]), _month(g["m"]), int(g["d"])
            )
            return (value, None, False) if value else None
        if kind in ("numeric", "iso"):
            core = f"{int(g['d'])}/{int(g['mm'])}/{g['y']}"
            value = self._parse(core) or self._day(
                int(g["y"]), int(g["mm"]), int(g["d"])
            )
            return (value, None, False) if value else None
        if kind == "month":
            value = self._parse(f"{g['m'].rstrip('.')} {g['y']}") or PartialDate(
                dt.date(int(g["y"]), _month(g["m"]), 1), Precision.MONTH
            )
            return value, None, False
        if kind in ("month_relative", "month_relative_en"):
            rel = " ".join(g["rel"].lower().split())
            month = _month(g["m"])
            if rel in ("tahun itu", "that year", "tahun yang sama", "the same year"):
                if self.context_year is None:
                    return None
                year = self.context_year
            elif ref is None:
                return None
            elif rel in ("tahun lalu", "last year"):
                year = ref.year - 1
            elif rel in ("tahun depan", "next year"):
                year = ref.year + 1
            elif rel in ("tahun ini", "this year"):
                year = ref.year
            elif rel in ("lalu", "last"):  # the last one before this month
                year = ref.year if month < ref.month else ref.year - 1
            elif rel in ("mendatang", "next"):
                year = ref.year if month > ref.month else ref.year + 1
            else:
                year = ref.year
            return PartialDate(dt.date(year, month, 1), Precision.MONTH), None, True
        if kind == "day_range_no_year":
            if ref is None:
                return None
            month, a, b = _month(g["m"]), int(g["d1"]), int(g["d2"])
            year = self._year_of(month, a)
            start, end = self._day(year, month, a), self._day(year, month, b)
            if start is None or end is None or end.value <= start.value:
                return None
            return start, end, True
        if kind == "day_pair":
            month = _month(g["m"])
            if g.get("y"):
                year = int(g["y"])
            elif ref is None:
                return None
            else:
                year = self._year_of(month, int(g["d2"]))
            first = self._day(year, month, int(g["d1"]))
            second = self._day(year, month, int(g["d2"]))
            if first is None or second is None or second.value <= first.value:
                return None
            return first, second, not g.get("y")
        if kind == "numeric_no_year":
            if ref is None:
                return None
            month, day = int(g["mm"]), int(g["d"])
            year = self._year_of(month, day)
            value = self._day(year, month, day)
            return (value, None, True) if value else None
        if kind == "ago":
            return self._ago(g["n"].lower(), g["unit"].lower())
        if kind == "day_no_year_en":
            if ref is None:
                return None
            month, day = _month(g["m"]), int(g["d"])
            year = self._year_of(month, day)
            value = self._day(year, month, day)
            return (value, None, True) if value else None
        if kind == "day_no_year":
            if ref is None:
                return None
            month, day = _month(g["m"]), int(g["d"])
            year = self._year_of(month, day)
            value = self._day(year, month, day)
            return (value, None, True) if value else None
        if kind == "month_alone":
            if ref is None:
                return None
            month = _month(g["m"] or g["m2"] or g["m3"])
            year = self._year_of(month, 0)
            return PartialDate(dt.date(year, month, 1), Precision.MONTH), None, True
        if kind == "year":
            year = int(g["y"])
            return PartialDate(dt.date(year, 1, 1), Precision.YEAR), None, False
        if kind == "this_year_named":
            if ref is None:
                return None
            return PartialDate(dt.date(ref.year, 1, 1), Precision.YEAR), None, True
        if kind == "relative":
            return self._relative(" ".join(g["rel"].lower().split()))
        if kind == "weekday":
            if ref is None:
                return None
            direction = (g.get("dir") or g.get("dir2") or "").lower()
            if not direction and self.future:
                direction = "coming"
            wd = _WEEKDAYS[g["wd"].lower()]
            weekday = _last_weekday(ref, wd, direction)
            if direction in ("", "coming"):
                ahead = direction == "coming"
                written = [
                    a
                    for a in self.anchors
                    if a.weekday() == wd
                    and a != weekday
                    and 0 < ((a - ref) if ahead else (ref - a)).days <= 13
                ]
                if written:  # "on Saturday" in a story whose page dates the match
                    weekday = min(written, key=lambda a: abs((a - ref).days))
            return PartialDate(weekday, Precision.DAY), None, True
        return None

    def _year_of(self, month: int, day: int) -> int:
        """The year of a day or month written without one: the latest one on or
        before the reference date, or, in a sentence about what will happen
        ("akan", "will", "mendatang"), the first one on or after it."""
        ref = self.reference
        assert ref is not None
        if self.future:
            if day:
                return (
                    ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
                )
            return ref.year if month >= ref.month else ref.year + 1
        if day:
            year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
            ahead = (_safe_day(ref.year, month, day) - ref).days
            if year < ref.year and 0 < ahead <= 31:
                # a day a few weeks after the reference is that one, not a year back:
                # a text names a year-old day with its year (and a reference known
                # to the month is its first day)
                year = ref.year
            return year
        return _most_recent_month(ref, month)

    def _relative(
        self, rel: str
    ) -> tuple[PartialDate, PartialDate | None, bool] | None:
        rel = _SAME_AS.get(" ".join(rel.split()), rel)
        if rel in ("tahun itu", "that year"):
            if self.context_year is None:
                return None
            return (
                PartialDate(dt.date(self.context_year, 1, 1), Precision.YEAR),
                None,
                True,
            )
        ref = self.reference
        if ref is None:
            return None
        days = {"hari ini": 0, "today": 0, "kemarin": -1, "yesterday": -1}
        days |= {"besok": 1, "tomorrow": 1}
        if rel in days:
            return (
                PartialDate(ref + dt.timedelta(days=days[rel]), Precision.DAY),
                None,
                True,
            )
        years = {"tahun lalu": -1, "last year": -1, "tahun depan": 1, "next year": 1}
        years |= {"tahun ini": 0, "this year": 0}
        if rel in years:
            return (
                PartialDate(dt.date(ref.year + years[rel], 1, 1), Precision.YEAR),
                None,
                True,
            )
        weeks = {"lalu": -1, "kemarin": -1, "last": -1, "past": -1, "depan": 1}
        weeks |= {"next": 1, "ini": 0, "this": 0}
        if "week" in rel or rel.startswith(("pekan", "minggu")):
            word = (
                rel.split()[1]
                if rel.startswith(("pekan", "minggu"))
                else rel.split()[0]
            )
            monday = (
                ref
                - dt.timedelta(days=ref.weekday())
                + dt.timedelta(weeks=weeks.get(word, 0))
            )
            return (
                PartialDate(monday, Precision.DAY),
                PartialDate(monday + dt.timedelta(days=6), Precision.DAY),
                True,
            )
        months = {"bulan lalu": -1, "last month": -1, "bulan depan": 1}
        months |= {"next month": 1, "bulan ini": 0, "this month": 0}
        if rel in months:
            first = _shift_month(ref.replace(day=1), months[rel])
            return PartialDate(first, Precision.MONTH), None, True
        return None

    def _ago(
        self, n: str, unit: str
    ) -> tuple[PartialDate, PartialDate | None, bool] | None:
        ref = self.reference
        count = _NUMBERS.get(n) or (int(n) if n.isdigit() else 0)
        if ref is None or not count:
            return None
        if unit.startswith(("tahun", "year")):
            return (
                PartialDate(dt.date(ref.year - count, 1, 1), Precision.YEAR),
                None,
                True,
            )
        if unit.startswith(("bulan", "month")):
            first = _shift_month(ref.replace(day=1), -count)
            return PartialDate(first, Precision.MONTH), None, True
        if unit.startswith(("minggu", "pekan", "week")):  # that calendar week
            monday = ref - dt.timedelta(days=ref.weekday(), weeks=count)
            return (
                PartialDate(monday, Precision.DAY),
                PartialDate(monday + dt.timedelta(days=6), Precision.DAY),
                True,
            )
        return PartialDate(ref - dt.timedelta(days=count), Precision.DAY), None, True

    def _parse(self, core: str) -> PartialDate | None:
        try:
            return parse_absolute(core, self.language)
        except Exception:
            return None

    @staticmethod
    def _day(year: int, month: int, day: int) -> PartialDate | None:
        try:
            return PartialDate(dt.date(year, month, day), Precision.DAY)
        except ValueError:
            return None


@lru_cache(maxsize=2)  # find_dates runs twice on one text: once for a reference
def _raw_matches(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), kind, m))
    # the longest span wins where spans overlap; then back into text order
    found.sort(key=lambda item: (-(item[1] - item[0]), item[0]))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for item in found:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    kept.sort(key=lambda item: item[0])
    return kept


def find_dates(
    text: str,
    *,
    reference: dt.date | None = None,
    language: str = "id",
    anchors: tuple[dt.date, ...] = (),
) -> list[DateMention]:
    """Every date in ``text`` with its offsets, resolved value and precision.

    ``reference`` (the publication date) resolves "Tuesday", "tahun depan", "in June";
    "that year" takes the year of the closest date written before it.
    ``anchors``: days the page writes outside the text (a score box's match day):
    a bare weekday that falls on one of them within 13 days of the reference is
    that day, not the nearest such weekday.
    """
    resolver = _Resolver(reference, language, anchors)
    mentions: list[DateMention] = []
    for start, end, kind, m in _raw_matches(text):
        if kind == "relative" and _COUNTED.search(text[max(0, start - 20) : start]):
            continue  # "lima tahun ini" is a duration, not this year
        if (
            kind == "relative"
            and text[start].isupper()
            and _IN_TITLE.search(text[max(0, start - 40) : start])
        ):
            continue  # "What’s Trending Today", "Berita Hari Ini": a title's words
        resolver.future = kind in _BARE and _future(text, start, end)
        result = resolver.resolve(kind, m)
        if result is None:
            continue
        value, end_value, relative = result
        if kind == "day_pair":  # two days: "10" and "13 November 2022"
            first = m.group("d1")
            mentions.append(DateMention(start, start + len(first), first, value))
            start, value, end_value = m.start("d2"), end_value or value, None
        span = text[start:end].rstrip(" ,")
        week = (
            end_value is not None
            and value.precision == Precision.DAY
            and (end_value.value - value.value).days == 6
            and value.value.weekday() == 0
            and kind in ("relative", "ago")
        )
        mentions.append(
            DateMention(
                start, start + len(span), span, value, end_value, relative, week=week
            )
        )
        if not relative:
            resolver.context_year = (end_value or value).value.year
    return mentions


def latest_full_date(text: str, language: str = "id") -> dt.date | None:
    """The latest day-precision date written in ``text`` (a stand-in publication
    date when none is known), ignoring dates in the future."""
    today = dt.date.today()
    days = [
        m.value.value
        for m in find_dates(text, language=language)
        if m.value.precision == Precision.DAY and m.value.value <= today
    ]
    return max(days) if days else None
