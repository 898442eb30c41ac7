"""Near-duplicate detection: the same story published by several feeds.

Rule order:
1. A leading dateline of the lead is dropped: the text before the first spaced dash in its
   first 48 characters when it holds a parenthesis or is in capitals (`(Dân trí) -`,
   `NGHỆ AN -`, `LONDON, March 2 (Reuters) -`), since it names the outlet, not the story.
2. Headline and lead are cut into sentences (and at `:`/`;`); each piece is folded (no
   diacritics, `đ` → `d`, lowercase) and cut into 3-word shingles, so no shingle spans two
   sentences and a clause one outlet appends disturbs only its own shingles. A piece shorter
   than 3 words is one shingle. Shingles are hashed with a stable hash.
3. Similarity is the overlap coefficient `|A ∩ B| / min(|A|, |B|)`, not Jaccard: an outlet
   that adds a clause makes its set a near-superset of the other one, which Jaccard punishes
   (`|A| / |B|` at best) and the overlap coefficient does not.
4. The denominator is never below `MIN_SHINGLES`, so a short text (a bare headline) is not
   "contained" in a long article merely because its few shingles occur there.
5. Figures: the numbers of headline and lead (digit runs not glued to a preceding letter,
   `.`/`,` between digits dropped,
   so `1.200`, `1,200` and `1200` are one number) conflict when each text has a number
   the other lacks. Templated articles (a lottery result, a price table) say the same words
   with other numbers: those are different stories. A text whose numbers are a subset of
   the other's (an outlet adding a clause, or giving no figure) does not conflict.
6. Items whose similarity reaches the threshold are linked; a cluster is a connected
   component of those links (single link), except that a link never joins two clusters
   holding conflicting figures, so a figure-less version cannot bridge two templated ones.
   Clusters keep input order, by first member, and members keep input order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from digest.text import folded_words

SHINGLE_WORDS = 3
MIN_SHINGLES = 8
SAME_STORY = 0.85

T = TypeVar("T")

_DATELINE = re.compile(r"\s*(?P<head>[^\n]{1,48}?)\s*[-–—]+\s+")
_PIECE_END = re.compile(r"[.!?…:;][\"”’»)]*\s+")
# A number not glued to a preceding letter: `G20`, `U23` are names, `10km` is a figure.
_NUMBER = re.compile(r"(?<!\w)\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The hashed word shingles of one story's headline and lead, and its numbers."""

    shingles: frozenset[int]
    numbers: frozenset[str] = frozenset()


def _hash(shingle: tuple[str, ...]) -> int:
    # Python's own str hash changes per process (PYTHONHASHSEED); fingerprints must not.
    digest = hashlib.blake2b(" ".join(shingle).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def strip_dateline(lead: str) -> str:
    """Drop a leading dateline such as `(Dân trí) -` or `HANOI (Reuters) -` from a lead."""
    found = _DATELINE.match(lead)
    if found is None:
        return lead
    head = found.group("head")
    is_caps = head.upper() == head and any(ch.isalpha() for ch in head)
    return lead[found.end() :] if "(" in head or is_caps else lead


def _shingles(text: str) -> Iterable[tuple[str, ...]]:
    for piece in _PIECE_END.split(text):
        tokens = folded_words(piece)
        if 0 < len(tokens) < SHINGLE_WORDS:
            yield tuple(tokens)
        for i in range(len(tokens) - SHINGLE_WORDS + 1):
            yield tuple(tokens[i : i + SHINGLE_WORDS])


def fingerprint(headline: str, lead: str) -> Fingerprint:
    """Fingerprint a story by the shingles of its headline and its lead."""
    pieces = (headline, strip_dateline(lead))
    return Fingerprint(
        shingles=frozenset(_hash(s) for part in pieces for s in _shingles(part)),
        numbers=frozenset(
            found.group().replace(".", "").replace(",", "")
            for part in pieces
            for found in _NUMBER.finditer(part)
        ),
    )


def figures_conflict(a: Fingerprint, b: Fingerprint) -> bool:
    """Tell whether each fingerprint has a number the other lacks (different stories)."""
    return _differ(a.numbers, b.numbers)


def _differ(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a - b) and bool(b - a)


def _score(shared: int, size_a: int, size_b: int) -> float:
    if shared == 0:
        return 0.0
    return shared / max(min(size_a, size_b), MIN_SHINGLES)


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Return the floored overlap coefficient of two fingerprints, from 0.0 to 1.0."""
    return _score(len(a.shingles & b.shingles), len(a.shingles), len(b.shingles))


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]  # path halving keeps later finds short
        i = parent[i]
    return i


def _links(prints: Sequence[Fingerprint], threshold: float) -> Iterable[tuple[int, int]]:
    """Yield every pair (earlier, later) at or above `threshold`, via a shingle index."""
    index: dict[int, list[int]] = {}
    for i, current in enumerate(prints):
        # Only items sharing a shingle can score above zero: count shared ones per item.
        shared = Counter(j for s in current.shingles for j in index.get(s, ()))
        size = len(current.shingles)
        for j, count in shared.items():
            if _score(count, len(prints[j].shingles), size) >= threshold:
                yield j, i
        for s in current.shingles:
            index.setdefault(s, []).append(i)


def _conflict(left: set[frozenset[str]], right: set[frozenset[str]]) -> bool:
    return any(_differ(a, b) for a in left for b in right)


def cluster(
    items: Sequence[T], *, key: Callable[[T], Fingerprint], threshold: float = SAME_STORY
) -> list[list[T]]:
    """Group items telling the same story, keeping input order within and across groups."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    prints = [key(item) for item in items]
    parent = list(range(len(items)))
    # Per root, the distinct number sets of its members (few: versions of one story).
    numbers = [{p.numbers} for p in prints]
    for j, i in _links(prints, threshold):
        root_j, root_i = _find(parent, j), _find(parent, i)
        if root_j == root_i or _conflict(numbers[root_j], numbers[root_i]):
            continue
        # The smaller index stays root so a cluster is keyed by its first member.
        low, high = min(root_j, root_i), max(root_j, root_i)
        parent[high] = low
        numbers[low] |= numbers[high]
    groups: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        groups.setdefault(_find(parent, i), []).append(item)
    return list(groups.values())
