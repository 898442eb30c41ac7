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

SAMPLE_CHARS = 1_000

_VI_ONLY = (
    "ăđơư"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ĂĐƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)
# Counting with regexes keeps the per-character work in C: a 5,000-character sample would
# otherwise cost more than the rest of the summary.
_NON_LATIN = re.compile(
    r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"
)
_VI_LETTER = re.compile(f"[{_VI_ONLY}]")
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """Return 'vi', 'en' or 'other' for `text`, without any model or network."""
    sample = unicodedata.normalize("NFC", text[: SAMPLE_CHARS * 2])[:SAMPLE_CHARS]
    non_latin = sum(map(len, _NON_LATIN.findall(sample)))
    vietnamese = len(_VI_LETTER.findall(sample))
    if not non_latin and vietnamese and vietnamese >= 0.015 * len(sample):
        return "vi"  # rules 1-3 hold whatever the letter count, which is costly to take
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return "other"
    if non_latin * 2 > letters:
        return "other"
    if vietnamese >= 0.015 * letters:
        return "vi"
    tokens = [token.lower() for token in _WORD.findall(sample)]
    if sum(1 for token in tokens if token in VI_PLAIN_WORDS) >= 0.12 * len(tokens):
        return "vi"
    if sum(1 for token in tokens if token in EN_FUNCTION_WORDS) >= 0.12 * len(tokens):
        return "en"
    return "other"
