"""Match one article against many subscriptions without looking at every subscription.

Rule order:
1. Each alternative (AND-group) of a subscription becomes the set of keys an article must
   all hold: its words, and for each phrase its adjacent pairs (`digest.query.bigram`).
2. Keys are sorted rarest first: lowest known document frequency, then longest, then
   alphabetical. An alternative is filed under its rarest key ("first") and then its second
   rarest ("last"); one-key alternatives go in the top table under their only key. Keys
   beyond the first two are kept as a set to check. Identical alternatives share one slot
   holding the set of their subscription ids.
3. An article looks only under first keys it holds (`dict.keys() & set`, in C). Up to
   `SMALL_TABLE` slots under one first key are scanned as a tuple; bigger tables (and the
   top table) are intersected with the article's keys again, and the ids of their plain
   slots (no exclusions, no phrase longer than two words, at most two keys) unioned in C.
4. Every other slot found is confirmed: remaining keys present, no excluded word or pair
   present (set checks) and, for phrases of three or more words, the token sequence
   (`digest.query.group_matches`).
5. A subscription matches when any of its alternatives does.
The result equals `{id for id, q in subscriptions if digest.query.matches(q, doc)}`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

from digest.query import Doc, Group, Query, Term, bigram, group_matches

SMALL_TABLE = 8
_TOP = ""  # the first key of one-key alternatives: no article key is empty

# An alternative's terms regardless of order; None for a plain slot.
_Key = tuple[frozenset[Term], frozenset[Term]] | None
# (last key, keys beyond the first two, excluded words and pairs, the group when a long
# phrase needs a sequence check, subscription ids): a plain tuple because the hot loop unpacks it.
_Slot = tuple[str, frozenset[str], frozenset[str], Group | None, set[int]]
_SlotKey = tuple[str, _Key]
# Where one alternative of a subscription was filed.
_Filed = tuple[str, _SlotKey]


class _Table:
    """The slots under one first key, by last key: plain ids, and slots to confirm."""

    __slots__ = ("checks", "ends")

    def __init__(self, slots: Iterable[tuple[_SlotKey, _Slot]] = ()) -> None:
        self.ends: dict[str, set[int]] = {}
        self.checks: dict[str, dict[_Key, _Slot]] = {}
        for slot_key, slot in slots:
            self.put(slot_key, slot)

    def put(self, slot_key: _SlotKey, slot: _Slot) -> None:
        """File a new slot."""
        last, key = slot_key
        if key is None:
            self.ends[last] = slot[4]
        else:
            self.checks.setdefault(last, {})[key] = slot

    def drop(self, slot_key: _SlotKey) -> None:
        """Remove an emptied slot."""
        last, key = slot_key
        if key is None:
            del self.ends[last]
            return
        del self.checks[last][key]
        if not self.checks[last]:
            del self.checks[last]

    def collect(self, present: set[str], doc: Doc, hits: list[set[int]]) -> None:
        """Append to `hits` the id sets of the slots here that the article satisfies."""
        if self.ends:
            hits.extend(map(self.ends.__getitem__, self.ends.keys() & present))
        if self.checks:
            for last in self.checks.keys() & present:
                _confirm(self.checks[last].values(), present, doc, hits)


class SubscriptionIndex:
    """Subscription alternatives filed under their two rarest required keys.

    Give it `doc_frequency` (see `document_frequency`, over a few hundred recent articles):
    without it keys are ordered by length alone and matching takes about twice as long.
    """

    def __init__(self, *, doc_frequency: Mapping[str, float] | None = None) -> None:
        self._frequency: Mapping[str, float] = doc_frequency or {}
        self._reset()

    def _reset(self) -> None:
        """Empty the index, keeping its document frequencies."""
        self._slots: dict[str, dict[_SlotKey, _Slot]] = {}
        self._small: dict[str, tuple[_Slot, ...]] = {}
        self._large: dict[str, _Table] = {_TOP: _Table()}
        self._queries: dict[int, Query] = {}
        self._filed: dict[int, list[_Filed]] = {}

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
        for first, slot_key in self._filed.pop(sub_id, ()):
            slots = self._slots[first]
            ids = slots[slot_key][4]
            ids.discard(sub_id)
            if ids:
                continue
            del slots[slot_key]
            if first in self._large:
                self._large[first].drop(slot_key)
            if not slots:
                del self._slots[first]
                self._small.pop(first, None)
                if first != _TOP:
                    self._large.pop(first, None)
            elif first in self._small:
                self._small[first] = tuple(slots.values())

    def set_doc_frequency(self, doc_frequency: Mapping[str, float]) -> None:
        """Refile every subscription with new document frequencies (see `document_frequency`)."""
        queries = self._queries
        self._frequency = doc_frequency
        self._reset()
        for sub_id, query in queries.items():
            self.add(sub_id, query)

    def match(self, doc: Doc) -> set[int]:
        """Return the ids of every subscription whose query matches `doc`."""
        # A plain set, not a frozenset: `keys() & set` then iterates the smaller side.
        present = set(doc.keys)
        # Id sets are gathered first and unioned once: one tight loop touches fewer caches.
        hits: list[set[int]] = []
        large = self._large
        large[_TOP].collect(present, doc, hits)
        for table in map(large.__getitem__, large.keys() & present):
            table.collect(present, doc, hits)
        small = self._small
        for slots in map(small.__getitem__, small.keys() & present):
            _confirm(slots, present, doc, hits)
        return set().union(*hits)

    def _file(self, sub_id: int, group: Group) -> _Filed:
        """Put one alternative of `sub_id` in its slot and return where it went."""
        keys = sorted(set(_keys(group.required)), key=self._rarity)
        if len(keys) == 1:
            keys.insert(0, _TOP)
        first, last, rest = keys[0], keys[1], frozenset(keys[2:])
        terms = group.required + group.excluded
        slow = group if any(len(term) > 2 for term in terms) else None
        plain = not rest and not group.excluded and slow is None
        key = None if plain else (frozenset(group.required), frozenset(group.excluded))
        slot_key = (last, key)
        slots = self._slots.setdefault(first, {})
        if slot_key not in slots:
            avoid = frozenset(_keys(term for term in group.excluded if len(term) <= 2))
            slots[slot_key] = (last, rest, avoid, slow, set())
            self._place(first, slot_key, slots)
        slots[slot_key][4].add(sub_id)
        return first, slot_key

    def _place(self, first: str, slot_key: _SlotKey, slots: dict[_SlotKey, _Slot]) -> None:
        """Show a new slot to the matcher: in its table, or in the small tuple of `first`."""
        if first in self._large:
            self._large[first].put(slot_key, slots[slot_key])
        elif len(slots) > SMALL_TABLE:
            self._small.pop(first, None)
            self._large[first] = _Table(slots.items())
        else:
            self._small[first] = tuple(slots.values())

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


def _confirm(slots: Iterable[_Slot], present: set[str], doc: Doc, hits: list[set[int]]) -> None:
    """Append to `hits` the id sets of the slots whose keys are present, exclusions absent."""
    for last, rest, avoid, slow, ids in slots:
        if (
            last in present
            and rest <= present
            and avoid.isdisjoint(present)
            and (slow is None or group_matches(slow, doc))
        ):
            hits.append(ids)


def _keys(terms: Iterable[Term]) -> list[str]:
    """Return what an article must hold for `terms`: each word, and each phrase's pairs."""
    keys: list[str] = []
    for term in terms:
        if len(term) == 1:
            keys.append(sys.intern(term[0]))
        else:
            keys.extend(map(sys.intern, map(bigram, term, term[1:])))
    return keys
