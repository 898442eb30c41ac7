"""The bot token never reaches a log line."""

from __future__ import annotations

import logging

import pytest

from bot.logs import RedactTokenFilter

TOKEN = "123456789:AAFakeTokenForLocalTestsOnly_abcdefghij"


def render(record: logging.LogRecord) -> str:
    RedactTokenFilter(TOKEN).filter(record)
    return logging.Formatter("%(message)s").format(record)


@pytest.mark.parametrize(
    "message",
    [
        f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getUpdates",
        f"token {TOKEN} leaked",
        "bot987654321:ZZotherTokenShapeThatIsLongEnough_xyz/sendMessage",
    ],
)
def test_redacts_tokens_in_messages(message: str) -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, message, None, None)
    text = render(record)
    assert TOKEN not in text and "ZZotherToken" not in text and "<token>" in text


def test_redacts_tokens_in_arguments_and_tracebacks() -> None:
    try:
        raise RuntimeError(f"failed to reach /bot{TOKEN}/getMe")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "telegram", logging.ERROR, __file__, 1, "call %s", (f"/bot{TOKEN}",), sys.exc_info()
        )
    text = render(record)
    assert TOKEN not in text
    assert text.count("<token>") == 2
