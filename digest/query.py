"""The subscription query language: parse what a member typed, match it against articles.

Parsing rule order:
1. NFC, zero-width characters removed, whitespace collapsed; nothing left → `empty`; over
   `MAX_QUERY_CHARS` → `too_long`.
2. Lexing (see `digest.querylex`): quoted phrases, `-` exclusions, `OR`, word terms; markup,
   emoji and other symbols only separate words and are reported in `Query.notes`.
3. `OR` splits the terms into alternatives; AND binds tighter (`a b OR c` = (a AND b) OR c).
   An `OR` with nothing on one side is dropped with a note.
4. No term at all → `no_words`; an alternative with only exclusions → `only_exclusions`; an
   exclusion that a required term contains → `contradiction`; more than `MAX_TERMS` distinct
   terms → `too_many_terms`. Repeated terms and repeated alternatives count once.
5. `canonical` sorts terms and alternatives, so `Đảng ủy`, `ĐẢNG  ỦY` and `uỷ Đảng` are equal
   (`dang uy`, which finds more, is another query).

Matching (on a `Doc` made once per article, see `digest.querydoc` for its rules): an
alternative matches when all its required terms occur and none of its exclusions does; the
query matches when any alternative does; `score` is 0 without a match, else 1 + the number
of the query's diacritic-bearing required tokens found verbatim, so among articles matching
`ban` those spelling a word as typed rank first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from digest.querydoc import Doc, Term, bigram, exact_marks, has_term, make_doc
from digest.querylex import Lexeme, Note, lex
from digest.text import drop_zero_width, fold_token, has_marks, nfc

MAX_QUERY_CHARS = 64
MAX_TERMS = 8


__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "Doc",
    "Group",
    "Note",
    "Query",
    "QueryError",
    "Term",
    "bigram",
    "exact_marks",
    "group_matches",
    "has_term",
    "make_doc",
    "matches",
    "parse_query",
    "required_tokens",
    "score",
]


class QueryError(ValueError):
    """A query that cannot be used: a stable `code`, an English `detail`, values for it."""

    def __init__(self, code: str, detail: str, **params: int | str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.params = params


@dataclass(frozen=True, slots=True)
class Group:
    """One alternative: every required term must occur and no excluded term may."""

    required: tuple[Term, ...]
    excluded: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: tidied text, canonical form, alternatives, exact tokens, notes."""

    text: str
    canonical: str
    groups: tuple[Group, ...]
    exact: tuple[str, ...]
    notes: tuple[Note, ...] = ()

    def describe(self) -> str:
        """Say in plain English what the query looks for."""
        return "; or: ".join(_describe_group(group) for group in self.groups)


def parse_query(text: str) -> Query:
    """Parse a member's query into a `Query` or raise `QueryError` saying why not."""
    cleaned = _tidy(text)
    lexemes, notes = lex(cleaned)
    branches = _split_or(lexemes, notes)
    if not branches:
        raise QueryError("no_words", _no_words_detail(notes))
    groups = _unique_groups(_group(branch, alone=len(branches) == 1) for branch in branches)
    _check_size(groups)
    exact = tuple(
        dict.fromkeys(
            tok
            for lexeme in lexemes
            if not lexeme.negated
            for tok in lexeme.exact
            if has_marks(tok)
        )
    )
    canonical = " OR ".join(sorted(_group_key(group) for group in groups))
    return Query(text=cleaned, canonical=canonical, groups=groups, exact=exact, notes=tuple(notes))


def required_tokens(query: Query) -> tuple[tuple[str, ...], ...]:
    """Return, per alternative, the distinct folded tokens an article must contain."""
    return tuple(
        tuple(
            dict.fromkeys(
                part for term in group.required for tok in term for part in fold_token(tok)
            )
        )
        for group in query.groups
    )


def matches(query: Query, doc: Doc) -> bool:
    """Tell whether any alternative of `query` matches `doc`."""
    return any(group_matches(group, doc) for group in query.groups)


def score(query: Query, doc: Doc) -> int:
    """Rank `doc` for `query`: 0 when it does not match, higher with exact-diacritic tokens."""
    if not matches(query, doc):
        return 0
    return 1 + sum(1 for token in query.exact if token in doc.exact)


def group_matches(group: Group, doc: Doc) -> bool:
    """Tell whether every required term of `group` and none of its exclusions is in `doc`."""
    return all(has_term(term, doc) for term in group.required) and not any(
        has_term(term, doc) for term in group.excluded
    )


def _tidy(text: str) -> str:
    """Return `text` in NFC with whitespace collapsed, refusing it when empty or too long."""
    cleaned = " ".join(drop_zero_width(nfc(text)).split())
    if not cleaned:
        raise QueryError("empty", "The query is empty: type at least one word to look for.")
    if len(cleaned) > MAX_QUERY_CHARS:
        raise QueryError(
            "too_long",
            f"A query can be at most {MAX_QUERY_CHARS} characters long; "
            f"this one has {len(cleaned)}.",
            limit=MAX_QUERY_CHARS,
            length=len(cleaned),
        )
    return cleaned


def _check_size(groups: tuple[Group, ...]) -> None:
    """Refuse more than `MAX_TERMS` distinct terms over all alternatives."""
    count = sum(len(group.required) + len(group.excluded) for group in groups)
    if count > MAX_TERMS:
        raise QueryError(
            "too_many_terms",
            f"A query can have at most {MAX_TERMS} words or phrases; this one has {count}.",
            limit=MAX_TERMS,
            count=count,
        )


def _split_or(lexemes: list[Lexeme], notes: list[Note]) -> list[list[Lexeme]]:
    """Split lexemes on `OR`, dropping (with a note) alternatives left empty."""
    branches: list[list[Lexeme]] = [[]]
    for lexeme in lexemes:
        if lexeme.is_or:
            branches.append([])
        else:
            branches[-1].append(lexeme)
    kept = [branch for branch in branches if branch]
    if kept and len(kept) < len(branches):
        notes.append(Note("dangling_or", "ignored an OR with nothing on one side", "OR"))
    return kept


def _group(branch: list[Lexeme], *, alone: bool) -> Group:
    """Build one alternative, refusing one that looks for nothing or can never match."""
    required = tuple(dict.fromkeys(lexeme.tokens for lexeme in branch if not lexeme.negated))
    excluded = tuple(dict.fromkeys(lexeme.tokens for lexeme in branch if lexeme.negated))
    shown = " ".join("-" + _render(term) for term in excluded)
    if not required and alone:
        raise QueryError(
            "only_exclusions",
            f"The query only says what to leave out ({shown}): add a word to look for.",
            excluded=shown,
        )
    if not required:
        raise QueryError(
            "only_exclusions",
            f"Each side of OR needs a word to look for; “{shown}” only says what to leave out.",
            excluded=shown,
        )
    for out in excluded:
        clash = next((term for term in required if _contains(term, out)), None)
        if clash is not None:
            raise QueryError(
                "contradiction",
                f"Nothing could ever match: “{' '.join(clash)}” is required but "
                f"-“{' '.join(out)}” excludes it.",
                term=_render(clash),
            )
    return Group(required=required, excluded=excluded)


def _unique_groups(groups: Iterable[Group]) -> tuple[Group, ...]:
    """Return `groups` without alternatives equal up to term order."""
    seen: dict[str, Group] = {}
    for group in groups:
        seen.setdefault(_group_key(group), group)
    return tuple(seen.values())


def _contains(term: Term, part: Term) -> bool:
    """Tell whether `part` occurs as consecutive tokens of `term` (a folded token covers
    its exact spellings: `bão` contains `bao`)."""
    size = len(part)
    return any(all(map(_covers, part, term[at : at + size])) for at in range(len(term) - size + 1))


def _covers(part: str, token: str) -> bool:
    """Tell whether an article holding `token` always holds query token `part` too."""
    return part == token or (not has_marks(part) and fold_token(token) == (part,))


def _render(term: Term) -> str:
    """Show a term: a bare word, or a phrase in straight quotes."""
    return term[0] if len(term) == 1 else '"' + " ".join(term) + '"'


def _group_key(group: Group) -> str:
    """Return the order-independent canonical text of one alternative."""
    required = sorted(_render(term) for term in group.required)
    excluded = sorted("-" + _render(term) for term in group.excluded)
    return " ".join(required + excluded)


def _describe_group(group: Group) -> str:
    """Describe one alternative in plain English."""
    text = "all of: " + ", ".join(_render(term) for term in group.required)
    if group.excluded:
        text += "; none of: " + ", ".join(_render(term) for term in group.excluded)
    return text


def _no_words_detail(notes: list[Note]) -> str:
    """Explain a query with no letters or digits, naming what was ignored."""
    chars = "".join(note.subject for note in notes if note.code == "ignored_characters")
    suffix = f" (ignored {' '.join(chars)})" if chars else ""
    return f"The query has no letters or digits to look for{suffix}: type at least one word."
