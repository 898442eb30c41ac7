"""Tokens and text forms every evaluation metric agrees on.

Syllables are `\\w+` runs of the NFC-normalised, lowercased text, so Vietnamese letters with
diacritics stay whole. `flat` collapses each line's whitespace (non-breaking spaces too) but
keeps the line breaks, so verbatim checks ignore spacing the summariser normalised.
"""

from __future__ import annotations

import re
import unicodedata

_SYLLABLE = re.compile(r"\w+")
_LINE_SPACE = re.compile(r"[^\S\n]+")


def syllables(text: str) -> list[str]:
    """Split `text` into lowercased Unicode word tokens (syllables for Vietnamese)."""
    return _SYLLABLE.findall(unicodedata.normalize("NFC", text).lower())


def flat(text: str) -> str:
    """Return `text` in NFC with each line's whitespace runs collapsed to one space."""
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n")
    return "\n".join(_LINE_SPACE.sub(" ", line).strip() for line in lines)


def squash(text: str) -> str:
    """Return `text` in NFC, casefolded, with all whitespace (newlines too) made one space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
