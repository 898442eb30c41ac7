"""Feeds and articles: the part of `Storage` the poller writes and handlers read.

Article rules, in order: text is capped (`storage.search`); the folded `search_text` is
stored beside it; the unique (feed_id, entry_key) constraint, not a prior check, decides
whether an article is new, so concurrent polls never store it twice; an article to push to
instant chats is marked in `instant_queue` in the transaction that stores it, and the mark
goes only once its pushes are queued (`pending_pushes`, `clear_pending_pushes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, Select, and_, delete, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from digest.compose import host_of
from digest.models import Article, Card, Feed
from digest.query import Query, make_doc, required_tokens, score
from storage import codec, search
from storage.errors import ConflictError
from storage.session import Sessions, aware, utc_now
from storage.tables import ArticleRow, FeedRow, InstantQueueRow

# latest_article reads candidates in batches and gives up after MAX_SCAN of them: a LIKE
# prefilter rarely yields that many substring-only (not whole-word) hits.
SCAN_BATCH = 100
MAX_SCAN = 2000
# How many of the newest matches compete on exact diacritics before recency decides.
RANK_WINDOW = 20


class FeedStore:
    """Feed and article methods of `Storage`."""

    _db: Sessions

    async def add_feed(self, *, url: str, added_by: int | None = None) -> Feed:
        """Insert the feed if its URL is new; return the stored feed either way."""
        existing = await self.find_feed(url=url)
        if existing is not None:
            return existing
        row = FeedRow(url=url, error_count=0, created_at=utc_now(), added_by=added_by)
        try:
            async with self._db.transaction(f"add feed {url!r}") as session:
                session.add(row)
        except ConflictError:
            # Another task inserted the same URL between our read and our insert.
            existing = await self.find_feed(url=url)
            if existing is None:
                raise
            return existing
        return codec.feed_from_row(row)

    async def list_feeds(self) -> list[Feed]:
        """Return every feed, oldest first."""
        async with self._db.transaction("list feeds", write=False) as session:
            rows = await session.scalars(select(FeedRow).order_by(FeedRow.id))
            return [codec.feed_from_row(row) for row in rows]

    async def has_article(self, *, feed_id: int, entry_key: str) -> bool:
        """Tell whether (feed, entry_key) is already stored."""
        action = f"look up article {entry_key!r} of feed {feed_id}"
        async with self._db.transaction(action, write=False) as session:
            found = await session.scalar(
                select(ArticleRow.id).where(
                    ArticleRow.feed_id == feed_id, ArticleRow.entry_key == entry_key
                )
            )
        return found is not None

    # articles
    async def add_article(
        self,
        *,
        feed_id: int,
        entry_key: str,
        url: str | None,
        card: Card,
        text: str,
        published: datetime | None,
        digest: str | None = None,
        fetched_at: datetime | None = None,
        push: bool = False,
    ) -> Article | None:
        """Store a new article; return None (and change nothing) if (feed, entry_key) exists.

        With `push`, the article is marked for instant pushes in the same transaction.
        """
        text = search.cap_text(text)
        row = ArticleRow(
            feed_id=feed_id,
            entry_key=entry_key,
            url=url,
            headline=card.headline,
            card=codec.card_to_json(card),
            text=text,
            search_text=search.search_text(card.headline, text),
            published=None if published is None else aware(published, "published"),
            fetched_at=utc_now() if fetched_at is None else aware(fetched_at, "fetched_at"),
            content_digest=digest,
        )
        action = f"add article {entry_key!r} of feed {feed_id}"
        try:
            async with self._db.transaction(action) as session:
                session.add(row)
                await session.flush()
                if push:
                    await session.execute(insert(InstantQueueRow).values(article_id=row.id))
                feed = select(FeedRow.url, FeedRow.title).where(FeedRow.id == feed_id)
                feed_url, feed_title = (await session.execute(feed)).first() or (None, None)
        except ConflictError:
            # The unique (feed_id, entry_key) decides races; anything else (unknown feed) is
            # a real error.
            if await self.has_article(feed_id=feed_id, entry_key=entry_key):
                return None
            raise
        return codec.article_from_row(row, feed_url=feed_url, feed_title=feed_title)

    async def get_article(self, *, article_id: int) -> Article | None:
        """Return the article or None."""
        async with self._db.transaction(f"load article {article_id}", write=False) as session:
            return await _load_article(session, article_id)

    async def latest_article(
        self, *, query: Query, skip: int = 0, muted: frozenset[str] = frozenset()
    ) -> Article | None:
        """Return the newest article matching `query`, exact-diacritic matches first.

        Articles whose source host (`digest.compose.host_of`) is in `muted` are left out.
        Among the newest `RANK_WINDOW` matches, a higher `digest.query.score` (the query's
        own diacritics found verbatim) wins, then recency. `skip` passes over that many
        better matches first ("more" paging).
        """
        ranked: list[tuple[int, int, int]] = []  # (-score, rank by recency, article id)
        action = f"find the latest article for {query.text!r}"
        async with self._db.transaction(action, write=False) as session:
            for offset in range(0, MAX_SCAN, SCAN_BATCH):
                rows = (await session.execute(_candidates(query, offset))).all()
                for article_id, headline, text, url, feed_url in rows:
                    if muted and host_of(url, feed_url) in muted:
                        continue
                    points = score(query, make_doc(f"{headline}\n{text}"))
                    if points:
                        ranked.append((-points, len(ranked), article_id))
                if len(rows) < SCAN_BATCH or len(ranked) >= RANK_WINDOW + skip:
                    break
            ranked.sort()
            if skip >= len(ranked):
                return None
            return await _load_article(session, ranked[skip][2])

    async def article_texts(self, *, article_ids: Sequence[int]) -> dict[int, str]:
        """Return each article's headline and text (as written) for matching."""
        found: dict[int, str] = {}
        async with self._db.transaction("read article texts", write=False) as session:
            for start in range(0, len(article_ids), 500):
                batch = list(article_ids[start : start + 500])
                stmt = select(ArticleRow.id, ArticleRow.headline, ArticleRow.text).where(
                    ArticleRow.id.in_(batch)
                )
                for article_id, headline, text in (await session.execute(stmt)).all():
                    found[article_id] = f"{headline}\n{text}"
        return found

    async def articles_since(self, *, since: datetime | None, limit: int = 500) -> list[Article]:
        """Return articles fetched after `since` (all when None), newest first."""
        stmt = _article_select().order_by(ArticleRow.fetched_at.desc(), ArticleRow.id.desc())
        if since is not None:
            stmt = stmt.where(ArticleRow.fetched_at > aware(since, "since"))
        async with self._db.transaction("list recent articles", write=False) as session:
            rows = (await session.execute(stmt.limit(limit))).all()
        return [_article(found) for found in rows]

    async def pending_pushes(self, *, limit: int = 500) -> list[Article]:
        """Return the articles marked for instant pushes, oldest first."""
        stmt = (
            _article_select()
            .join(InstantQueueRow, InstantQueueRow.article_id == ArticleRow.id)
            .order_by(ArticleRow.id)
            .limit(limit)
        )
        async with self._db.transaction("list pending pushes", write=False) as session:
            rows = (await session.execute(stmt)).all()
        return [_article(found) for found in rows]

    async def clear_pending_pushes(self, *, article_ids: Sequence[int]) -> None:
        """Drop the push marks of articles whose instant pushes are queued."""
        if not article_ids:
            return
        async with self._db.transaction("clear pending pushes") as session:
            await session.execute(
                delete(InstantQueueRow).where(InstantQueueRow.article_id.in_(list(article_ids)))
            )

    async def find_feed(self, *, url: str) -> Feed | None:
        """Return the feed stored under `url`, or None."""
        async with self._db.transaction(f"look up feed {url!r}", write=False) as session:
            row = await session.scalar(select(FeedRow).where(FeedRow.url == url))
            return None if row is None else codec.feed_from_row(row)


def _article_select() -> Select[ArticleRow, str, str | None]:
    """Select articles with their feed's URL and title, leaving the large text columns unloaded."""
    return (
        select(ArticleRow, FeedRow.url, FeedRow.title)
        .join(FeedRow, FeedRow.id == ArticleRow.feed_id)
        .options(defer(ArticleRow.text), defer(ArticleRow.search_text))
    )


async def _load_article(session: AsyncSession, article_id: int) -> Article | None:
    found = (await session.execute(_article_select().where(ArticleRow.id == article_id))).first()
    return None if found is None else _article(found)


def _article(found: Row[ArticleRow, str, str | None]) -> Article:
    """Map one row of `_article_select`."""
    row, feed_url, feed_title = found
    return codec.article_from_row(row, feed_url=feed_url, feed_title=feed_title)


def _candidates(query: Query, offset: int) -> Select[int, str, str, str | None, str]:
    """Select a batch of possible matches, newest first: SQL prefilters, Python decides."""
    branches = [
        and_(
            *(
                ArticleRow.search_text.like(search.like_pattern(tok), escape=search.LIKE_ESCAPE)
                for tok in tokens
            )
        )
        for tokens in required_tokens(query)
    ]
    newest = func.coalesce(ArticleRow.published, ArticleRow.fetched_at)
    return (
        select(ArticleRow.id, ArticleRow.headline, ArticleRow.text, ArticleRow.url, FeedRow.url)
        .join(FeedRow, FeedRow.id == ArticleRow.feed_id)
        .where(or_(*branches))
        .order_by(newest.desc(), ArticleRow.id.desc())
        .limit(SCAN_BATCH)
        .offset(offset)
    )
