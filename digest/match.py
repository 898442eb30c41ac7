"""Keyword queries: parse what a member typed and match it against article text.

Rule order:
1. A query is split into word tokens on anything that is not a letter or digit, so
   markup and punctuation a user types are ignored, never interpreted.
2. Tokens are folded (diacritics dropped, `đ` → `d`, lowercased).
3. An article matches when every query token occurs as a whole token of the article's
   folded text: `an` does not match inside `ban`.
"""

from __future__ import annotations

from dataclasses import dataclass

from digest.text import folded_words

MAX_QUERY_CHARS = 64


class QueryError(ValueError):
    """A query that cannot be used, with a plain-language reason."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed keyword query: the folded tokens that must all occur."""

    text: str
    tokens: tuple[str, ...]


def parse_query(text: str) -> Query:
    """Parse a member's keywords into a `Query` or raise `QueryError` saying why."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise QueryError("empty")
    if len(cleaned) > MAX_QUERY_CHARS:
        raise QueryError("too_long")
    tokens = tuple(dict.fromkeys(folded_words(cleaned)))
    if not tokens:
        raise QueryError("no_words")
    return Query(text=cleaned, tokens=tokens)


def matches(query: Query, folded_tokens: frozenset[str]) -> bool:
    """Tell whether every token of `query` occurs in an article's folded token set."""
    return all(token in folded_tokens for token in query.tokens)


def token_set(text: str) -> frozenset[str]:
    """Return the folded whole-word token set of `text`, ready for `matches`."""
    return frozenset(folded_words(text))
