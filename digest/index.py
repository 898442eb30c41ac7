"""Match one article against many subscriptions without looking at every subscription.

Rule order:
1. Each alternative (AND-group) of a subscription becomes the set of keys an article must
   all hold: its words and for each phrase its adjacent pairs (`digest.query.bigram`), each
   word as typed (folded, or exact when typed with diacritics; `digest.query.make_doc` gives
   an article a key for every such spelling).
2. Keys are sorted rarest first: lowest known document frequency, then longest, then
   alphabetical. The alternative is filed under its rarest key ("first") with its second
   rarest ("last"; a one-key alternative's last is its first). Identical alternatives share
   one slot holding the set of their subscription ids.
3. Changes are kept in a master copy; what the matcher reads (a row of aligned tuples per
   first key) is remade for the changed first keys at the next match, all rows together.
4. An article looks only at the rows of the first keys it holds, and tests the last key of
   every slot in them in one pass in C (`itertools.compress`): a plain slot (no other key,
   no exclusion, no phrase longer than two words) matches when its last key is present.
5. The other slots whose last key is present are confirmed in Python: keys beyond the first
   two all present, no excluded word or pair present and, for phrases of three or more
   words, the token sequence (`digest.query.group_matches`).
6. A subscription matches when any of its alternatives does.
The result equals `{id for id, q in subscriptions if digest.query.matches(q, doc)}`.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Mapping
from itertools import chain, compress

from digest.query import Doc, Group, Query, Term, bigram, group_matches

# What confirms a slot: keys beyond the first two, excluded words and pairs, the group when
# a phrase of three or more words needs its token sequence checked.
_Check = tuple[frozenset[str], frozenset[str], Group | None]
_Confirm = tuple[frozenset[str], frozenset[str], Group | None, int]  # a check and one id
# What the matcher reads per first key, six aligned tuples: the lasts of plain slots with one
# id, those ids; the lasts of other plain slots, their ids; the lasts of slots to confirm, a
# `_Confirm` per id (such slots rarely have two, and single ids skip a tuple per hit).
_Row = tuple[
    tuple[str, ...],
    tuple[int, ...],
    tuple[str, ...],
    tuple[tuple[int, ...], ...],
    tuple[str, ...],
    tuple[_Confirm, ...],
]
_SlotKey = tuple[frozenset[Term], frozenset[Term]]
# A slot as filed: its last key, its check (None for a plain slot), its subscription ids.
_Slot = tuple[str, _Check | None, set[int]]
_NO_ROWS: _Row = ((), (), (), (), (), ())


class SubscriptionIndex:
    """Subscription alternatives filed under their rarest required key.

    Give it `doc_frequency` (see `document_frequency`, over a few hundred recent articles):
    without it keys are ordered by length alone and matching takes longer. The first match
    after changes remakes the rows of the changed first keys (about 1.5 ms per thousand
    subscriptions after a bulk load).
    """

    def __init__(self, *, doc_frequency: Mapping[str, float] | None = None) -> None:
        self._frequency: Mapping[str, float] = doc_frequency or {}
        self._reset()

    def _reset(self) -> None:
        """Empty the index, keeping its document frequencies."""
        self._slots: dict[str, dict[_SlotKey, _Slot]] = {}  # by first key: the master copy
        self._rows: dict[str, _Row] = {}  # by first key: what `match` reads
        self._firsts: set[str] = set()  # the keys of `_rows`, to intersect with (see `match`)
        # First keys whose rows are out of date. Rows are remade on the next match, all
        # together: adding many subscriptions remakes no row per addition, and the rows and
        # ids one article reads then lie close together in memory (matching a fifth faster).
        self._stale: set[str] = set()
        self._queries: dict[int, Query] = {}
        self._filed: dict[int, list[tuple[str, _SlotKey]]] = {}
        # Equal key sets share one object, so confirming reads a few cached ones.
        self._shared: dict[frozenset[str], frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, sub_id: object) -> bool:
        return sub_id in self._queries

    def add(self, sub_id: int, query: Query) -> None:
        """File every alternative of `query` under `sub_id`, replacing what it had."""
        self.remove(sub_id)
        self._queries[sub_id] = query
        self._filed[sub_id] = [self._file(sub_id, group) for group in query.groups]

    def remove(self, sub_id: int) -> None:
        """Forget `sub_id`; unknown ids are ignored."""
        self._queries.pop(sub_id, None)
        for first, key in self._filed.pop(sub_id, ()):
            slots = self._slots[first]
            ids = slots[key][2]
            ids.discard(sub_id)
            if not ids:
                del slots[key]
            self._stale.add(first)

    def set_doc_frequency(self, doc_frequency: Mapping[str, float]) -> None:
        """Refile every subscription with new document frequencies (see `document_frequency`)."""
        queries = self._queries
        self._frequency = doc_frequency
        self._reset()
        for sub_id, query in queries.items():
            self.add(sub_id, query)

    def match(self, doc: Doc) -> set[int]:
        """Return the ids of every subscription whose query matches `doc`."""
        if self._stale:
            self._refresh()
        present = doc.keys
        # A set of the first keys, not the dict's keys: a set compares stored hashes.
        rows = list(map(self._rows.__getitem__, present & self._firsts))
        # `zip` turns the rows into six columns in one C call, not one call per row.
        one_lasts, ones, many_lasts, manys, check_lasts, checks = map(
            chain.from_iterable, zip(*rows, strict=True) if rows else _NO_ROWS
        )
        # The last key of every slot under the article's first keys is tested here, in C.
        found = list(compress(ones, map(present.__contains__, one_lasts)))
        # Confirming in a comprehension beats chaining a C call per field over the slots.
        disjoint = present.isdisjoint
        found += [
            sub_id
            for rest, avoid, slow, sub_id in compress(
                checks, map(present.__contains__, check_lasts)
            )
            if rest <= present and disjoint(avoid) and (slow is None or group_matches(slow, doc))
        ]
        # Ids gathered in one list and put into a set once: the cheapest way to a big set.
        hits = compress(manys, map(present.__contains__, many_lasts))
        deque(map(found.extend, hits), maxlen=0)
        return set(found)

    def _file(self, sub_id: int, group: Group) -> tuple[str, _SlotKey]:
        """Put one alternative of `sub_id` in its slot and return where it went."""
        keys = sorted(set(_keys(group.required)), key=self._rarity)
        key = (frozenset(group.required), frozenset(group.excluded))
        slots = self._slots.setdefault(keys[0], {})
        if key not in slots:
            slots[key] = (keys[min(1, len(keys) - 1)], self._check(keys, group), set())
        slots[key][2].add(sub_id)
        self._stale.add(keys[0])
        return keys[0], key

    def _check(self, keys: list[str], group: Group) -> _Check | None:
        """Return what confirms an alternative with sorted `keys`; None when nothing does."""
        rest = frozenset(keys[2:])
        avoid = frozenset(_keys(term for term in group.excluded if len(term) <= 2))
        slow = group if any(len(term) > 2 for term in group.required + group.excluded) else None
        if not rest and not avoid and slow is None:
            return None
        return self._shared.setdefault(rest, rest), self._shared.setdefault(avoid, avoid), slow

    def _refresh(self) -> None:
        """Remake the rows of the first keys changed since the last match."""
        for first in self._stale:
            slots = self._slots.get(first)
            if slots:
                self._rows[first] = _row(slots.values())
                self._firsts.add(first)
            else:
                self._slots.pop(first, None)
                self._rows.pop(first, None)
                self._firsts.discard(first)
        self._stale.clear()

    def _rarity(self, key: str) -> tuple[float, int, str]:
        """Order keys rarest first; unknown keys count as rare, long ones as rarer."""
        return (self._frequency.get(key, 0.0), -len(key), key)


def document_frequency(docs: Iterable[Doc]) -> dict[str, float]:
    """Return the share of `docs` holding each token and pair, to order keys with."""
    counts: dict[str, int] = {}
    total = 0
    for doc in docs:
        total += 1
        for key in doc.keys:
            counts[key] = counts.get(key, 0) + 1
    return {key: count / total for key, count in counts.items()}


def _row(slots: Iterable[_Slot]) -> _Row:
    """Return the columns the matcher reads for `slots`, all filed under one first key."""
    one_lasts: list[str] = []
    ones: list[int] = []
    many_lasts: list[str] = []
    manys: list[tuple[int, ...]] = []
    check_lasts: list[str] = []
    checks: list[_Confirm] = []
    for last, check, ids in slots:
        if check is not None:
            check_lasts.extend([last] * len(ids))
            checks.extend((*check, sub_id) for sub_id in _own(ids))
        elif len(ids) == 1:
            one_lasts.append(last)
            ones.extend(_own(ids))
        else:
            many_lasts.append(last)
            manys.append(_own(ids))
    return (
        tuple(one_lasts),
        tuple(ones),
        tuple(many_lasts),
        tuple(manys),
        tuple(check_lasts),
        tuple(checks),
    )


def _own(ids: Iterable[int]) -> tuple[int, ...]:
    """Return copies of `ids`, made with the row that holds them."""
    # `+ 0` makes a new int object (CPython shares only -5..256), placed next to the row
    # being made: the ids one article matches are then read from a few cache lines, not
    # from wherever the caller's ints were made (about 7% of a match).
    return tuple([sub_id + 0 for sub_id in ids])


def _keys(terms: Iterable[Term]) -> list[str]:
    """Return what an article must hold for `terms`: each word, and each phrase's pairs."""
    keys: list[str] = []
    for term in terms:
        if len(term) == 1:
            keys.append(sys.intern(term[0]))
        else:
            keys.extend(map(sys.intern, map(bigram, term, term[1:])))
    return keys
