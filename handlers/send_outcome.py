"""What a failed outbox send means: may the message be sent again, and when?

Rule order for the error of one send (`left`: the row was marked `sending` and its request
may have left the process; a 429 answer takes that back):
1. RetryAfter → WAIT: Telegram refused it; send again after `retry_after`.
2. Not left → AGAIN: nothing reached Telegram (our database refused the `sending` mark, or
   the error came before the request went out); send again after a pause.
3. Forbidden → BLOCKED; ChatMigrated → MIGRATED; BadRequest → PLAIN (our HTML was refused:
   send the same words as plain text) or, for a plain text, DROP.
4. A timeout, or a broken connection, after the request went out → DOUBT: Telegram may have
   delivered it and gives no idempotency key, so it is never sent again blindly. A timeout
   waiting for a pooled connection or for the connection to open, or a refused connection,
   means the request never left → AGAIN.
5. Any other NetworkError is Telegram (or a proxy) answering with an error status → AGAIN.
6. Anything else → DROP.
"""

from __future__ import annotations

from enum import Enum

import httpx
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

_NEVER_LEFT = (httpx.PoolTimeout, httpx.ConnectTimeout, httpx.ConnectError)


class Outcome(Enum):
    """What to do with a message whose send raised."""

    WAIT = "wait"
    AGAIN = "again"
    BLOCKED = "blocked"
    MIGRATED = "migrated"
    PLAIN = "plain"
    DOUBT = "doubt"
    DROP = "drop"


def outcome(error: BaseException, *, left: bool, html: bool) -> Outcome:
    """Classify the error of one send (see the module's rule order)."""
    if isinstance(error, RetryAfter):
        return Outcome.WAIT
    if not left:
        return Outcome.AGAIN
    if isinstance(error, Forbidden):
        return Outcome.BLOCKED
    if isinstance(error, ChatMigrated):
        return Outcome.MIGRATED
    if isinstance(error, BadRequest):
        return Outcome.PLAIN if html else Outcome.DROP
    if isinstance(error, NetworkError):
        return _transport(error)
    return Outcome.DROP


def _transport(error: NetworkError) -> Outcome:
    cause = error.__cause__
    if isinstance(cause, _NEVER_LEFT):
        return Outcome.AGAIN
    if isinstance(error, TimedOut) or isinstance(cause, httpx.TransportError):
        return Outcome.DOUBT
    return Outcome.AGAIN
