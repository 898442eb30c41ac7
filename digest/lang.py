"""Offline language detection: 'vi', 'en' or 'other'.

Rule order on the first `SAMPLE_CHARS` characters (NFC):
1. No letters at all: 'other'.
2. Mostly non-Latin letters (Cyrillic, CJK, Thai, …): 'other'.
3. Letters only Vietnamese uses (ă, đ, ơ, ư and the tone marks French and Spanish lack:
   ạ, ả, ẽ, ộ, …) make up at least 1.5% of the letters: 'vi'.
4. Vietnamese function words written without diacritics ("cua", "duoc", "nguoi") make up
   at least 12% of the words: 'vi'.
5. English function words ("the", "of", "and") make up at least 12% of the words: 'en'.
6. Otherwise 'other'.
"""

from __future__ import annotations

import re
import unicodedata

from digest.lexicon import EN_FUNCTION_WORDS, VI_PLAIN_WORDS

SAMPLE_CHARS = 5_000

_VI_ONLY = frozenset(
    "ăđơư"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ĂĐƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """Return 'vi', 'en' or 'other' for `text`, without any model or network."""
    sample = unicodedata.normalize("NFC", text[: SAMPLE_CHARS * 2])[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "other"
    latin = sum(1 for ch in letters if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff")
    if latin * 2 < len(letters):
        return "other"
    if sum(1 for ch in letters if ch in _VI_ONLY) >= 0.015 * len(letters):
        return "vi"
    tokens = [token.lower() for token in _WORD.findall(sample)]
    if not tokens:
        return "other"
    if sum(1 for token in tokens if token in VI_PLAIN_WORDS) >= 0.12 * len(tokens):
        return "vi"
    if sum(1 for token in tokens if token in EN_FUNCTION_WORDS) >= 0.12 * len(tokens):
        return "en"
    return "other"
