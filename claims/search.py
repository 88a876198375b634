"""Full-text search over claims: the PostgreSQL query and the text it is built from.

The vector itself is kept in ``claims_claim.search_vector`` by the triggers of
migration 0004 (statement, attribution and claimant names weighted above quotes,
unaccented, stemmed per the claim's language and also kept word for word). A query is
matched word for word against every claim and stemmed against claims in English or
Indonesian, so a reader finds an Indonesian claim from the English UI and the other
way round.
``websearch_to_tsquery`` never raises on user input: quotes, ``&|!`` and other
tsquery syntax are just words.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchQueryCombinable
from django.db import connections
from django.db.models import Func, Q, TextField, Value

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
