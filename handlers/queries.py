"""Say, in the member's language, what a query was understood as or why it was refused."""

from __future__ import annotations

from digest.query import Query, QueryError, Term
from handlers.texts import t


def _term(term: Term) -> str:
    return f'"{" ".join(term)}"' if len(term) > 1 else term[0]


def describe(query: Query, *, lang: str) -> str:
    """Render what a query looks for: `a + "b c" −d` alternatives joined by OR."""
    joiner = " HOẶC " if lang == "vi" else " OR "
    parts = []
    for group in query.groups:
        wanted = " + ".join(_term(term) for term in group.required)
        unwanted = " ".join(f"−{_term(term)}" for term in group.excluded)
        parts.append(f"{wanted} {unwanted}".strip())
    return joiner.join(parts)


def query_error(error: QueryError, *, lang: str) -> str:
    """Explain why a query was refused, in the member's language."""
    if lang == "en":
        return error.detail
    return t("vi", f"query_{error.code}", **error.params)


def understood(query: Query, *, lang: str) -> str:
    """Return a line saying how an unusual query was read, or "" for a plain one."""
    plain = len(query.groups) == 1 and not query.groups[0].excluded
    plain = plain and all(len(term) == 1 for term in query.groups[0].required)
    if plain and not query.notes:
        return ""
    return t(lang, "understood", describe=describe(query, lang=lang))
