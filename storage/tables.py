"""SQLAlchemy 2 typed declarative tables; migrations in `storage/migrations` must match them.

Every datetime column is `UTCDateTime`: timezone-aware UTC going in and coming out, because
SQLite stores datetimes as naive text while PostgreSQL keeps `timestamptz`.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; naive values are refused on the way in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC; SQLite's text format cannot hold an offset, so drop it there."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return the stored value as an aware UTC datetime."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base holding the metadata of every table."""


class FeedRow(Base):
    """A polled feed with its HTTP cache validators and error state."""

    __tablename__ = "feeds"
    __table_args__ = (
        UniqueConstraint("url", name="uq_feeds_url"),
        Index("ix_feeds_next_check_at", "next_check_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # NULL means "check as soon as possible" (a feed never polled yet).
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The chat that added the feed with /addfeed or an OPML file; NULL for configured feeds.
    added_by: Mapped[int | None] = mapped_column(BigInteger)


class ArticleRow(Base):
    """One stored article; `card` is the Card as JSON, `search_text` is folded for matching."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("feed_id", "entry_key", name="uq_articles_feed_entry"),
        Index("ix_articles_fetched_at", "fetched_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(
        ForeignKey("feeds.id", name="fk_articles_feed_id", ondelete="CASCADE")
    )
    entry_key: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str] = mapped_column(Text)
    card: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The feed entry's fingerprint when stored: a changed entry updates the card in place.
    content_digest: Mapped[str | None] = mapped_column(String(64))


class InstantQueueRow(Base):
    """An article whose instant pushes are not queued yet.

    Written in the transaction that stores the article and deleted once its pushes are in
    the outbox, so a crash between the two leaves the mark and the next round queues them.
    """

    __tablename__ = "instant_queue"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", name="fk_instant_queue_article_id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )


class ChatRow(Base):
    """A Telegram chat; the id is Telegram's own 64-bit chat id."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64))
    digest_time: Mapped[time] = mapped_column(Time)
    language: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    frequency: Mapped[str] = mapped_column(String(16), default="daily", server_default="daily")
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    next_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SubscriptionRow(Base):
    """A keyword query of a chat; `query_folded` is the duplicate-detection key."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("chat_id", "query_folded", name="uq_subscriptions_chat_query"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", name="fk_subscriptions_chat_id", ondelete="CASCADE")
    )
    query: Mapped[str] = mapped_column(Text)
    query_folded: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeliveryRow(Base):
    """A digest claimed (and later sent) for one chat and period."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("chat_id", "period_key", name="uq_deliveries_chat_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", name="fk_deliveries_chat_id", ondelete="CASCADE")
    )
    period_key: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    article_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OutboxRow(Base):
    """One message of a delivery, waiting to be sent or already sent.

    `state` moves pending → sending (only while its request may be out) → sent (or failed).
    A row found in `sending` at start-up may or may not have reached Telegram; it is taken as
    sent, with last_error "in doubt: …", so a digest is never doubled.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_not_before", "state", "not_before"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("deliveries.id", name="fk_outbox_delivery_id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    parse_mode: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class MutedSourceRow(Base):
    """A news source (host) a chat does not want in its digests."""

    __tablename__ = "muted_sources"
    __table_args__ = (UniqueConstraint("chat_id", "host", name="uq_muted_sources_chat_host"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", name="fk_muted_sources_chat_id", ondelete="CASCADE")
    )
    host: Mapped[str] = mapped_column(String(255))
