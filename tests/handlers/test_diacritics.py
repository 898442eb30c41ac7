"""Typed diacritics are kept: `bão` (storm) never finds `báo` (newspaper), end to end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_application, running
from handlers.context import NewsApp
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import Item, NewsSite
from tests.harness import eventually, feeds_polled, make_settings, say

CHAT = 3131


def story(title: str, slug: str, description: str, year: int | None) -> Item:
    """An item published in June of `year`, or a minute ago (newer than the seed) for None."""
    published = datetime(year, 6, 1, tzinfo=UTC) if year else datetime.now(UTC)
    return Item(
        title=title,
        slug=slug,
        description=description,
        published=published - timedelta(minutes=1),
    )


NEWS = story(
    "Tin tức địa phương tuần này",
    "tin-tuc-dia-phuong",
    "Tin tức về công tác của xã trong tuần, với 12 cuộc họp dân.",
    2018,
)
INFO = story(
    "Thông tin mới về dự án cầu",
    "thong-tin-du-an-cau",
    "Thông tin cho thấy dự án tiếp tục được triển khai với 3 nhịp cầu.",
    None,
)
EXPERT = story(
    "Chuyên gia nói về thị trường vàng",
    "chuyen-gia-thi-truong",
    "Một chuyên gia cho rằng giá cả vàng sẽ còn biến động mạnh.",
    2018,
)
GOLD = story(
    "Giá vàng hôm nay giảm nhẹ",
    "gia-vang-hom-nay",
    "Giá vàng SJC giảm 200.000 đồng mỗi lượng.",
    None,
)


async def test_latest_keeps_the_diacritics_a_member_typed(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    for item in (NEWS, INFO, EXPERT, GOLD):
        news_site.add_item("baonghean", item)
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await eventually(lambda: feeds_polled(app))
        # "tin tức" is news; "thông tin … tiếp tục" holds both syllables, folded, but not it.
        assert (await say(bot_api, CHAT, "/latest tin tức")).startswith(NEWS.title)
        # Typed without diacritics, every spelling counts, and the newest wins.
        assert (await say(bot_api, CHAT, "/latest tin tuc")).startswith(INFO.title)
        # Plain words rank by recency alone: "chuyên gia" is no better than "giá".
        assert (await say(bot_api, CHAT, "/latest gia vang")).startswith(GOLD.title)
        assert (await say(bot_api, CHAT, "/latest Gia vàng")).startswith(GOLD.title)


async def test_instant_push_for_bao_skips_bao_cao(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await say(bot_api, CHAT, "/subscribe bão")
        await say(bot_api, CHAT, "/frequency instant")
        await eventually(lambda: feeds_polled(app))
        report = story(
            "Báo cáo tổng kết năm của tỉnh",
            "bao-cao-tong-ket",
            "Thông báo: báo cáo được gửi tới 45 xã, bảo đảm đúng hạn.",
            None,
        )
        storm = story(
            "Bão số 9 đổ bộ vào miền Trung",
            "bao-so-9",
            "Cơn bão mạnh cấp 12 đã đổ bộ, 3.000 hộ dân được sơ tán.",
            None,
        )
        news_site.add_item("baonghean", report)
        news_site.add_item("baonghean", storm)
        assert await ingest_all(app.bot_data.services) == 2
        (card,) = await bot_api.wait_for_messages(CHAT)
        assert card.text.startswith(storm.title)
        await eventually(lambda: _outbox_empty(app))
        # The two command replies and the storm; the report never left.
        assert [m.text.startswith(storm.title) for m in bot_api.messages(CHAT)][2:] == [True]


async def _outbox_empty(app: NewsApp) -> bool:
    counts = await app.bot_data.services.storage.outbox_counts()
    return not counts.get("pending", 0) and not counts.get("sending", 0)
