"""Drain the outbox: send queued messages in order, politely, surviving Telegram's answers.

Rule order for one message:
1. The rate limiter admits its request (`handlers.outbox_limiter`: evenly 28/s overall with
   no burst after an outage, 20/min per group, every request held during a 429 pause; we
   keep ≥ 1 s between two messages to one private chat). Only then is the row marked
   `sending` (`handlers.outbox_limiter`), so at most one message per chat, the one whose
   request may have left, is ever `sending`.
2. The answer decides the row's next state (`handlers.send_outcome`): sent → `sent`; no
   answer in time after the request left → `sent` with last_error "in doubt: …", never sent
   again; 429 → `pending` after `retry_after`; not sent, or a 5xx → `pending` after a pause;
   blocked → chat inactive, queue dropped; migrated → moved and retried there; our HTML
   refused → the same words as plain text. While Telegram takes no sends (a 5xx, or no
   connection), one message at a time probes it, with backoff (`TelegramSends`: one log
   line when it starts, one when it ends).
3. Every database write of the sender is retried with backoff until the database takes it
   (one log line when it starts failing, one when it lands), and the chat's queue waits
   meanwhile: a sent message ends `sent`, is never sent twice, and no row stays `sending`
   once the database is back. At a stop, writes still failing after `STOP_GRACE` are given
   up: their rows stay `sending` and the next start takes them as sent, in doubt.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from html import unescape

from telegram.error import ChatMigrated, NetworkError, RetryAfter, TelegramError

from digest.models import OutgoingMessage
from handlers.conditions import Condition, TelegramSends
from handlers.context import NewsBot, Services
from handlers.failures import describe
from handlers.outbox_limiter import leaves_through_hook, leaving_with
from handlers.send_outcome import Outcome, outcome
from storage import Storage
from storage.errors import StorageError

log = logging.getLogger(__name__)

PRIVATE_CHAT_SPACING = 1.0
NETWORK_RETRY = timedelta(seconds=5)
RECORD_RETRY_FIRST, RECORD_RETRY_MAX = 0.5, 10.0
STOP_GRACE = 5.0
DOUBT = "in doubt: no answer from Telegram ({error}); it may not have arrived"
_TAG = re.compile(r"<[^>]+>")
Write = Callable[[], Awaitable[object]]


def plain_text(html_text: str) -> str:
    """Turn our Telegram HTML into the same words as plain text."""
    return unescape(_TAG.sub("", html_text))


class _Attempt:
    """One send of one message: its row is marked `sending` as the request leaves."""

    def __init__(self, message: OutgoingMessage, storage: Storage) -> None:
        self.message, self._storage, self.left = message, storage, False

    async def leaving(self) -> None:
        """Mark the row `sending`; if the database refuses, the request does not leave."""
        await self._storage.mark_sending(message_id=self.message.id)
        self.left = True

    async def refused(self) -> None:
        """Put the row back to `pending` while the limiter waits out a 429."""
        self.left = False
        with contextlib.suppress(Exception):  # the sender's final write puts it back anyway
            await self._storage.release(message_id=self.message.id)


class OutboxSender:
    """A background task that sends queued messages until stopped."""

    def __init__(self, bot: NewsBot, services: Services, *, workers: int = 32) -> None:
        self._bot, self._services, self._workers = bot, services, workers
        self._wake = services.outbox_signal
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._last_sent: dict[int, float] = {}
        self._task: asyncio.Task[None] | None = None
        self._condition = Condition("outbox sender")
        self._telegram = TelegramSends("outbox sender")
        # Without our limiter nothing marks the row as the request leaves: mark it first.
        self._hooked = leaves_through_hook(bot.rate_limiter)

    def start(self) -> None:
        """Start draining in the background."""
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        """Stop taking new messages; wait up to STOP_GRACE for the ones in flight."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        tasks = list(self._in_flight.values())
        if not tasks:
            return
        _, late = await asyncio.wait(tasks, timeout=STOP_GRACE)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

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

    def _free(self) -> int:
        """Return how many sends may start now: one probe at a time while Telegram refuses."""
        if not self._telegram.failing:
            return self._workers - len(self._in_flight)
        return 0 if self._in_flight or not self._telegram.ready() else 1

    async def _dispatch(self) -> None:
        free = self._free()
        if free <= 0:
            return
        busy = set(self._in_flight) | self._spaced_out()
        storage, now = self._services.storage, self._services.clock()
        for message in await storage.sendable_messages(now=now, limit=free, busy=busy):
            task = asyncio.create_task(self._send(message))
            self._in_flight[message.chat_id] = task
            task.add_done_callback(functools.partial(self._done, message.chat_id))

    def _done(self, chat_id: int, task: asyncio.Task[None]) -> None:
        self._in_flight.pop(chat_id, None)
        self._last_sent[chat_id] = time.monotonic()
        self._wake.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("outbox send to chat %s failed", chat_id, exc_info=task.exception())

    async def _send(self, message: OutgoingMessage) -> None:
        storage = self._services.storage
        attempt = _Attempt(message, storage)
        try:
            with leaving_with(attempt):
                if not self._hooked:
                    await attempt.leaving()
                await self._bot.send_message(
                    message.chat_id, message.text, parse_mode=message.parse_mode
                )
        except Exception as error:  # every outcome is recorded; nothing escapes the task
            await self._failed(message, error, left=attempt.left)
            return
        self._telegram.succeeded()
        sent_at = self._services.clock()
        await self._record(
            f"mark message {message.id} sent",
            functools.partial(storage.mark_sent, message_id=message.id, sent_at=sent_at),
        )

    async def _record(self, action: str, write: Write) -> None:
        """Run one bookkeeping write until the database takes it, backing off between tries."""
        delay, since = RECORD_RETRY_FIRST, 0.0
        while True:
            try:
                await write()
            except Exception as error:  # the database is down or locked: keep what we know
                if not since:
                    since = time.monotonic()
                    bug = None if isinstance(error, StorageError) else error  # a traceback
                    log.warning(
                        "%s; will retry until it is recorded", describe(error), exc_info=bug
                    )
                try:
                    await asyncio.sleep(delay)
                except asyncio.CancelledError:
                    log.warning(
                        "stopped before it could %s; a row left `sending` counts as sent", action
                    )
                    raise
                delay = min(delay * 2, RECORD_RETRY_MAX)
                continue
            if since:
                log.info("%s: recorded after %.1f s", action, time.monotonic() - since)
            return

    async def _failed(self, message: OutgoingMessage, error: Exception, *, left: bool) -> None:
        verdict = outcome(error, left=left, html=message.parse_mode is not None)
        if verdict is Outcome.AGAIN and isinstance(error, NetworkError):
            self._telegram.refused(error, message_id=message.id)  # logged once, backs off
        elif verdict is not Outcome.DOUBT and isinstance(error, TelegramError):
            self._telegram.succeeded()  # Telegram answered (a 429, a 403, a 400): it is up
        for action, write in self._writes(message, error, verdict):
            await self._record(action, write)

    def _writes(
        self, message: OutgoingMessage, error: Exception, verdict: Outcome
    ) -> list[tuple[str, Write]]:
        """Log the outcome in one line where it matters; return the writes that record it."""
        storage, now, mid, chat = (
            self._services.storage,
            self._services.clock(),
            message.id,
            message.chat_id,
        )
        call = functools.partial
        if verdict is Outcome.DOUBT:
            log.warning("message %s to chat %s: %s; taken as sent, not resent", mid, chat, error)
            note = DOUBT.format(error=describe(error))
            write = call(storage.mark_sent, message_id=mid, sent_at=now, doubt=note)
            return [(f"mark message {mid} sent in doubt", write)]
        if verdict is Outcome.BLOCKED:
            log.info("chat %s is unreachable (%s): marked inactive", chat, error)
            return [
                (
                    f"mark chat {chat} inactive",
                    call(storage.set_chat_active, chat_id=chat, active=False),
                ),
                (
                    f"drop the queue of chat {chat}",
                    call(storage.fail_chat_messages, chat_id=chat, error=str(error)),
                ),
            ]
        if verdict is Outcome.DROP:
            log.error("message %s to chat %s dropped: %r", mid, chat, error)
            return [
                (
                    f"drop message {mid}",
                    call(storage.fail_message, message_id=mid, error=repr(error)),
                )
            ]
        return [*self._fixes(message, error, verdict), self._requeue(message, error, verdict)]

    def _fixes(
        self, message: OutgoingMessage, error: Exception, verdict: Outcome
    ) -> list[tuple[str, Write]]:
        """Return what must change before a message is sent again (its chat id, its text)."""
        storage, mid, chat = self._services.storage, message.id, message.chat_id
        if isinstance(error, ChatMigrated) and verdict is Outcome.MIGRATED:
            new_id = error.new_chat_id
            write = functools.partial(storage.migrate_chat, old_id=chat, new_id=new_id)
            return [(f"move chat {chat} to {new_id}", write)]
        if verdict is Outcome.PLAIN:
            log.error("BUG: Telegram refused our HTML (%s); resending as plain text", error)
            text = plain_text(message.text)
            write = functools.partial(
                storage.replace_text, message_id=mid, text=text, parse_mode=None
            )
            return [(f"rewrite message {mid}", write)]
        if not isinstance(error, TelegramError):
            log.warning("message %s to chat %s not sent: %s", mid, chat, describe(error))
        return []

    def _requeue(
        self, message: OutgoingMessage, error: Exception, verdict: Outcome
    ) -> tuple[str, Write]:
        """Return the write that puts the message back in the queue for its next try."""
        wait = timedelta(0)
        if isinstance(error, RetryAfter):
            value = error.retry_after
            wait = value if isinstance(value, timedelta) else timedelta(seconds=value)
        elif verdict is Outcome.AGAIN:
            wait = NETWORK_RETRY
        not_before = self._services.clock() + wait
        write = functools.partial(
            self._services.storage.postpone,
            message_id=message.id,
            not_before=not_before,
            error=describe(error),
        )
        return (f"put message {message.id} back in the queue", write)
