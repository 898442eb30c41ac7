"""The error handler's rule table: which failures are expected, logged how, answered or not."""

from __future__ import annotations

import logging

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from handlers.failures import describe, report_failure
from storage.errors import StorageError


@pytest.mark.parametrize(
    ("error", "level", "traceback", "reply"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), logging.WARNING, False, False),
        (NetworkError("httpx.ConnectError: down"), logging.WARNING, False, False),
        (TimedOut(), logging.WARNING, False, False),
        (RetryAfter(5), logging.WARNING, False, False),
        (BadRequest("Message is too long"), logging.WARNING, False, True),
        (StorageError("add feed 'x' failed: disk full"), logging.WARNING, False, True),
        (KeyError("chat"), logging.ERROR, True, True),
    ],
)
def test_failures_in_a_job_are_one_line_with_a_traceback_only_for_bugs(
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    level: int,
    traceback: bool,
    reply: bool,
) -> None:
    with caplog.at_level(logging.INFO):
        assert report_failure(None, error, job="poll-feeds") is reply
    (record,) = caplog.records
    assert record.getMessage() == f"handler failed in job poll-feeds: {describe(error)}"
    assert (record.levelno, record.exc_info is not None) == (level, traceback)


def test_a_long_poll_that_cannot_reach_telegram_is_left_to_the_link_watch(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        assert report_failure(None, NetworkError("down"), job=None) is False
    assert not caplog.records


BLOCKED = "Forbidden: bot was blocked by the user"


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (Forbidden(BLOCKED), BLOCKED),
        (NetworkError("httpx.ConnectError: a\nb"), "NetworkError: httpx.ConnectError: a b"),
        (ValueError(), "ValueError"),
        (ValueError("x" * 500), "ValueError: " + "x" * 200),
    ],
)  # fmt: skip
def test_describe_names_an_error_in_one_short_line(error: Exception, text: str) -> None:
    assert describe(error) == text
