"""The update queue behind getUpdates, with Telegram's long-polling rules.

Rule order for one poll: a positive `offset` confirms (forgets) every update below it, a
negative one keeps only the last -offset; with nothing pending the poll waits up to `timeout`
seconds; a newer poll ends a waiting older one with 409 Conflict (two bots, one token); a
closing server ends every poll at once with what it has.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from tests.fakes.botwire import ApiError

CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    """Pending updates and the condition long polls wait on."""

    def __init__(self, changed: asyncio.Condition) -> None:
        self._changed = changed
        self._pending: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._generation = 0
        self.closing = False

    async def push(self, body: dict[str, Any]) -> None:
        """Queue an update with the next update_id and wake the poll."""
        self._pending.append({"update_id": next(self._ids), **body})
        async with self._changed:
            self._changed.notify_all()

    def clear(self) -> None:
        """Drop every pending update (deleteWebhook with drop_pending_updates)."""
        self._pending.clear()

    async def poll(self, *, offset: int, limit: int, wait: float) -> list[dict[str, Any]]:
        """Answer one getUpdates call."""
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        self._generation += 1
        generation = self._generation
        async with self._changed:
            self._changed.notify_all()  # wakes an older poll so it can end with 409
        if not self._pending and wait > 0 and not self.closing:
            try:
                async with asyncio.timeout(wait), self._changed:
                    await self._changed.wait_for(
                        lambda: (
                            bool(self._pending) or self.closing or generation != self._generation
                        )
                    )
            except TimeoutError:
                pass
        if generation != self._generation:
            raise ApiError(409, CONFLICT)
        return self._pending[: max(1, min(limit, 100))]
