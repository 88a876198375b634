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

``sources_like`` and ``source_duplicates`` read the candidates from the database
(a name or alias with a word starting with the first letters of one of the
name's words, from an index on PostgreSQL), ranked by trigram likeness before
any cap, and score them here, best first.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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


def _best(
    names: Iterable[str], theirs: Iterable[str]
) -> tuple[float, str, str, str] | None:
    """The best comparison of any of ``names`` with any of ``theirs``: score,
    reason, the two names compared."""
    best: tuple[float, str, str, str] | None = None
    others = [parse(n) for n in theirs]
    for mine in map(parse, names):
        for other in others:
            score, reason = compare(mine, other)
            if score and (best is None or score > best[0]):
                best = (score, reason, mine.text, other.text)
    return best


def best_likeness(names: Iterable[str], source: Source) -> Likeness | None:
    """The best comparison of any of ``names`` with any of ``source``'s names."""
    best = _best(names, names_of(source))
    return None if best is None else Likeness(source, *best)


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


def _forms(names: Iterable[str]) -> list[str]:
    """What candidates are ranked against: each name as written and normalised
    ("liputan6.com" also as "liputan6"), and a known nickname's full name."""
    forms: set[str] = set()
    for name in names:
        parsed = parse(name)
        forms.update({name.strip(), " ".join(parsed.words)})
        full = KNOWN_NICKNAMES.get(parsed.compact)
        if full:
            forms.add(full)
    return sorted(f for f in forms if f)


def _alike(text: str, forms: list[str]) -> float:
    """pg_trgm's ranking below, in Python (the fallback for SQLite): the best
    trigram similarity of ``text`` to any of ``forms``."""
    words = " ".join(parse(text).words)
    return max(trigram_similarity(words, form) for form in forms)


def _ranked_candidates(
    names: list[str], *, exclude: list[int], candidates: int
) -> list[int]:
    """Ids of the sources worth scoring for ``names``, the most alike first, at
    most ``candidates`` (an alias's source may be archived: the caller drops it).

    A candidate has a name or an alias with a word that starts with a probe
    (``probes``). On PostgreSQL the names and the aliases are asked apart, each
    from its GIN index of word prefixes (``claimdesk_name_probes``, matching's
    migration 0003: a substring ``LIKE '%RET%'`` per probe, OR-ed and joined to
    the aliases, made the planner scan every source), and each ranked by
    pg_trgm's similarity to the names (or word similarity, so that a name inside
    a longer one ranks high) before the cap: a cap in id order dropped
    "Liputan6" among the many names holding "lip". On SQLite the names and
    aliases containing a probe (``icontains``) are read as (id, name) pairs and
    ranked in Python by the same trigram measure."""
    from django.contrib.postgres.fields import ArrayField
    from django.db import connection
    from django.db.models import Func, Q, QuerySet, TextField

    from .models import Source, SourceAlias

    found = sorted(set().union(*(probes(n) for n in names)))
    if not found:
        return []
    postgres = connection.vendor == "postgresql"

    def holding(query: QuerySet[Any]) -> QuerySet[Any]:
        """The rows of ``query`` whose name holds a probe."""
        if postgres:
            # a word starting with a probe: matching's migration 0003 indexes
            # this function on both tables
            prefixes = Func(
                "name",
                function="claimdesk_name_probes",
                output_field=ArrayField(TextField()),
            )
            return query.alias(prefixes=prefixes).filter(prefixes__overlap=found)
        return query.filter(
            functools.reduce(operator.or_, (Q(name__icontains=p) for p in found))
        )

    forms = _forms(names)
    by_name = (
        holding(Source.objects.active())
        .exclude(pk__in=exclude)
        .values_list("pk", "name")
    )
    by_alias = (
        holding(SourceAlias.objects.all())
        .exclude(source_id__in=exclude)
        .values_list("source_id", "name")
    )
    best: dict[int, float] = {}
    if postgres:
        from django.contrib.postgres.search import (
            TrigramSimilarity,
            TrigramWordSimilarity,
        )
        from django.db.models.functions import Greatest

        measures = [
            m
            for form in forms
            for m in (
                TrigramSimilarity("name", form),
                TrigramWordSimilarity(form, "name"),
            )
        ]
        likeness = Greatest(*measures)
        for query, key in ((by_name, "pk"), (by_alias, "source_id")):
            rows = (
                query.annotate(likeness=likeness)
                .order_by("-likeness", key)
                .values_list(key, "likeness")[:candidates]
            )
            for pk, score in rows:
                best[pk] = max(score, best.get(pk, 0.0))
    else:
        for query in (by_name, by_alias):
            for pk, name in query:
                best[pk] = max(_alike(name, forms), best.get(pk, 0.0))
    return sorted(best, key=lambda pk: (-best[pk], pk))[:candidates]


def sources_like(
    names: Iterable[str],
    *,
    exclude: Iterable[int] = (),
    limit: int = 10,
    threshold: float = SUGGEST,
    candidates: int = 200,
) -> list[Likeness]:
    """Sources (not archived) whose name or alias is like one of ``names``, best
    first, scored at least ``threshold``.

    The ``candidates`` most alike by trigrams (``_ranked_candidates``) are
    scored by ``compare`` on their names and aliases, read as plain pairs; only
    the ``limit`` found are loaded as sources."""
    from .models import Source, SourceAlias

    names = [n for n in names if n.strip()]
    if not names:
        return []
    ids = _ranked_candidates(names, exclude=list(exclude), candidates=candidates)
    if not ids:
        return []
    theirs: dict[int, list[str]] = {}
    active = Source.objects.active().filter(pk__in=ids)
    for pk, name in active.values_list("pk", "name"):
        theirs[pk] = [name]
    aliases = SourceAlias.objects.filter(source_id__in=ids).order_by("pk")
    for pk, name in aliases.values_list("source_id", "name"):
        if pk in theirs:
            theirs[pk].append(name)
    scored = []
    for pk, their_names in theirs.items():
        best = _best(names, their_names)
        if best is not None and best[0] >= threshold:
            scored.append((pk, best))
    scored.sort(key=lambda found: (-found[1][0], theirs[found[0]][0]))
    scored = scored[:limit]
    sources = Source.objects.prefetch_related("aliases").in_bulk(
        [pk for pk, _found in scored]
    )
    return [Likeness(sources[pk], *best) for pk, best in scored]


def source_duplicates(source: Source, *, limit: int = 10) -> list[Likeness]:
    """Other sources that are likely ``source`` under another name."""
    return sources_like(names_of(source), exclude=[source.pk], limit=limit)
