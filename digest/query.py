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
5. `canonical` sorts terms and alternatives, so `Đảng ủy`, `dang uy` and `UY  DANG` are equal.

Matching rule order (on a `Doc` made once per article by `make_doc`):
1. The article is split into whole `\\w+` tokens (`an` never matches inside `ban`), each kept
   twice, aligned: folded (`digest.text.fold`: diacritics dropped, `đ`→`d`, lowercased) and
   exact (NFC-lowercased, tone placement normalised, see `digest.text`).
2. A query word typed without diacritics matches a folded token (`bao` finds `bão`, `báo`);
   one typed with diacritics matches only the same exact token (`bão` never finds `báo`).
3. A word term matches when its token occurs; a phrase when its tokens occur consecutively,
   each compared as rule 2 says (punctuation between them is ignored, as in tokenising).
4. An alternative matches when all its required terms match and none of its exclusions does;
   the query matches when any alternative does.
5. `score` is 0 without a match, else 1 + the number of the query's exact (diacritic-bearing,
   NFC-lowercased) required tokens found verbatim, so among articles matching `ban` those
   spelling a word as typed rank first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

from digest.querylex import Lexeme, Note, lex
from digest.text import drop_zero_width, fold_token, has_marks, nfc, tone_normal, words

MAX_QUERY_CHARS = 64
MAX_TERMS = 8

Term = tuple[str, ...]

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


@dataclass(frozen=True, slots=True, eq=False)
class Doc:
    """An article prepared for matching: folded tokens in order, their set, adjacent folded
    pairs (`"dang uy"`, for two-word phrases), the exact tokens aligned with the folded ones
    and their set, and every key at once (`keys`: folded and exact tokens and pairs)."""

    tokens: tuple[str, ...]
    token_set: frozenset[str]
    bigrams: frozenset[str]
    keys: frozenset[str]
    exact: frozenset[str]
    exact_tokens: tuple[str, ...] = ()


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


def make_doc(text: str) -> Doc:
    """Prepare article `text` (headline and body joined by the caller) for matching."""
    # `fold_token` and `tone_normal` are cached and `fold_token` returns interned tokens
    # (like the index's keys), so this runs at C speed and later lookups compare pointers.
    exact = list(map(tone_normal, words(text)))
    folded = list(map(fold_token, exact))
    tokens = tuple(chain.from_iterable(folded))
    if len(tokens) != len(exact):  # a word folded into several tokens: align them
        exact = [e if len(f) == 1 else p for e, f in zip(exact, folded, strict=True) for p in f]
    token_set, exact_set = frozenset(tokens), frozenset(exact)
    bigrams = frozenset(map(" ".join, pairwise(tokens)))
    # Pairs for phrases typed with diacritics on both words or on one of them (`giá vàng`,
    # `công an`, `gia vàng`); a pair holding a mark never equals a folded one, so `keys`
    # holds them all and a two-word phrase, however typed, is one lookup.
    pairs = frozenset(
        chain(
            map(" ".join, pairwise(exact)),
            map(" ".join, zip(exact, tokens[1:], strict=False)),
            map(" ".join, zip(tokens, exact[1:], strict=False)),
        )
    )
    return Doc(
        tokens=tokens,
        token_set=token_set,
        bigrams=bigrams,
        keys=token_set | bigrams | exact_set | pairs,
        exact=exact_set,
        exact_tokens=tuple(exact),
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


def has_term(term: Term, doc: Doc) -> bool:
    """Tell whether the word or consecutive phrase `term` occurs in `doc`."""
    if len(term) == 1:
        return term[0] in doc.keys  # folded and exact tokens never clash (see `exact_marks`)
    if len(term) == 2:
        return bigram(*term) in doc.keys  # folded, exact or mixed: see `make_doc`
    marks = exact_marks(term)
    if all(marks):
        return _has_phrase(doc.exact_tokens, term)
    if not any(marks):
        return _has_phrase(doc.tokens, term)
    return _has_mixed_phrase(doc, term, marks)


@lru_cache(maxsize=1 << 12)
def exact_marks(term: Term) -> tuple[bool, ...]:
    """Tell, per token of `term`, whether it must match exactly (it carries diacritics).

    A folded token never carries diacritics, so such a token can never equal a folded one.
    """
    return tuple(map(has_marks, term))


def _has_phrase(tokens: tuple[str, ...], term: Term) -> bool:
    """Tell whether `term` occurs as consecutive `tokens`."""
    first, size, at = term[0], len(term), -1
    while True:
        try:
            at = tokens.index(first, at + 1)  # C-speed scan; long phrases are rare
        except ValueError:
            return False
        if tokens[at : at + size] == term:
            return True


def _has_mixed_phrase(doc: Doc, term: Term, marks: tuple[bool, ...]) -> bool:
    """Tell whether `term`, some tokens exact and some folded, occurs consecutively."""
    columns = [doc.exact_tokens if mark else doc.tokens for mark in marks]
    first, size, at = term[0], len(term), -1
    while True:
        try:
            at = columns[0].index(first, at + 1)
        except ValueError:
            return False
        pairs = enumerate(zip(columns, term, strict=True))
        if at + size <= len(doc.tokens) and all(col[at + i] == tok for i, (col, tok) in pairs):
            return True


def bigram(first: str, second: str) -> str:
    """Return the key of two adjacent tokens; tokens never hold spaces, so keys never clash."""
    return f"{first} {second}"


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
