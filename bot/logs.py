"""Logging set-up that never lets the bot token reach a log line."""

from __future__ import annotations

import logging
import re

# httpx logs request URLs and tracebacks carry them too: the URL holds the token.
_TOKEN_IN_TEXT = re.compile(r"\d{3,}:[A-Za-z0-9_-]{30,}")
# Libraries whose INFO lines are noise: httpx logs every request (each long poll),
# APScheduler two lines per job run (~11,500 a day), Alembic seven per start (the bot logs
# one line itself when a migration runs).
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler", "alembic")


class RedactTokenFilter(logging.Filter):
    """Replace anything shaped like a bot token with a placeholder."""

    def __init__(self, secret: str | None = None) -> None:
        super().__init__()
        self._secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the record once, redact it, and keep it."""
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self._redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        return True

    def _redact(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "<token>")
        return _TOKEN_IN_TEXT.sub("<token>", text)


def setup_logging(level: str, *, secret: str | None = None) -> None:
    """Configure root logging at `level` with token redaction on every handler."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokenFilter(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
