"""Typed, keyword-only storage API. (STUB: signatures fixed, bodies to be implemented.)"""

from __future__ import annotations

from datetime import datetime, time

from digest.models import Article, Card, Chat, Feed, Subscription


async def open_storage(url: str) -> Storage:
    """Create the engine for `url`, apply migrations (alembic upgrade head) and return Storage."""
    raise NotImplementedError


class Storage:
    """All database access. One AsyncSession per method call; safe to share across tasks."""

    async def close(self) -> None:
        """Dispose of the engine."""
        raise NotImplementedError

    # feeds
    async def add_feed(self, *, url: str) -> Feed:
        """Insert the feed if its URL is new; return the stored feed either way."""
        raise NotImplementedError

    async def list_feeds(self) -> list[Feed]:
        """Return every feed, oldest first."""
        raise NotImplementedError

    async def record_feed_success(
        self, *, feed_id: int, title: str | None, etag: str | None, last_modified: str | None
    ) -> None:
        """Store a successful poll: title, cache validators; reset the error count."""
        raise NotImplementedError

    async def record_feed_error(self, *, feed_id: int, error: str) -> None:
        """Store a failed poll: increment error_count, keep the message."""
        raise NotImplementedError

    async def has_article(self, *, feed_id: int, entry_key: str) -> bool:
        """Tell whether (feed, entry_key) is already stored."""
        raise NotImplementedError

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
    ) -> Article | None:
        """Store a new article; return None (and change nothing) if (feed, entry_key) exists."""
        raise NotImplementedError

    async def latest_article(self, *, tokens: tuple[str, ...]) -> Article | None:
        """Return the newest article whose folded headline+text holds every folded token."""
        raise NotImplementedError

    async def articles_since(self, *, since: datetime | None, limit: int = 500) -> list[Article]:
        """Return articles fetched after `since` (all when None), newest first."""
        raise NotImplementedError

    async def article_tokens(self, *, article_id: int) -> frozenset[str]:
        """Return the folded whole-word tokens of an article's headline and text."""
        raise NotImplementedError

    # chats
    async def ensure_chat(
        self, *, chat_id: int, language: str, timezone: str, digest_time: time
    ) -> Chat:
        """Insert the chat with these defaults if unknown; return the stored chat."""
        raise NotImplementedError

    async def get_chat(self, *, chat_id: int) -> Chat | None:
        """Return the chat or None."""
        raise NotImplementedError

    async def list_chats(self) -> list[Chat]:
        """Return every active chat."""
        raise NotImplementedError

    async def set_digest_time(self, *, chat_id: int, digest_time: time) -> None:
        """Change a chat's local digest time."""
        raise NotImplementedError

    async def set_timezone(self, *, chat_id: int, timezone: str) -> None:
        """Change a chat's IANA timezone."""
        raise NotImplementedError

    async def set_chat_active(self, *, chat_id: int, active: bool) -> None:
        """Mark a chat active or inactive (blocked the bot)."""
        raise NotImplementedError

    # subscriptions
    async def add_subscription(self, *, chat_id: int, query: str, limit: int) -> Subscription:
        """Add a query; return the existing one if equal; raise SubscriptionLimitError at limit."""
        raise NotImplementedError

    async def list_subscriptions(self, *, chat_id: int) -> list[Subscription]:
        """Return a chat's subscriptions, oldest first."""
        raise NotImplementedError

    async def remove_subscription(self, *, chat_id: int, subscription_id: int) -> bool:
        """Delete one of the chat's subscriptions; False when it was not there."""
        raise NotImplementedError

    # deliveries
    async def claim_delivery(self, *, chat_id: int, period_key: str) -> bool:
        """Record that the digest `period_key` for a chat is being sent; False if already."""
        raise NotImplementedError

    async def release_delivery(self, *, chat_id: int, period_key: str) -> None:
        """Drop an unsent claim so the digest can be tried again later."""
        raise NotImplementedError

    async def complete_delivery(
        self, *, chat_id: int, period_key: str, article_ids: list[int], sent_at: datetime
    ) -> None:
        """Mark the delivery sent and move the chat's last_digest_at to `sent_at`."""
        raise NotImplementedError
