"""Plain factory functions for storage tests."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from digest.models import Card, Chat, Figure, Quote
from storage import Storage

SEED_PATH = Path(__file__).resolve().parents[1] / "data/seed/baonghean-2019-12-25.txt"
VN_CHAT_ID = -1001234567890123  # supergroup ids exceed 32 bits


def seed_text() -> str:
    """Return the Vietnamese seed article."""
    return SEED_PATH.read_text(encoding="utf-8")


def make_card(
    headline: str = "Đảng ủy Khối họp tổng kết năm 2019",
    *,
    summary: str = "Hội nghị tổng kết công tác xây dựng Đảng.",
    quote: Quote | None = None,
    figures: tuple[Figure, ...] = (),
    lang: str = "vi",
) -> Card:
    """Return a card with Vietnamese defaults."""
    return Card(headline=headline, summary=summary, quote=quote, figures=figures, lang=lang)


def at(day: int, hour: int = 0) -> datetime:
    """Return an aware UTC datetime in January 2024."""
    return datetime(2024, 1, day, hour, tzinfo=UTC)


async def make_chat(storage: Storage, chat_id: int = VN_CHAT_ID) -> Chat:
    """Store and return a chat with Vietnamese defaults."""
    return await storage.ensure_chat(
        chat_id=chat_id, language="vi", timezone="Asia/Ho_Chi_Minh", digest_time=time(7, 30)
    )


async def store_article(
    storage: Storage,
    *,
    feed_id: int,
    key: str,
    headline: str = "Tin",
    text: str = "",
    published: datetime | None = None,
) -> int:
    """Store an article that must be new and return its id."""
    article = await storage.add_article(
        feed_id=feed_id,
        entry_key=key,
        url=f"https://example.test/{key}",
        card=make_card(headline),
        text=text,
        published=published,
    )
    assert article is not None, f"article {key} was unexpectedly a duplicate"
    return article.id
