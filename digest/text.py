"""Text normalisation shared by matching and storage.

Folding rule order: NFC → NFD → drop combining marks → `đ`/`Đ` → `d` → lowercase.
Folding makes `Đảng ủy` and `dang uy` equal, which is what a user typing without
diacritics expects.

Exact-token rule order (for words a member typed with diacritics): NFC → zero-width
characters removed (`gi\u200bá` is `giá`) → lowercase → the tone mark of a syllable ending
in `oa`, `oe` or `uy` (not `quy`) put on its first vowel, the spelling most sites use (`hoà`
→ `hòa`, `thuỷ` → `thủy`), since Vietnamese sites print both spellings of one word.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+")
# Characters that join a word invisibly: removed, never a word break.
# (A regex, not str.translate: translate looks up every character and costs ~15× more.)
_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_NEW_TONE = re.compile(f"(o)([ae])([{_TONE_MARKS}])$|(?<!q)(u)(y)([{_TONE_MARKS}])$")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC form."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Return `text` lowercased with diacritics removed and `đ` mapped to `d`."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def words(text: str) -> list[str]:
    """Split NFC-lowercased `text` into Unicode word tokens (syllables for Vietnamese)."""
    return _WORD.findall(drop_zero_width(nfc(text)).lower())


def drop_zero_width(text: str) -> str:
    """Return `text` without the invisible characters that join a word (`gi\u200bá`)."""
    return _ZERO_WIDTH.sub("", text)


def has_marks(token: str) -> bool:
    """Tell whether a lowercase word token carries diacritics (or `đ`), i.e. folding changes it."""
    return fold_token(token) != (token,)


@lru_cache(maxsize=1 << 16)
def tone_normal(token: str) -> str:
    """Return a lowercase NFC syllable with its tone mark where most sites put it (`hòa`)."""
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFD", token)
    moved = _NEW_TONE.sub(_move_tone, decomposed)
    return token if moved == decomposed else nfc(moved)


def _move_tone(match: re.Match[str]) -> str:
    """Put the tone mark of a `oà`/`oè`/`uỳ` on the first vowel."""
    first, last, tone = (g for g in match.groups() if g is not None)
    return f"{first}{tone}{last}"


def folded_words(text: str) -> list[str]:
    """Split folded `text` into word tokens."""
    return [part for token in words(text) for part in fold_token(token)]


@lru_cache(maxsize=1 << 16)
def fold_token(token: str) -> tuple[str, ...]:
    """Fold one word token into the word tokens it becomes (almost always exactly one)."""
    # Cached per token: an article repeats few distinct words and the vocabulary is
    # shared across articles, so folding each token once is far cheaper than folding the
    # whole text (a Python-level pass over every character).
    return tuple(map(sys.intern, _WORD.findall(fold(token))))
