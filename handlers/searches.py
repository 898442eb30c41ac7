"""Recent /latest searches kept in memory so buttons carry a short key, not the query."""

from __future__ import annotations

import secrets
from collections import OrderedDict

_MEMO_SIZE = 2000


class SearchMemo:
    """Recent /latest searches by short key, so buttons need not carry the query."""

    def __init__(self) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()

    def remember(self, query: str) -> str:
        """Store `query` and return its key."""
        key = secrets.token_hex(4)
        self._items[key] = query
        while len(self._items) > _MEMO_SIZE:
            self._items.popitem(last=False)
        return key

    def recall(self, key: str) -> str | None:
        """Return the query stored under `key`, if still remembered."""
        return self._items.get(key)
