"""Split a subscription query into terms and `OR` markers; nothing is ever interpreted as code.

Rule order (input is already NFC and whitespace-collapsed):
1. A quote (`"`, `“`, `”`, `„`, `«`, `»`) opens a phrase that the next quote closes; with no
   closing quote the phrase runs to the end and a note says where it was closed.
2. Anything else up to whitespace or a quote is a chunk. The chunk `OR` or `HOẶC` (the word
   the bot echoes in Vietnamese) separates alternatives; so does lowercase `or`/`hoặc`, with a
   note saying so (quote it, `"or"`, to look for the word).
3. Leading dashes (`-`, `−`, `–`) make a chunk an exclusion; a chunk of dashes right before a
   quote makes that phrase an exclusion; a lone dash is ignored with a note.
4. Inside a chunk, characters other than letters, digits, `_` and the joiners `- . / ' ’`
   separate terms and are reported as ignored; letters joined by joiners form one term
   (`covid-19` is the phrase `covid 19`, as article text would be tokenised).
5. A term is its word tokens as matched: a word typed without diacritics is folded (it finds
   `Đảng` too), a word typed with them stays exact (`bão` never finds `báo`; case, Unicode
   form, zero-width characters and old/new tone placement aside, see `digest.text`). A term
   also keeps its exact tokens (for ranking); a piece with no word token yields no term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.text import fold_token, has_marks, tone_normal, words

QUOTES = frozenset('"“”„«»')
DASHES = "-−–"
OR_WORDS = frozenset({"OR", "HOẶC", "HOAC"})
OR_LOWER = frozenset({"or", "hoặc"})
# Anything that is neither a word character, a combining mark nor a joiner splits a chunk.
_SEPARATORS = re.compile(r"[^\w\u0300-\u036f\-./'’]+")


@dataclass(frozen=True, slots=True)
class Note:
    """Something the parser did on the user's behalf: a stable `code`, English `detail`."""

    code: str
    detail: str
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Lexeme:
    """One term (tokens as matched and exact tokens, excluded or not) or an `OR` marker."""

    tokens: tuple[str, ...]
    exact: tuple[str, ...]
    negated: bool = False
    is_or: bool = False


OR_MARKER = Lexeme(tokens=(), exact=(), is_or=True)


def lex(text: str) -> tuple[list[Lexeme], list[Note]]:
    """Split normalised query `text` into lexemes and the notes made on the way."""
    lexemes: list[Lexeme] = []
    notes: list[Note] = []
    ignored: list[str] = []
    negate_next = False
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            negate_next = False
        elif text[i] in QUOTES:
            i = _quoted(text, i, negated=negate_next, out=lexemes, notes=notes)
            negate_next = False
        else:
            end = _chunk_end(text, i)
            negate_next = _chunk(
                text[i:end],
                before_quote=end < len(text) and text[end] in QUOTES,
                out=lexemes,
                notes=notes,
                ignored=ignored,
            )
            i = end
    if ignored:
        notes.append(_ignored_note(ignored))
    return lexemes, notes


def visible(text: str) -> str:
    """Return `text` without invisible characters, which could reorder a reply (RTL marks)."""
    return "".join(ch for ch in text if ch.isprintable())


def _ignored_note(ignored: list[str]) -> Note:
    """Say which characters only separated words, never echoing invisible ones."""
    chars = visible("".join(dict.fromkeys(ignored)))
    hidden = any(not ch.isprintable() for ch in ignored)
    shown = " ".join(chars)
    if chars and hidden:
        detail = f"ignored the characters {shown} and some invisible formatting characters"
    elif chars:
        detail = f"ignored the characters {shown}"
    else:
        detail = "ignored some invisible formatting characters"
    return Note("ignored_characters", detail, chars)


def _chunk_end(text: str, start: int) -> int:
    """Return the index just past the chunk starting at `start`."""
    end = start
    while end < len(text) and not text[end].isspace() and text[end] not in QUOTES:
        end += 1
    return end


def _quoted(text: str, start: int, *, negated: bool, out: list[Lexeme], notes: list[Note]) -> int:
    """Read the phrase opened at `start`, append it, and return the index after it."""
    close = next((j for j in range(start + 1, len(text)) if text[j] in QUOTES), -1)
    body = text[start + 1 :] if close < 0 else text[start + 1 : close]
    if close < 0:
        shown = visible(body).strip()
        notes.append(
            Note("unbalanced_quote", f"closed the quote after “{shown}” at the end", shown)
        )
    term = _term(body, negated=negated)
    if term is not None:
        out.append(term)
    return len(text) if close < 0 else close + 1


def _chunk(
    chunk: str, *, before_quote: bool, out: list[Lexeme], notes: list[Note], ignored: list[str]
) -> bool:
    """Append the terms of one chunk; return True when it negates the phrase that follows."""
    if chunk in OR_WORDS or chunk in OR_LOWER:
        if chunk in OR_LOWER:
            notes.append(Note("lower_or", f"read “{chunk}” as OR", chunk))
        out.append(OR_MARKER)
        return False
    body = chunk.lstrip(DASHES)
    negated = body != chunk
    if not body:
        if before_quote:
            return True
        notes.append(Note("dangling_minus", "ignored a “-” with no word right after it", chunk))
        return False
    ignored.extend("".join(_SEPARATORS.findall(body)))
    for piece in _SEPARATORS.split(body):
        term = _term(piece, negated=negated)
        if term is not None:
            out.append(term)
    return False


def _term(piece: str, *, negated: bool) -> Lexeme | None:
    """Return the term made of the word tokens of `piece`, or None when it has none."""
    exact = tuple(map(tone_normal, words(piece)))
    matched = tuple(part for token in exact for part in _as_matched(token))
    if not matched:
        return None
    return Lexeme(tokens=matched, exact=exact, negated=negated)


def _as_matched(token: str) -> tuple[str, ...]:
    """Keep a token typed with diacritics exact; fold one typed without them."""
    folded = fold_token(token)
    return (token,) if has_marks(token) and len(folded) == 1 else folded
