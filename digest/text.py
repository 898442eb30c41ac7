"""Text normalisation shared by matching and storage.

Folding rule order: NFC → NFD → drop combining marks → `đ`/`Đ` → `d` → lowercase.
Folding makes `Đảng ủy` and `dang uy` equal, which is what a user typing without
diacritics expects.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+")


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
    return _WORD.findall(nfc(text).lower())


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
