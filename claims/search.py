"""Full-text search over claims: the PostgreSQL query and the text it is built from.

The vector itself is kept in ``claims_claim.search_vector`` by the triggers of
migration 0004 (statement, attribution and claimant names weighted above quotes,
unaccented, stemmed per the claim's language and also kept word for word), with
0035's tag names in every language, verdict summary and translations (each stemmed
in its own language and kept word for word). A query is
matched word for word against every claim and stemmed against claims in English or
Indonesian, so a reader finds an Indonesian claim from the English UI and the other
way round.
``websearch_to_tsquery`` never raises on user input: quotes, ``&|!`` and other
tsquery syntax are just words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchQueryCombinable
from django.db import connections
from django.db.models import Func, Q, TextField, Value
from django.db.models.functions import Upper

#: How long a search may be; longer input is cut, not refused.
MAX_SEARCH_LENGTH = 200

#: Languages with a stemming configuration (see migration 0004); others use "simple".
STEMMED_CONFIGS = {"en": "english", "id": "indonesian"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_search_text(text: str | None) -> str:
    """What is left of a reader's search after dropping control characters (NUL
    cannot reach PostgreSQL) and collapsing whitespace, cut to a sane length."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:MAX_SEARCH_LENGTH]


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def _language_is(code: str) -> Q:
    return Q(language__iexact=code) | Q(language__istartswith=f"{code}-")


def either(texts: list[str]) -> str:
    """One ``websearch_to_tsquery`` text matching any of ``texts``: "a b OR c d"
    is (a & b) | (c & d), so an expansion costs one index scan, not one per text."""
    return " OR ".join(texts)


class ParsedQuery(SearchQuery):
    """A tsquery parsed beforehand (``parse_queries``), sent as a constant:
    ``'inflat'::tsquery``.

    Written as ``websearch_to_tsquery(config, unaccent(text))`` the query is
    evaluated again for every row the plan tests (``unaccent`` is stable, not
    immutable): a common term walks the newest-first index and tests some 2,000
    rows for one page at a million claims, and parsing three queries per row was
    two thirds of its time. As an InitPlan it is parsed once, but then the planner
    cannot see the words and guesses one selectivity for every term, walking the
    whole index for a rare one. A constant gives it both."""

    def __init__(self, tsquery: str) -> None:
        super().__init__(Value(tsquery))
        self.tsquery = tsquery

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, *args: Any, **extra: Any
    ) -> Any:
        return "%s::tsquery", [self.tsquery]


@functools.lru_cache(maxsize=2048)
def parse_queries(text: str, alias: str) -> tuple[str, ...]:
    """``text`` parsed as a web search in each configuration (``simple``, then
    ``STEMMED_CONFIGS``'), unaccented, by the database ``alias``: one round trip,
    kept per process (parsing depends on nothing but the text)."""
    configs = ["simple", *STEMMED_CONFIGS.values()]
    columns = ", ".join(
        "websearch_to_tsquery(%s::regconfig, unaccent(%s))::text" for _ in configs
    )
    params: list[str] = []
    for config in configs:
        params += [config, text]
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {columns}", params)
        return tuple(cursor.fetchone())


def claim_search(text: str, alias: str) -> tuple[Q, SearchQueryCombinable]:
    """The condition matching ``text`` and the query to rank matches with.

    Word for word (``simple``) against every claim, and stemmed against the claims in
    a language with a stemmer, each with its own parse of ``text``: a claim's vector
    holds its own language's stems plus its plain words, so ``summit -Hanoi`` means
    the same whatever language the claim is in. Each branch can use the GIN index.
    """
    simple_text, *stemmed_texts = parse_queries(text, alias)
    simple = ParsedQuery(simple_text)
    condition = Q(search_vector=simple)
    rank_query: SearchQueryCombinable = simple
    for code, parsed in zip(STEMMED_CONFIGS, stemmed_texts, strict=True):
        stemmed = ParsedQuery(parsed)
        condition |= Q(search_vector=stemmed) & _language_is(code)
        rank_query = rank_query | stemmed
    return condition, rank_query


# --- Names, aliases, tags and hyphens ---------------------------------------------
# A reader types a name the way they know it: "Korut" for North Korea, "Kim Jong-un"
# for Kim Jong Un, a topic's name. ``expand`` turns the query into the texts to look
# for (itself, and itself with each source it names written each other way that
# source is known by), in a few index lookups (the names and aliases are matched on
# ``UPPER(name)``, which source_name_upper_idx and sourcealias_name_upper_idx
# cover). Tag names, in every language, are in the stored vector (migration 0035),
# so a topic's name, or another name of the source a topic is named after, finds
# the topic's claims through the same index. Hyphens are read as spaces on the
# query's side, and PostgreSQL's parser keeps a hyphenated word's parts ("jong-un"
# also gives "jong" and "un").

#: A hyphen between two letters or digits: "Jong-un", "AS-Korut".
_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011\u2012\u2013](?=\w)")
#: What may wrap a word without being part of a name.
_WRAPPING = "\"'“”‘’«»()[]{}.,;:!?"
#: Names of up to this many words are looked up (the longest alias in the demo has 5).
MAX_NAME_WORDS = 6
#: Names this short are acronyms, matched only as written.
SHORT_NAME = 3
#: At most this many texts are searched for one query.
MAX_VARIANTS = 8
#: A name more sources than this go by ("Johnson") is ambiguous: not expanded.
MAX_SOURCES_PER_NAME = 3


def unhyphenate(text: str) -> str:
    """``text`` with hyphens inside words read as spaces: "Kim Jong-un" → "Kim Jong
    un", which matches "Kim Jong Un" and "Kim Jong-Un" alike."""
    return _HYPHEN.sub(" ", text)


def query_words(text: str) -> list[str]:
    """The words of a query without quotes, punctuation or a leading ``-``."""
    words = (w.strip(_WRAPPING).lstrip("-").strip(_WRAPPING) for w in text.split())
    return [w for w in words if w]


def _phrases(text: str) -> dict[str, str]:
    """Every run of up to ``MAX_NAME_WORDS`` words of ``text``, upper-cased (as
    ``UPPER(name)`` is indexed) → as typed."""
    words = query_words(text)
    found: dict[str, str] = {}
    for size in range(1, MAX_NAME_WORDS + 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            found.setdefault(phrase.upper(), phrase)
    return found


def _replace(text: str, phrase: str, name: str) -> str:
    pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
    return re.sub(pattern, lambda _m: name, text, flags=re.IGNORECASE)


@dataclass(frozen=True)
class Expansion:
    """What one query searches for: ``texts``, the query with hyphens read as
    spaces, then with each source it names written each other way."""

    texts: list[str]


def expand(text: str) -> Expansion:
    """The searches ``text`` stands for (see ``Expansion``)."""
    from claims.models import Source, SourceAlias

    base = unhyphenate(text)
    phrases = {**_phrases(text), **_phrases(base)}
    if not phrases:
        return Expansion([base])
    wanted = list(phrases)
    hits = [
        *SourceAlias.objects.alias(u=Upper("name"))
        .filter(u__in=wanted, source__is_archived=False)
        .values_list("source_id", "name"),
        *Source.objects.alias(u=Upper("name"))
        .filter(u__in=wanted, is_archived=False)
        .values_list("pk", "name"),
    ]
    matched: dict[int, set[str]] = {}
    sources_named: dict[str, set[int]] = {}
    for source_id, name in hits:
        typed = phrases[name.upper()]
        # A short name is an acronym ("UN", "AS", "AA"): only as written, so the
        # "Un" of "Kim Jong Un" is not the United Nations.
        if len(name) <= SHORT_NAME and typed != name:
            continue
        sources_named.setdefault(typed.upper(), set()).add(source_id)
    for typed_upper, source_ids in sources_named.items():
        if len(source_ids) > MAX_SOURCES_PER_NAME:
            continue  # a surname many people share says nothing about which one
        for source_id in source_ids:
            matched.setdefault(source_id, set()).add(phrases[typed_upper])
    # Inside a longer name the query names, a shorter one is part of it, not a name.
    every = {p.upper() for found in matched.values() for p in found}
    for found in matched.values():
        for phrase in list(found):
            if any(
                phrase.upper() != longer and f" {phrase.upper()} " in f" {longer} "
                for longer in every
            ):
                found.discard(phrase)
    matched = {pk: found for pk, found in matched.items() if found}

    texts = [base]
    for source in Source.objects.filter(pk__in=list(matched)).prefetch_related(
        "aliases"
    ):
        names = [source.name, *sorted(alias.name for alias in source.aliases.all())]
        for phrase in matched[source.pk]:
            spaced = unhyphenate(phrase)
            for name in names:
                variant = _replace(base, spaced, unhyphenate(name))
                if variant not in texts:
                    texts.append(variant)
    return Expansion(texts[:MAX_VARIANTS])
