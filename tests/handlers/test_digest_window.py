"""What a digest holds: every article no digest has shown, once, and no back catalogue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_application, running
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newsdata import Item
from tests.fakes.newssite import NewsSite
from tests.harness import SEED_HEADLINE, FakeClock, eventually, feeds_polled, make_settings, say

CHAT = 4401
NOTHING_NEW = "Không có tin mới"


def party_item(title: str, slug: str, published: datetime) -> Item:
    """Return a feed item about the Party committee ("dang uy" matches it)."""
    return Item(
        title=title,
        slug=slug,
        description=f"{title}: Đảng ủy Khối các cơ quan tỉnh họp bàn công tác.",
        published=published,
    )


async def test_a_digest_time_moved_later_the_same_day_brings_what_came_since(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    clock = FakeClock()
    clock.now = datetime(2026, 12, 7, 21, 0, tzinfo=UTC)
    settings = make_settings(bot_api, news_site, database_url, timezone="UTC")
    app = build_application(settings, digest_check_seconds=0.1, clock=clock)
    async with running(app):
        services = app.bot_data.services
        await say(bot_api, CHAT, "/time 21:58")
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: feeds_polled(app))
        clock.now = clock.now.replace(minute=58)
        (morning,) = await bot_api.wait_for_messages(CHAT)
        assert SEED_HEADLINE in morning.text

        later = party_item("Hội nghị tổng kết cuối năm", "hoi-nghi-tong-ket", clock.now)
        news_site.add_item("baonghean", later)
        clock.now += timedelta(seconds=20)
        assert await ingest_all(services) == 1
        await say(bot_api, CHAT, "/time 21:59")
        clock.now = clock.now.replace(minute=59, second=0)
        (evening,) = await bot_api.wait_for_messages(CHAT)
        assert later.title in evening.text and SEED_HEADLINE not in evening.text

        assert NOTHING_NEW in await say(bot_api, CHAT, "/digest")
        last = party_item("Kết nạp đảng viên mới", "ket-nap-dang-vien", clock.now)
        news_site.add_item("baonghean", last)
        clock.now += timedelta(seconds=20)
        assert await ingest_all(services) == 1
        await bot_api.user_sends(CHAT, "/digest")
        (manual,) = await bot_api.wait_for_messages(CHAT)
        assert last.title in manual.text and later.title not in manual.text
        assert NOTHING_NEW in await say(bot_api, CHAT, "/digest")


async def test_a_new_feeds_back_catalogue_stays_out_of_the_next_digest(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    now = datetime.now(UTC)
    old = party_item("Tổng kết công tác năm cũ", "tong-ket-nam-cu", now - timedelta(days=2))
    fresh = party_item("Hội nghị sáng nay", "hoi-nghi-sang-nay", now - timedelta(minutes=10))
    news_site.add_item("tinmoi", old)
    news_site.add_item("tinmoi", fresh)
    app = build_application(make_settings(bot_api, news_site, sqlite_url, admin_ids=[CHAT]))
    async with running(app):
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: feeds_polled(app))
        await bot_api.user_sends(CHAT, "/digest")
        (first,) = await bot_api.wait_for_messages(CHAT)
        assert SEED_HEADLINE in first.text

        await bot_api.user_sends(CHAT, f"/addfeed {news_site.feed_url('tinmoi')}")
        await bot_api.wait_for_messages(CHAT, count=2)  # checking…, added
        await ingest_all(app.bot_data.services)
        await bot_api.user_sends(CHAT, "/digest")
        (second,) = await bot_api.wait_for_messages(CHAT)
        assert fresh.title in second.text
        assert old.title not in second.text, "published two days before the window"
