"""The poll round's line: feeds by title (host and path before the first poll), busiest first."""

from __future__ import annotations

import logging

import pytest

from digest.models import Feed
from handlers.round_log import log_digest_round, log_poll_round


def feeds(count: int) -> list[Feed]:
    return [Feed(id=n, url=f"https://site{n}.example/rss", title=f"Site {n}") for n in range(count)]


@pytest.mark.parametrize(
    ("stored", "line"),
    [
        ({}, None),
        ({3: 0}, None),
        ({2: 1, 5: 4}, "poll round: 8 feeds polled, 5 new articles (Site 5 4, Site 2 1)"),
        (
            {n: n + 1 for n in range(7)},
            "poll round: 8 feeds polled, 28 new articles "
            "(Site 6 7, Site 5 6, Site 4 5, Site 3 4, Site 2 3, +2 more feeds)",
        ),
    ],
)
def test_poll_round_line(
    caplog: pytest.LogCaptureFixture, stored: dict[int, int], line: str | None
) -> None:
    with caplog.at_level(logging.INFO):
        log_poll_round(feeds(8), stored)
    assert [r.getMessage() for r in caplog.records] == ([line] if line else [])


def test_a_feed_not_polled_before_is_named_by_host_and_path(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        log_poll_round([Feed(id=1, url="https://vnexpress.net/rss/tin-moi-nhat.rss")], {1: 3})
    (record,) = caplog.records
    assert record.getMessage().endswith("(vnexpress.net/rss/tin-moi-nhat.rss 3)")


@pytest.mark.parametrize(
    ("due", "queued", "messages", "line"),
    [
        (3, 0, 0, None),
        (3, 2, 5, "digest round: 2 of 3 due chats queued a digest, 5 messages"),
    ],
)
def test_digest_round_line(
    caplog: pytest.LogCaptureFixture, due: int, queued: int, messages: int, line: str | None
) -> None:
    with caplog.at_level(logging.INFO):
        log_digest_round(due=due, queued=queued, messages=messages)
    assert [r.getMessage() for r in caplog.records] == ([line] if line else [])
