"""Full-text search over claims: the PostgreSQL query and the text it is built from.

The vector itself is kept in ``claims_claim.search_vector`` by the triggers of
migration 0004 (statement, attribution and claimant names weighted above quotes,
unaccented, stemmed per the claim's language and also kept word for word). A query is
matched against it in English, Indonesian and word-for-word at once, so a reader
finds an Indonesian claim from the English UI and the other way round.
``websearch_to_tsquery`` never raises on user input: quotes, ``&|!`` and other
tsquery syntax are just words.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchQueryCombinable
from django.db.models import Func, TextField, Value

#: How long a search may be; longer input is cut, not refused.
MAX_SEARCH_LENGTH = 200

#: Text search configurations the query is parsed with (see migration 0004).
QUERY_CONFIGS = ("english", "indonesian", "simple")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_search_text(text: str | None) -> str:
    """What is left of a reader's search after dropping control characters (NUL
    cannot reach PostgreSQL) and collapsing whitespace, cut to a sane length."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:MAX_SEARCH_LENGTH]


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def claim_search_query(text: str) -> SearchQueryCombinable:
    """The tsquery for ``text``: English, Indonesian or word-for-word, any matches."""
    value = Unaccent(Value(text))
    query: SearchQueryCombinable | None = None
    for config in QUERY_CONFIGS:
        part = SearchQuery(value, config=config, search_type="websearch")
        query = part if query is None else query | part
    assert query is not None
    return query
