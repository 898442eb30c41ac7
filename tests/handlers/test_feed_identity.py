"""One feed per canonical URL, one instant push per story, whichever feeds carry it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.app import build_application, running
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newsdata import Item
from tests.fakes.newssite import NewsSite
from tests.harness import eventually, feeds_polled, make_settings, say

ADMIN = 7101


async def test_spellings_of_one_feed_url_add_one_feed(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.add_item("extra", gold_item())
    plain = news_site.feed_url("extra")
    scheme, rest = plain.split("://", 1)
    listed = [
        news_site.feed_url("baonghean") + "?utm_source=env#top",
        news_site.feed_url("english"),
    ]
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN], feeds=listed)
    app = build_application(settings)
    async with running(app):
        await bot_api.user_sends(ADMIN, f"/addfeed {scheme.upper()}://{rest}?utm_source=x#top")
        _, added = await bot_api.wait_for_messages(ADMIN, count=2)
        assert "Đã thêm nguồn tin" in added.text
        for variant in (
            plain,
            f"{scheme.upper()}://{rest}",
            f"{plain}?utm_source=x",
            f"{plain}#frag",
        ):
            assert "đã có sẵn" in await say(bot_api, ADMIN, f"/addfeed {variant}"), variant
        feeds = await app.bot_data.services.storage.list_feeds()
        assert [feed.url for feed in feeds].count(plain) == 1
        assert len(feeds) == 3, "baonghean, english and extra, once"
        assert feeds[0].url == news_site.feed_url("baonghean"), "FEEDS stored canonical"
        listed_again = news_site.feed_url("baonghean").replace("http://", "HTTP://")
        assert "đã có sẵn" in await say(bot_api, ADMIN, f"/addfeed {listed_again}")


async def test_an_article_in_two_feeds_is_pushed_once(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    news_site.add_feed("nghean24", title="Nghệ An 24h")
    feeds = [news_site.feed_url("baonghean"), news_site.feed_url("nghean24")]
    app = build_application(make_settings(bot_api, news_site, database_url, feeds=feeds))
    async with running(app):
        await say(bot_api, ADMIN, "/subscribe giá vàng")
        await say(bot_api, ADMIN, "/frequency instant")
        await eventually(lambda: feeds_polled(app))
        news_site.add_item("baonghean", gold_item())
        news_site.add_item("nghean24", gold_item())
        assert await ingest_all(app.bot_data.services) == 2, "stored once per feed"
        (card,) = await bot_api.wait_for_messages(ADMIN)
        assert card.text.startswith("Giá vàng trong nước tăng mạnh")
        await asyncio.sleep(1.5)  # a second push would leave a second apart
        assert len(bot_api.messages(ADMIN)) == 3, "two replies and one card"


def gold_item() -> Item:
    """Return a news item about the gold price, published now, without a guid."""
    return Item(
        title="Giá vàng trong nước tăng mạnh",
        slug="gia-vang-tang-manh",
        description="Giá vàng SJC sáng nay tăng 500.000 đồng mỗi lượng, lên 92,5 triệu đồng.",
        published=datetime.now(UTC),
    )
