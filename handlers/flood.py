"""The per-member flood limit, checked before any handler (`FLOOD_GROUP`, below -1).

Rule order (the rule itself: `digest.flood`): only messages count (commands, texts, files),
by the member who sent them and the time Telegram gives them; a button press or a
membership change is never dropped. An admitted message goes on to the handlers; the first
over the limit gets one "slow down" in the chat's language and a log line; it and the rest,
until the window has passed, stop here without an answer.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from digest.flood import LIMIT, WINDOW, Flow, Verdict, judge
from handlers.chats import chat_language
from handlers.context import NewsContext
from handlers.failures import describe
from handlers.texts import t

log = logging.getLogger(__name__)

# Runs before every other group. PTB runs one handler per group, and this one matches every
# update, so it has a group of its own, below any other (a handler added at -1 still runs).
FLOOD_GROUP = -10
_FIRST_SWEEP = 1000  # members remembered before idle ones are first forgotten


class FloodGuard:
    """Each member's recent messages; judges every incoming message against the limit."""

    def __init__(self, *, limit: int = LIMIT, window: float = WINDOW) -> None:
        self._limit, self._window = limit, window
        self._flows: dict[int, Flow] = {}
        self._sweep_at = _FIRST_SWEEP

    def judge(self, user_id: int, now: float) -> Verdict:
        """Judge a message `user_id` sent at `now` (Unix seconds) and remember it."""
        flow = self._flows.get(user_id, Flow())
        verdict, self._flows[user_id] = judge(flow, now, limit=self._limit, window=self._window)
        if len(self._flows) >= self._sweep_at:
            self._flows = {u: f for u, f in self._flows.items() if not f.idle(now, self._window)}
            self._sweep_at = max(_FIRST_SWEEP, 2 * len(self._flows))
        return verdict

    async def check(self, update: Update, context: NewsContext) -> None:
        """Let the message through, or stop it (after one warning) when over the limit."""
        message, user = update.message, update.effective_user
        if message is None or user is None:
            return
        verdict = self.judge(user.id, message.date.timestamp())
        if verdict is Verdict.ADMIT:
            return
        if verdict is Verdict.WARN:
            await self._warn(update, context, user.id)
        raise ApplicationHandlerStop

    async def _warn(self, update: Update, context: NewsContext, user_id: int) -> None:
        chat = update.effective_chat
        log.warning(
            "user %s in chat %s sent over %d messages in %.0f s: ignored for %.0f s",
            user_id,
            chat.id if chat else None,
            self._limit,
            self._window,
            self._window,
        )
        if update.message is None:
            return
        text = t(await chat_language(update, context), "slow_down", seconds=round(self._window))
        try:
            await update.message.reply_text(text)
        except TelegramError as error:  # the message is dropped all the same
            log.warning("could not ask user %s to slow down: %s", user_id, describe(error))
