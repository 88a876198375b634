"""Telling when two sources are the same one: "Retno Marsudi" and "Retno L.P.
Marsudi", "Jokowi" and "Joko Widodo", "liputan6.com" and "Liputan6".

Each name (a source's name and each of its aliases) is normalised: accents, case
and punctuation dropped, titles ("Presiden", "Menlu", "Dr.") removed, a web
address reduced to its site name. Two names then compare by the first rule that
holds, each with a score and a reason a person can check:

- the same name once normalised (1.0), or a web address of that name (0.95);
- a known nickname (``KNOWN_NICKNAMES``, a small table: 0.95);
- the same name apart from initials ("Retno L.P. Marsudi": 0.9);
- a nickname made of the name's syllables in order ("Jokowi" = Jo-ko Wi-dodo,
  "Gibran" no: 0.85);
- the initials of the name ("SBY", "AS" for Amerika Serikat: 0.8);
- all the words of one name within the other ("Joko Widodo" in "Presiden RI Joko
  Widodo": 0.75; one long word: 0.6);
- a similar spelling (character-trigram overlap of at least 0.45, as pg_trgm
  measures it, with words starting alike: "Marsudi" and "Marsoedi", not "Kim
  Jong Un" and "Kim Jong Il").

``Source.objects.similar_to(name)`` narrows the sources to candidates in the
database (a word's first letters, by name or alias); ``sources_like`` and
``source_duplicates`` score them here, best first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Source

#: The score from which a pair is suggested to the desk as the same source.
SUGGEST = 0.6

#: Titles and honorifics that say nothing about who someone is.
TITLES = frozenset({
    "presiden", "president", "wakil", "menteri", "menlu", "menkes", "menkeu",
    "minister", "ir", "dr", "drs", "prof", "h", "hj", "kh", "mr", "mrs", "ms", "sir",
    "bapak", "pak", "ibu", "bu", "gubernur", "governor", "senator", "rep", "sen",
    "the", "ri",
})  # fmt: skip

#: Nicknames no rule can derive (normalised, both ways). Data, not a rule: add
#: to it as the desk meets them.
KNOWN_NICKNAMES = {
    "sby": "susilo bambang yudhoyono",
    "ahok": "basuki tjahaja purnama",
    "gusdur": "abdurrahman wahid",
    "mega": "megawati soekarnoputri",
    "bamsoet": "bambang soesatyo",
    "kangemil": "ridwan kamil",
    "korut": "korea utara",
    "dprk": "north korea",
    "as": "amerika serikat",
    "us": "united states",
    "pbb": "perserikatan bangsa bangsa",
    "un": "united nations",
}

_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\.)?(?P<site>[a-z0-9-]+)(?:\.[a-z]{2,12})+/?$"
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Name:
    """A name as compared: its words (titles dropped), whether it was a web
    address, the words run together (``compact``) and the words but initials
    ("l", "p" of "L.P.": ``core``)."""

    text: str
    words: tuple[str, ...]
    is_domain: bool
    compact: str = ""
    core: tuple[str, ...] = ()

    @classmethod
    def of(cls, text: str, words: tuple[str, ...], is_domain: bool) -> Name:
        core = tuple(w for w in words if len(w) > 1)
        return cls(text, words, is_domain, "".join(words), core)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Name:
    folded = _fold(text.strip())
    site = _DOMAIN.match(folded)
    if site and "." in folded:
        return Name.of(text, (site["site"].replace("-", ""),), True)
    words = [w for w in _WORD.findall(folded.replace("&", " and "))]
    kept = tuple(w for w in words if w not in TITLES) or tuple(words)
    return Name.of(text, kept, False)


def _syllables(nick: str, words: tuple[str, ...], start: int = 0) -> bool:
    """Whether ``nick`` is made of a prefix (two letters or more) of each of at
    least two of ``words``, in order."""
    if not nick:
        return start >= 2
    for j in range(start, len(words)):
        word = words[j]
        for n in range(min(len(word), len(nick)), 1, -1):
            if nick.startswith(word[:n]) and _syllables(nick[n:], words, j + 1):
                return True
    return False


def _syllable_nickname(a: Name, b: Name) -> bool:
    if len(a.words) != 1 or len(a.compact) < 4 or len(b.core) < 2:
        return False
    nick = a.compact
    return nick != b.core[0] and _syllables(nick, b.core) and nick[0] == b.core[0][0]


@functools.lru_cache(maxsize=4096)
def _trigrams(text: str) -> frozenset[str]:
    padded = f"  {text} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity of two strings: shared trigrams over all trigrams."""
    x, y = _trigrams(a), _trigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def compare(a: Name, b: Name) -> tuple[float, str]:
    """How alike two names are (0 to 1) and why; (0, "") when unalike."""
    if not a.compact or not b.compact:
        return 0.0, ""
    if a.compact == b.compact:
        if a.is_domain != b.is_domain:
            return 0.95, _("a web address of the same name")
        return 1.0, _("the same name, ignoring case, accents and punctuation")
    for x, y in ((a, b), (b, a)):
        known = KNOWN_NICKNAMES.get(x.compact)
        if known and known.replace(" ", "") == y.compact:
            return 0.95, _("a known nickname")
    if len(a.core) >= 2 and a.core == b.core:
        return 0.9, _("the same name apart from initials")
    for x, y in ((a, b), (b, a)):
        if _syllable_nickname(x, y):
            return 0.85, _("a nickname made of the name's syllables")
    for x, y in ((a, b), (b, a)):
        if (
            len(x.words) == 1
            and 2 <= len(x.compact) <= 5
            and len(y.core) >= 2
            and x.compact == "".join(w[0] for w in y.core)
        ):
            return 0.8, _("the initials of the name")
    for x, y in ((a, b), (b, a)):
        if x.core and set(x.core) < set(y.core):
            if len(x.core) >= 2:
                return 0.75, _("one name contains the other")
            if len(x.core[0]) >= 5 and not x.is_domain:
                return 0.6, _("shares the word “%(word)s”") % {"word": x.core[0]}
    similarity = trigram_similarity(" ".join(a.words), " ".join(b.words))
    same_initials = [w[0] for w in a.core] == [w[0] for w in b.core]
    if similarity >= 0.45 and same_initials and len(a.compact) >= 6:
        return min(0.85, 0.3 + 0.6 * similarity), _(
            "a similar spelling (trigram similarity %(s).2f)"
        ) % {"s": similarity}
    return 0.0, ""


@dataclass(frozen=True)
class Likeness:
    """A source found like another: the score, the reason, the two names
    compared."""

    source: Source
    score: float
    reason: str
    name: str
    other_name: str


def names_of(source: Source) -> list[str]:
    """A source's name and its aliases (from a prefetch when there is one)."""
    return [source.name, *(a.name for a in source.aliases.all())]


def best_likeness(names: Iterable[str], source: Source) -> Likeness | None:
    """The best comparison of any of ``names`` with any of ``source``'s names."""
    best: Likeness | None = None
    theirs = [parse(n) for n in names_of(source)]
    for mine in map(parse, names):
        for other in theirs:
            score, reason = compare(mine, other)
            if score and (best is None or score > best.score):
                best = Likeness(source, score, reason, mine.text, other.text)
    return best


def probes(name: str) -> set[str]:
    """What a candidate's name or alias must contain to be scored: the first
    three letters of each word of ``name`` (and of a known nickname's full
    name), or the whole word when shorter."""
    parsed = parse(name)
    words = list(parsed.core or parsed.words)
    for nick, full in KNOWN_NICKNAMES.items():
        if parsed.compact == nick:
            words += full.split()
        elif parsed.compact == full.replace(" ", ""):
            words.append(nick)
    return {w[:3] for w in words if w}


def sources_like(
    names: Iterable[str],
    *,
    exclude: Iterable[int] = (),
    limit: int = 10,
    threshold: float = SUGGEST,
    candidates: int = 500,
) -> list[Likeness]:
    """Sources (not archived) whose name or alias is like one of ``names``, best
    first, scored at least ``threshold``. At most ``candidates`` rows are read."""
    from .models import Source

    names = [n for n in names if n.strip()]
    if not names:
        return []
    found: dict[int, Likeness] = {}
    pool = Source.objects.none()
    for name in names:
        pool = pool | Source.objects.similar_to(name)
    rows = (
        Source.objects.filter(pk__in=pool.values("pk"))
        .exclude(pk__in=list(exclude))
        .prefetch_related("aliases")
        .order_by("pk")[:candidates]
    )
    for source in rows:
        like = best_likeness(names, source)
        if like is not None and like.score >= threshold:
            found[source.pk] = like
    ranked = sorted(found.values(), key=lambda x: (-x.score, x.source.name))
    return ranked[:limit]


def source_duplicates(source: Source, *, limit: int = 10) -> list[Likeness]:
    """Other sources that are likely ``source`` under another name."""
    return sources_like(names_of(source), exclude=[source.pk], limit=limit)
