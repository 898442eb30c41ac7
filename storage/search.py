"""Folded text kept beside each article and subscription for diacritic-insensitive search.

Rule order:
1. Article text is capped at `MAX_TEXT_CHARS` before anything is derived from it.
2. `search_text` = fold(headline) + "\\n" + fold(text): `Đảng ủy` is stored as `dang uy`.
3. SQL only prefilters with `LIKE '%token%'` (substring, so `an` also hits `ban`); the
   caller confirms whole-word matches with `digest.query` on the candidates.
4. A subscription's duplicate key is its query's canonical form (`digest.query`): queries
   that match the same articles, whatever their order, case or diacritics, are one.
"""

from __future__ import annotations

from digest.query import QueryError, parse_query
from digest.text import fold, folded_words

MAX_TEXT_CHARS = 100_000
LIKE_ESCAPE = "\\"


def cap_text(text: str) -> str:
    """Return `text` cut to the stored maximum length."""
    return text[:MAX_TEXT_CHARS]


def search_text(headline: str, text: str) -> str:
    """Return the folded headline and text as stored for searching."""
    return f"{fold(headline)}\n{fold(text)}"


def like_pattern(token: str) -> str:
    """Return a LIKE pattern finding `token` anywhere, with %, _ and \\ escaped."""
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def query_key(query: str) -> str:
    """Return the duplicate-detection key of a subscription query."""
    try:
        return parse_query(query).canonical
    except QueryError:
        tokens = sorted(set(folded_words(query)))
        return " ".join(tokens) if tokens else fold(" ".join(query.split()))
