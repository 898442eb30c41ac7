"""An article prepared for query matching: its tokens, folded and exact, and its keys.

Rule order (on a `Doc` made once per article by `make_doc`; the query side is
`digest.query`):
1. The article is split into whole `\\w+` tokens (`an` never matches inside `ban`), each kept
   twice, aligned: folded (`digest.text.fold`: diacritics dropped, `đ`→`d`, lowercased) and
   exact (NFC-lowercased, tone placement normalised, see `digest.text`).
2. A query word typed without diacritics matches a folded token (`bao` finds `bão`, `báo`);
   one typed with diacritics matches only the same exact token (`bão` never finds `báo`).
3. A word term matches when its token occurs; a phrase when its tokens occur consecutively,
   each compared as rule 2 says (punctuation between them is ignored, as in tokenising).
4. `keys` holds every folded and exact token and each adjacent pair in every spelling a
   member could type (folded, exact, or one word of each), so a word or a two-word phrase is
   one set lookup; longer phrases scan the token columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

from digest.text import fold_token, has_marks, tone_normal, words

Term = tuple[str, ...]


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
