"""Handle updates concurrently, in order within each chat, and mark their requests as replies.

Rule order for one update:
1. It waits for its chat's turn: one chat's updates are handled one at a time, in the order
   they came (/subscribe then /list lists the new topic; a flood waits in its own chat). An
   update without a chat takes its user's turn; one with neither goes straight on.
2. Then it waits for one of `workers` working slots. PTB's own semaphore, taken before
   step 1, only counts updates in the house (`backlog`), so a chat's queue never holds a
   working slot and one member's flood delays only that member's chat.
3. While it is handled, every Telegram request it makes is a reply (`bot.replies.REPLYING`),
   retried with patience; the error handler runs inside, so its apology is a reply too.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.replies import REPLYING

WORKERS = 64  # beyond ~64 concurrent updates the 30 msg/s limit and the DB pool are the bound
BACKLOG = 100_000


def turn_key(update: object) -> int | None:
    """Return whose turn an update waits for: its chat, else its user, else nobody."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Up to `workers` updates at once; one chat's updates one after another, in order."""

    def __init__(self, *, workers: int = WORKERS, backlog: int = BACKLOG) -> None:
        super().__init__(max_concurrent_updates=backlog)
        self._workers = asyncio.Semaphore(workers)
        self._turns: dict[int, asyncio.Lock] = {}
        self._queued: Counter[int] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's turn and a working slot, then handle the update as a reply."""
        async with self._turn(turn_key(update)), self._workers:
            token = REPLYING.set(True)
            try:
                await coroutine
            finally:
                REPLYING.reset(token)

    @asynccontextmanager
    async def _turn(self, key: int | None) -> AsyncIterator[None]:
        if key is None:
            yield
            return
        lock = self._turns.setdefault(key, asyncio.Lock())
        self._queued[key] += 1
        try:
            async with lock:  # asyncio.Lock wakes waiters first come, first served
                yield
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:
                del self._queued[key], self._turns[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
