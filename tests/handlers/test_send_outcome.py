"""The meaning of a failed outbox send, rule by rule."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from handlers.send_outcome import Outcome, outcome
from storage.errors import StorageError


def caused(error: Exception, cause: BaseException) -> Exception:
    """Return `error` as PTB raises it: `raise error from cause`."""
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "left", "html", "expected"),
    [
        (RetryAfter(3), True, True, Outcome.WAIT),
        (RetryAfter(3), False, True, Outcome.WAIT),
        (
            StorageError("could not mark message sending 1: database is locked"),
            False,
            True,
            Outcome.AGAIN,
        ),
        (caused(TimedOut(), httpx.ReadTimeout("read")), False, True, Outcome.AGAIN),
        (Forbidden("Forbidden: bot was blocked by the user"), True, True, Outcome.BLOCKED),
        (ChatMigrated(-100123), True, True, Outcome.MIGRATED),
        (BadRequest("Bad Request: can't parse entities"), True, True, Outcome.PLAIN),
        (BadRequest("Bad Request: message is too long"), True, False, Outcome.DROP),
        (caused(TimedOut(), httpx.ReadTimeout("read")), True, True, Outcome.DOUBT),
        (caused(TimedOut(), httpx.WriteTimeout("write")), True, True, Outcome.DOUBT),
        (TimedOut(), True, True, Outcome.DOUBT),
        (
            caused(NetworkError("httpx.ReadError"), httpx.ReadError("reset")),
            True,
            True,
            Outcome.DOUBT,
        ),
        (
            caused(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("gone")),
            True,
            True,
            Outcome.DOUBT,
        ),
        (caused(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), True, True, Outcome.AGAIN),
        (caused(TimedOut(), httpx.ConnectTimeout("connect")), True, True, Outcome.AGAIN),
        (
            caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")),
            True,
            True,
            Outcome.AGAIN,
        ),
        (NetworkError("Bad Gateway"), True, True, Outcome.AGAIN),
        (ValueError("a bug"), True, True, Outcome.DROP),
    ],
)
def test_outcome(error: Exception, left: bool, html: bool, expected: Outcome) -> None:
    assert outcome(error, left=left, html=html) is expected
