"""Feed management and polling through the real Application, fake Bot API and news site."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_application, running
from handlers.context import NewsApp
from handlers.ingest import ingest_all, ingest_due
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newsdata import Item
from tests.fakes.newssite import NewsSite
from tests.harness import articles_stored, eventually, make_settings, say

ADMIN = 7001
MEMBER = 7002


def item(title: str, slug: str) -> Item:
    """Return a feed item published now."""
    return Item(
        title=title,
        slug=slug,
        description=f"{title}. Chi tiết trong bài.",
        published=datetime.now(UTC),
    )


async def test_members_cannot_add_feeds_unless_allowed(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    async with running(build_application(settings)):
        reply = await say(bot_api, MEMBER, f"/addfeed {news_site.feed_url('english')}")
        assert "quản trị viên" in reply
        assert "Cách dùng" in await say(bot_api, ADMIN, "/addfeed")


async def test_admin_adds_lists_and_removes_a_feed(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.add_item("extra", item("Tin thêm một", "tin-them-mot"))
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    app = build_application(settings)
    async with running(app):
        storage = app.bot_data.services.storage
        await bot_api.user_sends(ADMIN, f"/addfeed {news_site.feed_url('extra')}")
        checking, added = await bot_api.wait_for_messages(ADMIN, count=2)
        assert "Đang kiểm tra" in checking.text
        assert "Đã thêm nguồn tin «extra» (1 bài)" in added.text
        feed = await storage.find_feed(url=news_site.feed_url("extra"))
        assert feed is not None and feed.added_by == ADMIN
        assert "đã có sẵn" in await say(bot_api, ADMIN, f"/addfeed {news_site.feed_url('extra')}")
        await eventually(lambda: _has_articles(app, feed.id))
        listing = await say(bot_api, ADMIN, "/feeds")
        assert f"#{feed.id} extra" in listing and "lần cuối thành công" in listing
        assert "cấu hình" in await say(bot_api, ADMIN, "/removefeed 1")
        assert "Đã bỏ nguồn tin «extra»" in await say(bot_api, ADMIN, f"/removefeed #{feed.id}")
        assert await storage.find_feed(url=news_site.feed_url("extra")) is None
        assert "Không có nguồn tin" in await say(bot_api, ADMIN, f"/removefeed #{feed.id}")


async def _has_articles(app: NewsApp, feed_id: int) -> bool:
    return (await app.bot_data.services.storage.article_counts()).get(feed_id, 0) > 0


REFUSALS = {
    # language: (html page, 404, closed port, ftp URL); no English or exception names in vi
    "vi": ("trang web, không phải", "mã lỗi 404", "không kết nối được", "chỉ nhận http://"),
    "en": ("web page, not an RSS", "error code 404", "could not connect", "only http://"),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_addfeed_explains_what_is_wrong_in_the_chat_language(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, lang: str
) -> None:
    news_site.set_body(
        "/not-a-feed.html", b"<!doctype html><html><body>Hi</body></html>", "text/html"
    )
    news_site.set_status("/gone.rss", 404)
    urls = (
        f"{news_site.url}/not-a-feed.html",
        f"{news_site.url}/gone.rss",
        "http://127.0.0.1:1/feed.rss",
        "ftp://example.com/feed",
    )
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    async with running(build_application(settings)):
        await say(bot_api, ADMIN, f"/lang {lang}", language_code="en" if lang == "vi" else "vi")
        for url, reason in zip(urls, REFUSALS[lang], strict=True):
            await bot_api.user_sends(ADMIN, f"/addfeed {url}")
            _checking, refused = await bot_api.wait_for_messages(ADMIN, count=2)
            head = "Không thêm được nguồn tin" if lang == "vi" else "Could not add the feed"
            assert head in refused.text and reason in refused.text, refused.text
            raw = ("not a feed", "answered", "ConnectError", "refused", "could not")
            assert not any(fragment in refused.text for fragment in raw if lang == "vi")


async def test_members_add_feeds_up_to_the_limit(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    for name in ("one", "two"):
        news_site.add_item(name, item(f"Tin {name}", f"tin-{name}"))
    settings = make_settings(
        bot_api, news_site, sqlite_url, members_can_add_feeds=True, max_feeds_per_chat=1
    )
    async with running(build_application(settings)):
        await bot_api.user_sends(MEMBER, f"/addfeed {news_site.feed_url('one')}")
        _checking, added = await bot_api.wait_for_messages(MEMBER, count=2)
        assert "Đã thêm" in added.text
        assert "tối đa" in await say(bot_api, MEMBER, f"/addfeed {news_site.feed_url('two')}")
        # A member may remove only what their chat added (feeds 1 and 2 are configured).
        assert "Chỉ nhóm/người đã thêm" in await say(bot_api, 9999, "/removefeed 3")
        assert "Đã bỏ nguồn tin" in await say(bot_api, MEMBER, "/removefeed 3")


async def test_failing_feed_backs_off_then_is_disabled_and_admins_told(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.set_status("/feeds/english.rss", 500)
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN], feed_max_failures=2)
    app = build_application(settings)
    async with running(app):
        await say(bot_api, ADMIN, "/start")
        services = app.bot_data.services
        url = news_site.feed_url("english")
        await eventually(lambda: _failed(app, url, 1))
        feed = await services.storage.find_feed(url=url)
        assert feed is not None and feed.next_check_at is not None
        # Backed off: not due again within the poll interval.
        assert feed.next_check_at > services.clock() + timedelta(minutes=30)
        assert feed not in await services.storage.due_feeds(now=services.clock())
        await ingest_all(services)
        (warning,) = await bot_api.wait_for_messages(ADMIN)
        assert "Đã tạm ngừng nguồn tin" in warning.text and "500" in warning.text
        await ingest_all(services)  # disabled feeds are not polled, and nobody is told twice
        await asyncio.sleep(0.3)
        assert len(bot_api.messages(ADMIN)) == 2
        assert "đã tạm ngừng" in await say(bot_api, ADMIN, "/feeds")
        news_site.clear_overrides("/feeds/english.rss")
        assert "bật lại" in await say(bot_api, ADMIN, f"/addfeed {url}")
        await ingest_due(services)
        await eventually(lambda: _healthy(app, url))


async def _failed(app: NewsApp, url: str, count: int) -> bool:
    feed = await app.bot_data.services.storage.find_feed(url=url)
    return feed is not None and feed.error_count == count


async def _healthy(app: NewsApp, url: str) -> bool:
    feed = await app.bot_data.services.storage.find_feed(url=url)
    return feed is not None and feed.error_count == 0 and feed.last_success_at is not None


async def test_good_feeds_keep_flowing_past_broken_ones(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    broken = bad_feeds(news_site)
    settings = make_settings(
        bot_api,
        news_site,
        sqlite_url,
        feeds=[news_site.feed_url("baonghean"), *broken],
        feed_timeout_seconds=0.5,
    )
    app = build_application(settings)
    async with running(app):
        await eventually(lambda: articles_stored(app))
        storage = app.bot_data.services.storage
        await eventually(lambda: _all_failed(app, broken[:5]))
        reasons = {f.url: f.last_error or "" for f in await storage.list_feeds()}
        assert "500" in reasons[broken[0]]
        assert "timed out" in reasons[broken[1]]
        assert "HTML" in reasons[broken[2]]
        assert "not a feed" in reasons[broken[3]]
        assert "redirects" in reasons[broken[4]]
        # The entity bomb is defused, not expanded: read (or refused) quickly, never "lollol…".
        laughs = await storage.find_feed(url=broken[5])
        assert laughs is not None
        assert laughs.last_success_at is not None or laughs.error_count > 0
        assert not any(
            "lollol" in a.card.headline for a in await storage.articles_since(since=None)
        )
        news_site.add_item("baonghean", item("Tin mới sau sự cố", "tin-moi-sau-su-co"))
        await ingest_all(app.bot_data.services)
        headlines = [a.card.headline for a in await storage.articles_since(since=None)]
        assert "Tin mới sau sự cố" in headlines


def bad_feeds(site: NewsSite) -> list[str]:
    """Break six feed URLs on `site`, one way each, and return them."""
    site.set_status("/bad/500.rss", 500)
    site.set_delay("/bad/stall.rss", 10)
    site.set_body("/bad/page.rss", b"<!DOCTYPE html><html><body>Oops</body></html>", "text/html")
    site.set_body("/bad/empty.rss", b"", "application/rss+xml")
    site.set_redirect("/bad/loop-a.rss", "/bad/loop-b.rss")
    site.set_redirect("/bad/loop-b.rss", "/bad/loop-a.rss")
    laughs = (Path(__file__).parents[1] / "feeds" / "data" / "billion_laughs.xml").read_bytes()
    site.set_body("/bad/laughs.rss", laughs, "application/rss+xml")
    paths = ("500", "stall", "page", "empty", "loop-a", "laughs")
    return [f"{site.url}/bad/{path}.rss" for path in paths]


async def _gone(app: NewsApp, url: str) -> bool:
    return await app.bot_data.services.storage.find_feed(url=url) is None


async def _all_failed(app: NewsApp, urls: list[str]) -> bool:
    feeds = await app.bot_data.services.storage.list_feeds()
    return all(f.error_count >= 1 for f in feeds if f.url in urls)


async def test_permanent_redirect_moves_the_stored_url(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    old = f"{news_site.url}/old/english.rss"
    news_site.set_redirect("/old/english.rss", news_site.feed_url("english"), status=301)
    settings = make_settings(bot_api, news_site, sqlite_url, feeds=[old])
    app = build_application(settings)
    async with running(app):
        storage = app.bot_data.services.storage
        await eventually(lambda: articles_stored(app))
        # The move is stored with the poll's result, which may land after the articles.
        await eventually(lambda: _gone(app, old))
        moved = await storage.find_feed(url=news_site.feed_url("english"))
        assert moved is not None and moved.last_success_at is not None


async def test_entry_stored_under_its_raw_link_is_not_new_again(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    link = f"{news_site.url}/articles/tin-cu.html?utm_source=rss"
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Cũ</title>'
        f"<item><title>Tin cũ</title><link>{link}</link><description>Tin.</description></item>"
        "</channel></rss>"
    ).encode()
    news_site.set_body("/old-keys.rss", body, "application/rss+xml")
    url = f"{news_site.url}/old-keys.rss"
    app = build_application(make_settings(bot_api, news_site, sqlite_url, feeds=[url]))
    async with running(app):
        storage = app.bot_data.services.storage
        await eventually(lambda: articles_stored(app))
        [article] = await storage.articles_since(since=None)
        assert "utm_source" not in article.entry_key  # stored under the canonical link
        feed = await storage.find_feed(url=url)
        assert feed is not None
        # An article stored by an older version under the raw link, with the same text:
        await storage.remove_feed(feed_id=feed.id)
        feed = await storage.add_feed(url=url)
        await storage.add_article(
            feed_id=feed.id, entry_key=link, url=link, card=article.card, text="", published=None
        )
        await ingest_all(app.bot_data.services)
        assert len(await storage.articles_since(since=None)) == 1
