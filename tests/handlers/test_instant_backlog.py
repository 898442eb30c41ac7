"""An instant chat's queue stays bounded under a burst, and every article is still shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_application, running
from handlers.context import NewsApp
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import Item, NewsSite
from tests.harness import eventually, feeds_polled, make_settings, say

CHAT = 6060
BURST = 40
CAPACITY = 5  # one message a second for five seconds (INSTANT_BACKLOG_SECONDS=5)


def gold_story(n: int) -> Item:
    # A different figure in each story keeps near-duplicate detection from merging them.
    return Item(
        title=f"Giá vàng phiên {n} tăng {n * 10 + 7} nghìn đồng",
        slug=f"gia-vang-phien-{n}",
        description=f"Giá vàng SJC phiên thứ {n} tăng {n * 10 + 7} nghìn đồng mỗi lượng.",
        published=datetime.now(UTC) - timedelta(minutes=BURST - n),
    )


async def test_an_instant_burst_beyond_the_backlog_is_folded_into_digest_messages(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    settings = make_settings(bot_api, news_site, database_url, instant_backlog_seconds=CAPACITY)
    app = build_application(settings)
    async with running(app):
        await say(bot_api, CHAT, "/subscribe giá vàng")
        await say(bot_api, CHAT, "/frequency instant")
        await eventually(lambda: feeds_polled(app))
        for n in range(1, BURST + 1):
            news_site.add_item("baonghean", gold_story(n))
        assert await ingest_all(app.bot_data.services) == BURST
        waiting = await _waiting(app)
        assert waiting <= CAPACITY + BURST // 5, f"{waiting} messages queued for {BURST} articles"
        await eventually(lambda: _drained(app), limit=60)
        texts = [m.text for m in bot_api.messages(CHAT)[2:]]
        assert all(text.startswith("Giá vàng phiên") for text in texts[:CAPACITY]), "cards"
        assert texts[CAPACITY].startswith(f"📰 Thêm {BURST - CAPACITY} bài")
        assert len(texts) <= CAPACITY + BURST // 5
        for n in range(1, BURST + 1):
            shown = sum(f"Giá vàng phiên {n} tăng" in text for text in texts)
            assert shown == 1, f"story {n} shown {shown} times"


async def _waiting(app: NewsApp) -> int:
    counts = await app.bot_data.services.storage.outbox_counts()  # only CHAT has a queue
    return counts.get("pending", 0) + counts.get("sending", 0)


async def _drained(app: NewsApp) -> bool:
    return await _waiting(app) == 0
