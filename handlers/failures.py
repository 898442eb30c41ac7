"""One log line per failed update or job, naming where it happened; tracebacks only for bugs.

Rule order for an error that reached the error handler:
0. A long poll (getUpdates) that could not reach Telegram is not logged here: the getUpdates
   request logs one line when Telegram stops answering and one when it is back
   (`bot.telegram_link`); no reply.
1. Telegram refusing or not answering (Forbidden: blocked or kicked; NetworkError and its
   TimedOut; RetryAfter; a reply given up on after two minutes of retries, `bot.replies`)
   is expected: a warning without a traceback, and no reply (it could only fail the same
   way). The apology itself failing is one more warning line, never an uncaught error.
2. Telegram's BadRequest and a StorageError (its message says which operation failed and
   why) are expected too: a warning without a traceback; the member still gets an answer.
3. Anything else is a bug: an error line with the traceback; the member gets an answer.
Every line names the chat id and what was asked: the command, the button's data, a file.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from storage.errors import StorageError

log = logging.getLogger("handlers.setup")

_NO_REPLY = (Forbidden, NetworkError, RetryAfter)  # PTB's BadRequest is a NetworkError: excluded
_EXPECTED = (*_NO_REPLY, BadRequest, StorageError)
_ASKED_LIMIT = 64  # a command word or button data; never the member's whole text


def report_failure(update: object, error: BaseException | None, *, job: str | None) -> bool:
    """Log the failure in one line; return whether replying to the member makes sense."""
    futile = isinstance(error, _NO_REPLY) and not isinstance(error, BadRequest)
    if update is None and job is None and futile:
        return False
    where = _where(update, job)
    kind = describe(error)
    if isinstance(error, _EXPECTED):
        log.warning("handler failed %s: %s", where, kind)
    else:
        log.error("handler failed %s: %s", where, kind, exc_info=error)
    return not futile


def describe(error: BaseException | None) -> str:
    """Name an error in one short line: its type, then its message (type not repeated)."""
    name = type(error).__name__
    text = " ".join(str(error).split())[:200]
    if not text or text == name:
        return name
    return text if text.startswith(f"{name}:") else f"{name}: {text}"


def _where(update: object, job: str | None) -> str:
    if not isinstance(update, Update):
        return f"in job {job}" if job else "while polling for updates"
    chat = update.effective_chat
    chat_part = f"in chat {chat.id}" if chat is not None else "in no chat"
    return f"{chat_part} on {_asked(update)}"


def _asked(update: Update) -> str:
    if update.callback_query is not None:
        return f"button {(update.callback_query.data or '')[:_ASKED_LIMIT]!r}"
    message = update.effective_message
    if message is None:
        return "an update without a message"
    words = (message.text or "").split(maxsplit=1)
    if words:  # a text of spaces only has no first word
        return repr(words[0][:_ASKED_LIMIT])
    if message.document is not None:
        return f"file {(message.document.file_name or '')[:_ASKED_LIMIT]!r}"
    return "a message"
