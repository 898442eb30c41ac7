"""Feed polling state and feed management: the part of `Storage` the scheduler drives.

Rules, in order: a feed is due when it is not disabled and its `next_check_at` is NULL
(never polled) or past; due feeds come oldest-due first. A success resets the failure
count; a failure adds one and returns the new count (the caller decides on disabling). A
permanent redirect moves the stored URL unless another feed already has that URL. A
changed entry (same key, new fingerprint) replaces the stored card in place, keeping the
article's id, so it is never pushed again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update

from digest.models import Card, Feed
from storage import codec, search
from storage.errors import ConflictError, StorageError
from storage.session import Sessions, aware, utc_now
from storage.tables import ArticleRow, FeedRow

MAX_ERROR_CHARS = 2000


class FeedPollStore:
    """Polling and management methods of `Storage`."""

    _db: Sessions

    async def due_feeds(self, *, now: datetime, limit: int = 1000) -> list[Feed]:
        """Return enabled feeds whose next check is NULL or not after `now`, oldest due first."""
        now = aware(now, "now")
        due = FeedRow.next_check_at.is_(None) | (FeedRow.next_check_at <= now)
        stmt = (
            select(FeedRow)
            .where(FeedRow.disabled_at.is_(None), due)
            .order_by(FeedRow.next_check_at.is_not(None), FeedRow.next_check_at, FeedRow.id)
            .limit(limit)
        )
        async with self._db.transaction("list due feeds", write=False) as session:
            return [codec.feed_from_row(row) for row in await session.scalars(stmt)]

    async def record_feed_success(
        self,
        *,
        feed_id: int,
        title: str | None,
        etag: str | None,
        last_modified: str | None,
        checked_at: datetime | None = None,
        next_check_at: datetime | None = None,
    ) -> None:
        """Store a successful poll: title (kept when None), validators, times; reset errors."""
        checked_at = utc_now() if checked_at is None else aware(checked_at, "checked_at")
        values = {
            "title": func.coalesce(title, FeedRow.title),
            "etag": etag,
            "last_modified": last_modified,
            "error_count": 0,
            "last_error": None,
            "last_success_at": checked_at,
            "last_checked_at": checked_at,
            "next_check_at": next_check_at,
        }
        await self._update_feed(feed_id, "record a successful poll", values)

    async def record_unchanged(self, *, checks: Sequence[tuple[int, datetime, datetime]]) -> None:
        """Store many "not modified" answers in one transaction: (feed id, checked, next)."""
        rows = [
            {
                "id": feed_id,
                "error_count": 0,
                "last_error": None,
                "last_success_at": aware(checked, "checked"),
                "last_checked_at": aware(checked, "checked"),
                "next_check_at": aware(next_at, "next"),
            }
            for feed_id, checked, next_at in checks
        ]
        if not rows:
            return
        # One transaction for a whole round: most polls of a big feed list are 304s, and a
        # transaction per feed was most of their cost (bench/ingest.py).
        async with self._db.transaction(f"record {len(rows)} unchanged feeds") as session:
            await session.execute(update(FeedRow), rows)

    async def record_feed_error(
        self,
        *,
        feed_id: int,
        error: str,
        checked_at: datetime | None = None,
        next_check_at: datetime | None = None,
    ) -> int:
        """Store a failed poll and the next check time; return the failures in a row."""
        values = {
            "error_count": FeedRow.error_count + 1,
            "last_error": error[:MAX_ERROR_CHARS],
            "last_checked_at": utc_now() if checked_at is None else aware(checked_at, "at"),
            "next_check_at": next_check_at,
        }
        action = f"record a failed poll of feed {feed_id}"
        async with self._db.transaction(action) as session:
            count = await session.scalar(
                update(FeedRow)
                .where(FeedRow.id == feed_id)
                .values(values)
                .returning(FeedRow.error_count)
            )
        if count is None:
            raise StorageError(f"could not {action}: no such feed")
        return int(count)

    async def disable_feed(self, *, feed_id: int, at: datetime) -> bool:
        """Disable the feed; False when it was already disabled (or is unknown)."""
        action = f"disable feed {feed_id}"
        async with self._db.transaction(action) as session:
            found = await session.scalar(
                update(FeedRow)
                .where(FeedRow.id == feed_id, FeedRow.disabled_at.is_(None))
                .values(disabled_at=aware(at, "at"))
                .returning(FeedRow.id)
            )
        return found is not None

    async def enable_feed(self, *, feed_id: int) -> None:
        """Enable the feed again with a clean error count, to be checked at once."""
        values = {"disabled_at": None, "error_count": 0, "next_check_at": None}
        await self._update_feed(feed_id, "reset the state", values)

    async def move_feed(self, *, feed_id: int, url: str) -> bool:
        """Store the feed's new permanent URL; False when another feed already has it."""
        try:
            await self._update_feed(feed_id, "update the URL", {"url": url})
        except ConflictError:
            return False
        return True

    async def remove_feed(self, *, feed_id: int) -> bool:
        """Delete the feed and its articles; False when it did not exist."""
        async with self._db.transaction(f"remove feed {feed_id}") as session:
            found = await session.scalar(
                delete(FeedRow).where(FeedRow.id == feed_id).returning(FeedRow.id)
            )
        return found is not None

    async def get_feed(self, *, feed_id: int) -> Feed | None:
        """Return the feed or None."""
        async with self._db.transaction(f"load feed {feed_id}", write=False) as session:
            row = await session.get(FeedRow, feed_id)
            return None if row is None else codec.feed_from_row(row)

    async def count_feeds_added_by(self, *, chat_id: int) -> int:
        """Return how many feeds `chat_id` added."""
        stmt = select(func.count()).select_from(FeedRow).where(FeedRow.added_by == chat_id)
        async with self._db.transaction("count a chat's feeds", write=False) as session:
            return int(await session.scalar(stmt) or 0)

    async def article_counts(self) -> dict[int, int]:
        """Return the number of stored articles of each feed that has any."""
        stmt = select(ArticleRow.feed_id, func.count()).group_by(ArticleRow.feed_id)
        async with self._db.transaction("count articles per feed", write=False) as session:
            return {feed_id: int(count) for feed_id, count in (await session.execute(stmt)).all()}

    async def stored_entries(self, *, feed_id: int, keys: Sequence[str]) -> dict[str, str | None]:
        """Return the fingerprint (None when unknown) of each of `keys` already stored."""
        found: dict[str, str | None] = {}
        async with self._db.transaction(f"look up entries of feed {feed_id}", write=False) as s:
            for start in range(0, len(keys), 500):
                stmt = select(ArticleRow.entry_key, ArticleRow.content_digest).where(
                    ArticleRow.feed_id == feed_id,
                    ArticleRow.entry_key.in_(list(keys[start : start + 500])),
                )
                for key, digest in (await s.execute(stmt)).all():
                    found[key] = digest
        return found

    async def update_article(
        self,
        *,
        feed_id: int,
        entry_key: str,
        url: str | None,
        card: Card,
        text: str,
        digest: str,
    ) -> bool:
        """Replace a stored entry's card, text and fingerprint; False when it is not stored."""
        text = search.cap_text(text)
        values = {
            "url": url,
            "headline": card.headline,
            "card": codec.card_to_json(card),
            "text": text,
            "search_text": search.search_text(card.headline, text),
            "content_digest": digest,
        }
        action = f"update article {entry_key!r} of feed {feed_id}"
        async with self._db.transaction(action) as session:
            found = await session.scalar(
                update(ArticleRow)
                .where(ArticleRow.feed_id == feed_id, ArticleRow.entry_key == entry_key)
                .values(values)
                .returning(ArticleRow.id)
            )
        return found is not None

    async def _update_feed(self, feed_id: int, action: str, values: Mapping[str, object]) -> None:
        async with self._db.transaction(f"{action} of feed {feed_id}") as session:
            found = await session.scalar(
                update(FeedRow).where(FeedRow.id == feed_id).values(values).returning(FeedRow.id)
            )
            if found is None:
                raise StorageError(f"could not {action} of feed {feed_id}: no such feed")
