"""Reach Telegram and the database before serving, retrying while they are unreachable.

Rule order, for each of Telegram (getMe) then the database (one connection):
1. Success ends the wait.
2. A refusal that retrying cannot fix (Telegram rejects the token; the database refuses the
   login or does not exist; a SQLite file that cannot be opened) is one line, and start-up
   stops (exit 1).
3. A network failure (no route, refused connection, timeout, Telegram's 5xx, the database
   starting up) is one line naming the error and the wait, then a retry: 1 s, doubling up to
   60 s. Any other error is a bug and stops start-up with its traceback.
4. SIGINT or SIGTERM ends the wait at once (exit 0).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import InvalidToken, TelegramError

from handlers.context import NewsApp
from handlers.failures import describe
from storage.engine import create_engine

log = logging.getLogger(__name__)

FIRST_DELAY = 1.0
MAX_DELAY = 60.0


class Unrecoverable(Exception):
    """A start-up check failed in a way that retrying cannot fix."""


def redacted(url: str) -> str:
    """Return a database URL with its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL the settings accepted always parses; be safe in a log line
        return "<unreadable URL>"


async def reach_telegram(app: NewsApp) -> None:
    """Initialise the bot (PTB calls getMe); raise `Unrecoverable` for a rejected token."""
    try:
        await app.initialize()
    except InvalidToken as error:
        raise Unrecoverable(
            f"Telegram rejected TELEGRAM_BOT_TOKEN ({describe(error)}): copy the token "
            "again from @BotFather"
        ) from error


async def reach_database(url: str) -> None:
    """Open one connection to the database; raise `Unrecoverable` when retrying cannot help."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as error:
        if not _transient(error):
            raise Unrecoverable(
                f"database {redacted(url)} refused the connection "
                f"({' '.join(str(_root(error)).split())[:200]}); check DATABASE_URL"
            ) from error
        raise
    finally:
        await engine.dispose()


def _root(error: BaseException) -> BaseException:
    """Return the driver's own error behind SQLAlchemy's wrapper."""
    return getattr(error, "orig", None) or error.__cause__ or error


def _transient(error: BaseException) -> bool:
    """Tell whether a failed connection may work later (network, server starting up)."""
    root = _root(error)
    if isinstance(root, OSError | TimeoutError):
        return True
    return type(root).__name__ in {"CannotConnectNowError", "TooManyConnectionsError"}


async def retry(what: str, attempt: Callable[[], Awaitable[None]], stop: asyncio.Event) -> bool:
    """Run `attempt` until it succeeds (True) or `stop` is set (False), backing off."""
    delay = FIRST_DELAY
    while not stop.is_set():
        try:
            await attempt()
            return True
        except (TelegramError, OSError, TimeoutError, SQLAlchemyError) as error:  # not bugs
            log.warning(
                "%s unreachable at start (%s); retrying in %.0f s", what, describe(error), delay
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, MAX_DELAY)
    return False


async def connect(app: NewsApp, database_url: str) -> int | None:
    """Reach Telegram and the database; return None to go on, or the exit code."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        for what, attempt in (
            ("Telegram", lambda: reach_telegram(app)),
            (f"database {redacted(database_url)}", lambda: reach_database(database_url)),
        ):
            if not await _run_stoppable(what, attempt, stop):
                return 0
    except Unrecoverable as error:
        log.error("newsbot cannot start: %s", error)
        return 1
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
    return None


async def _run_stoppable(
    what: str, attempt: Callable[[], Awaitable[None]], stop: asyncio.Event
) -> bool:
    """Run `retry`, cancelling a slow attempt (a connect hanging on a timeout) on a stop."""
    task = asyncio.ensure_future(retry(what, attempt, stop))
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    stopped.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return False
    return task.result()
