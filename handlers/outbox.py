"""Drain the outbox: send queued messages in order, politely, surviving Telegram's answers.

Rule order for one message:
1. Marked `sending` in the database, then sent (AIORateLimiter keeps the global 30/s and
   the 20/min per group; we keep ≥ 1 s between two messages to one private chat).
2. Sent → `sent`. RetryAfter → back in the queue after `retry_after`, never dropped.
   Network trouble → back in the queue after a pause. Forbidden (blocked, kicked,
   deactivated) → the chat is marked inactive and its queue dropped. ChatMigrated → the
   chat moves to its new id and the message is retried there. BadRequest on entities → a
   bug in our HTML: logged, and the same content resent as plain text.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import time
from datetime import timedelta
from html import unescape

from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from digest.models import OutgoingMessage
from handlers.conditions import Condition
from handlers.context import NewsBot, Services

log = logging.getLogger(__name__)

PRIVATE_CHAT_SPACING = 1.0
NETWORK_RETRY = timedelta(seconds=5)
_TAG = re.compile(r"<[^>]+>")


def plain_text(html_text: str) -> str:
    """Turn our Telegram HTML into the same words as plain text."""
    return unescape(_TAG.sub("", html_text))


class OutboxSender:
    """A background task that sends queued messages until stopped."""

    def __init__(self, bot: NewsBot, services: Services, *, workers: int = 32) -> None:
        self._bot, self._services, self._workers = bot, services, workers
        self._wake = services.outbox_signal
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._last_sent: dict[int, float] = {}
        self._task: asyncio.Task[None] | None = None
        self._condition = Condition("outbox sender")

    def start(self) -> None:
        """Start draining in the background."""
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        """Stop taking new messages and wait for the ones in flight."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await asyncio.gather(*self._in_flight.values(), return_exceptions=True)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self._dispatch()
            except Exception as error:  # the sender must outlive any failure; logged by condition
                await asyncio.sleep(self._condition.failed(error))
                continue
            self._condition.succeeded()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=0.2)

    def _spaced_out(self) -> set[int]:
        now = time.monotonic()
        recent = {c for c, at in self._last_sent.items() if now - at < PRIVATE_CHAT_SPACING}
        self._last_sent = {c: self._last_sent[c] for c in recent}
        return {c for c in recent if c > 0}

    async def _dispatch(self) -> None:
        free = self._workers - len(self._in_flight)
        if free <= 0:
            return
        busy = set(self._in_flight) | self._spaced_out()
        storage, now = self._services.storage, self._services.clock()
        for message in await storage.sendable_messages(now=now, limit=free, busy=busy):
            task = asyncio.create_task(self._send(message))
            self._in_flight[message.chat_id] = task
            task.add_done_callback(functools.partial(self._done, message.chat_id))

    def _done(self, chat_id: int, _task: asyncio.Task[None]) -> None:
        self._in_flight.pop(chat_id, None)
        self._last_sent[chat_id] = time.monotonic()
        self._wake.set()

    async def _send(self, message: OutgoingMessage) -> None:
        storage = self._services.storage
        await storage.mark_sending(message_id=message.id)
        try:
            await self._bot.send_message(
                message.chat_id, message.text, parse_mode=message.parse_mode
            )
        except Exception as error:  # every outcome is recorded; nothing escapes the task
            await self._failed(message, error)
            return
        await storage.mark_sent(message_id=message.id, sent_at=self._services.clock())

    async def _failed(self, message: OutgoingMessage, error: Exception) -> None:
        storage, now = self._services.storage, self._services.clock()
        if isinstance(error, RetryAfter):
            value = error.retry_after
            wait = value if isinstance(value, timedelta) else timedelta(seconds=value)
            await storage.postpone(message_id=message.id, not_before=now + wait, error=str(error))
        elif isinstance(error, Forbidden):
            log.info("chat %s is unreachable (%s): marked inactive", message.chat_id, error)
            await storage.set_chat_active(chat_id=message.chat_id, active=False)
            await storage.fail_chat_messages(chat_id=message.chat_id, error=str(error))
        elif isinstance(error, ChatMigrated):
            await storage.migrate_chat(old_id=message.chat_id, new_id=error.new_chat_id)
            await storage.postpone(message_id=message.id, not_before=now, error=str(error))
        elif isinstance(error, BadRequest) and message.parse_mode is not None:
            log.error("BUG: Telegram refused our HTML (%s); resending as plain text", error)
            await storage.replace_text(
                message_id=message.id, text=plain_text(message.text), parse_mode=None
            )
            await storage.postpone(message_id=message.id, not_before=now, error=str(error))
        elif isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            await storage.postpone(
                message_id=message.id, not_before=now + NETWORK_RETRY, error=str(error)
            )
        else:
            log.error("message %s to chat %s dropped: %r", message.id, message.chat_id, error)
            await storage.fail_message(message_id=message.id, error=repr(error))
