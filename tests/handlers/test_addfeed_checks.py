"""/addfeed follows a page's feed links, and warns about empty or broken feeds."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import build_application, running
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newsdata import Item
from tests.fakes.newssite import NewsSite
from tests.feeds.conftest import data_file
from tests.harness import make_settings

ADMIN = 7401
BLOG_PAGE = b"""<!doctype html><html><head><title>Blog</title>
<link rel="alternate" type="application/rss+xml" href="/missing.rss">
<link rel="alternate" type="application/rss+xml" href="../feeds/blog.rss">
</head><body><h1>Blog</h1></body></html>"""


async def added_reply(api: FakeBotAPI, url: str) -> str:
    await api.user_sends(ADMIN, f"/addfeed {url}", language_code="en")
    _checking, reply = await api.wait_for_messages(ADMIN, count=2)
    return reply.text


async def test_addfeed_follows_a_pages_feed_link(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.add_item(
        "blog",
        Item("Bài mới", "bai-moi", "Bài mới của blog.", datetime(2024, 5, 1, tzinfo=UTC)),
    )
    news_site.set_body("/pages/blog.html", BLOG_PAGE, "text/html; charset=utf-8")
    app = build_application(make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN]))
    async with running(app):
        reply = await added_reply(bot_api, f"{news_site.url}/pages/blog.html")
        feed_url = news_site.feed_url("blog")
        assert f"added the feed it points to: {feed_url}" in reply
        assert "Added the feed “blog” (1 items)" in reply
        storage = app.bot_data.services.storage
        assert await storage.find_feed(url=feed_url) is not None
        assert await storage.find_feed(url=f"{news_site.url}/pages/blog.html") is None
        # The home page announces configured feeds first: those are already followed.
        assert "already followed" in await added_reply(bot_api, f"{news_site.url}/")


async def test_addfeed_warns_about_empty_and_broken_feeds(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.add_feed("empty", title="Empty")
    news_site.set_body("/broken.rss", data_file("bozo_entries.xml"), "application/rss+xml")
    app = build_application(make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN]))
    async with running(app):
        empty = await added_reply(bot_api, news_site.feed_url("empty"))
        assert "(0 items)" in empty and "no items right now" in empty
        broken = await added_reply(bot_api, f"{news_site.url}/broken.rss")
        assert "Broken but usable" in broken and "XML is broken" in broken
