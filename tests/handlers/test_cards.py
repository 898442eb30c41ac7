"""Cards and digests as a member reads them: time, source name, figures, counts, no repeats."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.app import build_application, running
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import Item, NewsSite
from tests.harness import SEED_HEADLINE, eventually, feeds_polled, make_settings, say

CHAT = 4104
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def lottery(draw: int, published: datetime) -> Item:
    """One of a templated series: the same words every day, other numbers, another URL."""
    return Item(
        title=f"Northern lottery results, draw {draw}",
        slug=f"lottery-draw-{draw}",
        description=(
            f"The special prize of draw {draw} went to ticket {draw * 7919 % 100000:05d}. "
            "Winners have 30 days to claim their prizes at the lottery company office in "
            "Hanoi, the operator said on its website, and unclaimed prizes go to the state "
            "budget."
        ),
        published=published,
    )


def christmas_story() -> Item:
    """An article of a known past time: 25/12/2019 04:05 UTC."""
    return Item(
        title="Huyện Quỳnh Lưu trao quà Giáng sinh",
        slug="quynh-luu-giang-sinh",
        description="Huyện Quỳnh Lưu trao 300 suất quà cho các gia đình khó khăn dịp Giáng sinh.",
        published=datetime(2019, 12, 25, 4, 5, tzinfo=UTC),
    )


def bridge_copy(n: int, published: datetime) -> Item:
    """The same story again under another URL, as feeds that re-post items do."""
    return Item(
        title="Riverton bridge reopens after a year of repairs",
        slug=f"bridge-reopens-{n}",
        description=(
            "The Riverton bridge reopened to traffic on Monday morning after a year of "
            "repairs, the city council said, ending long detours for commuters."
        ),
        published=published,
    )


async def test_latest_card_names_the_feed_and_its_publication_time_in_the_chat_zone(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    news_site.add_item("baonghean", christmas_story())
    async with running(build_application(make_settings(bot_api, news_site, database_url))) as app:
        await eventually(lambda: feeds_polled(app))  # titles come with the poll
        card = await say(bot_api, CHAT, "/latest đảng ủy")
        assert card.startswith(SEED_HEADLINE)
        assert "📊 Số liệu:\n• 152 đảng viên mới\n" in card  # several figures keep the list
        assert re.search(r"\n🔗 Đọc bài · Báo Nghệ An · 🕒 \d\d:\d\d \d\d/\d\d$", card)
        # Published 25/12/2019 04:05 UTC: 11:05 in Vietnam, the chat's zone; then London's.
        card = await say(bot_api, CHAT, "/latest Quỳnh Lưu")
        assert card.endswith("🔗 Đọc bài · Báo Nghệ An · 🕒 11:05 25/12/2019")
        await say(bot_api, CHAT, "/timezone Europe/London")
        card = await say(bot_api, CHAT, "/latest Quỳnh Lưu")
        assert card.endswith("· Báo Nghệ An · 🕒 04:05 25/12/2019")


async def test_an_instant_card_without_a_title_shows_its_text_once_and_one_figure_inline(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    lead = (
        "Trong năm qua, Đảng ủy xã Nghi Phong đã kết nạp 45 đảng viên mới, theo báo cáo "
        "tại hội nghị tổng kết của xã."
    )
    published = (datetime.now(UTC) - timedelta(hours=2)).replace(second=0, microsecond=0)
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await say(bot_api, CHAT, "/subscribe đảng viên")
        await say(bot_api, CHAT, "/frequency instant")
        await eventually(lambda: feeds_polled(app))
        item = Item(title="", slug="nghi-phong", description=lead, published=published)
        # A page without any title either, so nothing but the lead can make the headline.
        page = f"<html><head></head><body><article><p>{lead}</p></article></body></html>"
        news_site.add_item("baonghean", item, page_html=page)
        assert await ingest_all(app.bot_data.services) == 1
        (card,) = await bot_api.wait_for_messages(CHAT)
    assert card.text.count("Nghi Phong") == 1
    stamp = f"{published.astimezone(VN):%H:%M %d/%m}"
    assert card.text.split("\n")[1:] == [
        "📊 45 đảng viên mới",
        f"🔗 Đọc bài · Báo Nghệ An · 🕒 {stamp}",
    ]
    assert "<b>45</b>" in card.html


async def test_templated_articles_with_other_figures_stay_separate_stories(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    for draw in range(101, 104):
        news_site.add_item("english", lottery(draw, now - timedelta(hours=104 - draw)))
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await eventually(lambda: feeds_polled(app))  # titles come with the poll
        await say(bot_api, CHAT, "/lang en", language_code="en")
        await say(bot_api, CHAT, "/subscribe lottery", language_code="en")
        digest = await say(bot_api, CHAT, "/digest", language_code="en")
    today = f"{now.astimezone(VN):%d/%m}"
    assert digest.startswith(f"📰 Your digest, {today}: 3 articles\n")
    for draw in range(101, 104):
        assert f"draw {draw}" in digest
    newest = f"{(now - timedelta(hours=1)).astimezone(VN):%H:%M %d/%m}"
    assert f"🔗 Riverton Herald · 🕒 {newest}" in digest


async def test_one_story_under_many_urls_lists_its_feed_once_and_counts_one_article(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    for n in range(4):
        news_site.add_item("english", bridge_copy(n, now - timedelta(minutes=10 * n)))
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await eventually(lambda: feeds_polled(app))  # titles come with the poll
        await say(bot_api, CHAT, "/lang en", language_code="en")
        await say(bot_api, CHAT, "/subscribe bridge", language_code="en")
        sent = await say(bot_api, CHAT, "/digest", language_code="en")
        (digest,) = [m for m in bot_api.messages(CHAT) if m.text == sent]
    assert re.match(r"📰 Your digest, \d\d/\d\d: 1 article\n", digest.text)
    assert digest.text.count("Riverton Herald") == 1
    assert digest.text.endswith(f"🔗 Riverton Herald · 🕒 {now.astimezone(VN):%H:%M %d/%m}")
    # One link, to one of the copies (the story's representative).
    (link,) = re.findall(r'<a href="([^"]+)">Riverton Herald</a>', digest.html)
    assert link in {news_site.article_url(f"bridge-reopens-{n}") for n in range(4)}


async def test_a_vietnamese_digest_is_dated_and_counts_in_bai(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    published = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=30)
    news_site.add_item(
        "baonghean",
        Item(
            title="Nghi Phong kết nạp đảng viên mới",
            slug="nghi-phong-ket-nap",
            description="Trong năm 2019, Đảng ủy xã Nghi Phong đã kết nạp 45 đảng viên mới.",
            published=published,
        ),
    )
    app = build_application(make_settings(bot_api, news_site, sqlite_url, timezone="UTC"))
    async with running(app):
        await eventually(lambda: feeds_polled(app))  # titles come with the poll
        await say(bot_api, CHAT, '/subscribe "nghi phong"')
        digest = await say(bot_api, CHAT, "/digest")
    today = f"{datetime.now(UTC):%d/%m}"
    assert digest.startswith(f"📰 Bản tin của bạn, {today}: 1 bài\n")
    assert f"📊 45 đảng viên mới\n🔗 Báo Nghệ An · 🕒 {published:%H:%M %d/%m}" in digest
