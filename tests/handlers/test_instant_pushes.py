"""Instant pushes survive a round that dies after storing its articles: each comes once."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import build_application, running
from handlers.context import NewsApp
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import Item, NewsSite
from tests.harness import eventually, feeds_polled, make_settings, say

GOLD, SILVER, GOLD_AGAIN = (
    "Giá vàng trong nước tăng mạnh",
    "Giá bạc thế giới giảm nhẹ",
    "Giá vàng SJC lập đỉnh mới",
)
# chat → its keywords, and the headlines it must get, each exactly once.
CHATS = {
    501: (["giá vàng"], {GOLD, GOLD_AGAIN}),
    502: (["giá vàng", "giá bạc"], {GOLD, SILVER, GOLD_AGAIN}),
    503: (["giá bạc"], {SILVER}),
}

# Every instant delivery after the first fails, as a disk I/O error would mid-round.
SQLITE_FAULT = [
    """CREATE TRIGGER fail_pushes BEFORE INSERT ON deliveries
       WHEN NEW.period_key LIKE 'instant:%'
        AND (SELECT count(*) FROM deliveries WHERE period_key LIKE 'instant:%') >= 1
       BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END""",
]
POSTGRES_FAULT = [
    """CREATE FUNCTION fail_pushes() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.period_key LIKE 'instant:%'
            AND (SELECT count(*) FROM deliveries WHERE period_key LIKE 'instant:%') >= 1 THEN
           RAISE EXCEPTION 'disk I/O error';
         END IF;
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER fail_pushes BEFORE INSERT ON deliveries
       FOR EACH ROW EXECUTE FUNCTION fail_pushes()""",
]
SQLITE_REPAIR = ["DROP TRIGGER fail_pushes"]
POSTGRES_REPAIR = ["DROP TRIGGER fail_pushes ON deliveries", "DROP FUNCTION fail_pushes()"]


@asynccontextmanager
async def failing_pushes(database_url: str) -> AsyncIterator[None]:
    """Make the database refuse every instant delivery but the first, inside the block."""
    sqlite = database_url.startswith("sqlite")
    await _execute(database_url, SQLITE_FAULT if sqlite else POSTGRES_FAULT)
    try:
        yield
    finally:
        await _execute(database_url, SQLITE_REPAIR if sqlite else POSTGRES_REPAIR)


async def _execute(database_url: str, statements: list[str]) -> None:
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as conn:
            for statement in statements:
                await conn.execute(text(statement))
    finally:
        await engine.dispose()


def item(title: str, slug: str) -> Item:
    return Item(
        title=title, slug=slug, description=f"{title} sáng nay.", published=datetime.now(UTC)
    )


async def instant_chats(api: FakeBotAPI) -> None:
    for chat, (queries, _) in CHATS.items():
        for query in queries:
            await say(api, chat, f"/subscribe {query}")
        await say(api, chat, "/frequency instant")


def pushes(api: FakeBotAPI, chat: int) -> Counter[str]:
    headlines = {title for _, wanted in CHATS.values() for title in wanted}
    return Counter(
        title for m in api.messages(chat) for title in headlines if m.text.startswith(title)
    )


async def outbox_drained(app: NewsApp) -> bool:
    counts = await app.bot_data.services.storage.outbox_counts()
    return not counts.get("pending") and not counts.get("sending")


async def test_a_database_error_mid_round_loses_and_doubles_no_push(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, database_url))
    async with running(app):
        await instant_chats(bot_api)
        await eventually(lambda: feeds_polled(app))  # the back catalogue is not pushed
        news_site.add_item("baonghean", item(GOLD, "vang-tang"))
        news_site.add_item("baonghean", item(SILVER, "bac-giam"))
        news_site.add_item("english", item(GOLD_AGAIN, "vang-dinh"))
        services = app.bot_data.services
        async with failing_pushes(database_url):
            assert await ingest_all(services) == 3, "stored, though their pushes failed"
        assert await ingest_all(services) == 0, "nothing new: the pushes left are queued"
        await eventually(lambda: all_arrived(bot_api))
        await eventually(lambda: outbox_drained(app))
    for chat, (_, wanted) in CHATS.items():
        assert pushes(bot_api, chat) == Counter(wanted), f"chat {chat}: each push once"


async def all_arrived(api: FakeBotAPI) -> bool:
    return all(set(pushes(api, chat)) >= wanted for chat, (_, wanted) in CHATS.items())
