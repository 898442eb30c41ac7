"""Publication times in the chat's zone: the date always, the year outside the current one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from digest.models import Article, Card
from digest.stamp import article_moment, local_date, local_stamp

NOW = datetime(2026, 12, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "timezone", "now", "expected"),
    [
        # Today's article still shows its date: a digest read tomorrow must not pass it as new.
        (datetime(2026, 12, 25, 0, 15, tzinfo=UTC), "Asia/Ho_Chi_Minh", NOW, "07:15 25/12"),
        (datetime(2026, 12, 23, 0, 15, tzinfo=UTC), "Asia/Ho_Chi_Minh", NOW, "07:15 23/12"),
        (datetime(2026, 12, 25, 0, 15, tzinfo=UTC), "Europe/London", NOW, "00:15 25/12"),
        # The zone can move the date: 20:00 UTC on 24/12 is 03:00 on 25/12 in Vietnam.
        (datetime(2026, 12, 24, 20, 0, tzinfo=UTC), "Asia/Ho_Chi_Minh", NOW, "03:00 25/12"),
        # Another year is written out, judged in the chat's zone.
        (datetime(2019, 12, 25, 4, 5, tzinfo=UTC), "Asia/Ho_Chi_Minh", NOW, "11:05 25/12/2019"),
        (
            datetime(2026, 12, 31, 20, 0, tzinfo=UTC),
            "Asia/Ho_Chi_Minh",
            datetime(2026, 12, 31, 20, 0, tzinfo=UTC),
            "03:00 01/01",
        ),
        (
            datetime(2026, 12, 31, 16, 0, tzinfo=UTC),
            "Asia/Ho_Chi_Minh",
            datetime(2027, 1, 1, 1, 0, tzinfo=UTC),
            "23:00 31/12/2026",
        ),
        # A naive time is UTC; a zone this machine does not know is UTC.
        (datetime(2026, 12, 25, 0, 15), "Asia/Ho_Chi_Minh", NOW, "07:15 25/12"),
        (datetime(2026, 12, 25, 0, 15, tzinfo=UTC), "Mars/Olympus", NOW, "00:15 25/12"),
    ],
)
def test_local_stamp(moment: datetime, timezone: str, now: datetime, expected: str) -> None:
    assert local_stamp(moment, timezone=timezone, now=now) == expected


@pytest.mark.parametrize(
    ("now", "timezone", "expected"),
    [
        (NOW, "Asia/Ho_Chi_Minh", "25/12"),
        (datetime(2026, 12, 25, 20, 0, tzinfo=UTC), "Asia/Ho_Chi_Minh", "26/12"),
        (datetime(2026, 12, 25, 3, 0, tzinfo=UTC), "America/New_York", "24/12"),
    ],
)
def test_local_date(now: datetime, timezone: str, expected: str) -> None:
    assert local_date(now, timezone=timezone) == expected


def article(published: datetime | None, fetched_at: datetime) -> Article:
    card = Card(headline="h", summary="", quote=None, figures=(), lang="vi")
    return Article(
        id=1,
        feed_id=1,
        entry_key="k",
        url=None,
        card=card,
        published=published,
        fetched_at=fetched_at,
    )


@pytest.mark.parametrize(
    ("published", "fetched_at", "expected"),
    [
        (NOW - timedelta(days=2), NOW, NOW - timedelta(days=2)),
        (None, NOW, NOW),
        (None, datetime(2026, 12, 25, 12, 0), NOW),
    ],
)
def test_article_moment_is_published_else_fetched_and_aware(
    published: datetime | None, fetched_at: datetime, expected: datetime
) -> None:
    moment = article_moment(article(published, fetched_at))
    assert moment == expected and moment.tzinfo is not None
