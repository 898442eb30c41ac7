"""The one INFO line a poll round or a digest round leaves when it stored or queued something."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from digest.models import Feed

log = logging.getLogger("handlers.jobs")

SHOWN_FEEDS = 5  # the line stays one readable line with thousands of feeds


def feed_name(feed: Feed) -> str:
    """Return the feed's title, or its host and path before the first poll has read one."""
    if feed.title:
        return feed.title
    parts = urlsplit(feed.url)
    return f"{parts.netloc}{parts.path}"[:80]


def log_poll_round(feeds: Sequence[Feed], stored: Mapping[int, int]) -> None:
    """Log how many feeds were polled and which stored new articles; silent if none did."""
    counts = sorted(
        ((count, feed_name(feed)) for feed in feeds if (count := stored.get(feed.id, 0))),
        key=lambda item: -item[0],
    )
    if not counts:
        return
    shown = ", ".join(f"{name} {count}" for count, name in counts[:SHOWN_FEEDS])
    more = f", +{len(counts) - SHOWN_FEEDS} more feeds" if len(counts) > SHOWN_FEEDS else ""
    total = sum(count for count, _ in counts)
    log.info("poll round: %d feeds polled, %d new articles (%s%s)", len(feeds), total, shown, more)


def log_digest_round(*, due: int, queued: int, messages: int) -> None:
    """Log how many due chats got a digest queued and how many messages; silent if none."""
    if queued:
        log.info(
            "digest round: %d of %d due chats queued a digest, %d messages", queued, due, messages
        )
