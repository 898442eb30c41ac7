"""/muted, unmute buttons, and /latest leaving muted sources out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_application, running
from handlers.context import NewsApp
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.feedxml import Channel, Entry, rss
from tests.fakes.newssite import Item, NewsSite
from tests.harness import SEED_HEADLINE, eventually, make_settings, say

CHAT = 2025
GROUP = -100777
LOCAL_HEADLINE = "Đảng ủy phường họp báo cuối năm"


def older_party_story() -> Item:
    return Item(
        title="Đảng ủy xã tổng kết năm",
        slug="dang-uy-xa-tong-ket",
        description="Đảng ủy xã Nghi Phong tổng kết công tác năm với 45 đảng viên mới.",
        published=datetime(2019, 1, 2, tzinfo=UTC),
    )


def serve_localhost_feed(site: NewsSite) -> str:
    """Serve a feed whose one (newest) article links to `localhost`, another source host."""
    link = site.article_url("dang-uy-phuong").replace("127.0.0.1", "localhost")
    entry = Entry(
        title=LOCAL_HEADLINE,
        link=link,
        description="Đảng ủy phường Trường Thi họp báo cuối năm với 12 đảng viên mới.",
        published=datetime.now(UTC) - timedelta(minutes=1),  # newer than the seed (2 h ago)
        guid=link,
        author=None,
        image=f"{site.url}/images/x.jpg",
    )
    url = f"{site.url}/feeds/local.rss"
    channel = Channel("Phường", f"{site.url}/", url, "vi", datetime(2020, 6, 1, tzinfo=UTC))
    site.set_body(
        "/feeds/local.rss", rss(channel, [entry], image_in_description=False), "application/rss+xml"
    )
    return url


async def test_latest_skips_muted_sources_and_muted_lists_them_with_unmute_buttons(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    news_site.add_item("baonghean", older_party_story())
    local = serve_localhost_feed(news_site)
    settings = make_settings(bot_api, news_site, database_url)
    app = build_application(settings.model_copy(update={"feeds": [*settings.feeds, local]}))
    async with running(app):
        await eventually(lambda: _stored(app, 4))
        assert "chưa ẩn nguồn nào" in await say(bot_api, CHAT, "/muted")
        await bot_api.user_sends(CHAT, "/latest dang uy")
        (card,) = await bot_api.wait_for_messages(CHAT)
        assert card.text.startswith(LOCAL_HEADLINE)
        await bot_api.user_presses(CHAT, card.message_id, card.buttons()[0][1])
        await eventually(lambda: _answers_contain(bot_api, "Đã ẩn tin từ localhost"))

        # The newest unmuted match is shown, "more" goes on past the muted source.
        await bot_api.user_sends(CHAT, "/latest dang uy")
        (card,) = await bot_api.wait_for_messages(CHAT)
        assert card.text.startswith(SEED_HEADLINE)
        await bot_api.user_presses(CHAT, card.message_id, card.buttons()[1][1])
        (older,) = await bot_api.wait_for_messages(CHAT)
        assert older.text.startswith("Đảng ủy xã tổng kết năm")
        await bot_api.user_presses(CHAT, older.message_id, older.buttons()[1][1])
        await eventually(lambda: _answers_contain(bot_api, "Không còn"))

        await bot_api.user_sends(CHAT, "/muted")
        (listing,) = await bot_api.wait_for_messages(CHAT)
        assert "• localhost" in listing.text
        ((label, data),) = listing.buttons()
        assert label == "🔊 Hiện lại localhost" and len(data.encode()) <= 64
        await bot_api.user_presses(CHAT, listing.message_id, data)
        await eventually(lambda: _answers_contain(bot_api, "Đã hiện lại tin từ localhost"))
        (edited,) = await bot_api.wait_for_edits(CHAT)
        assert "chưa ẩn nguồn nào" in edited.text
        assert await app.bot_data.services.storage.muted_sources(chat_id=CHAT) == frozenset()
        await bot_api.user_presses(CHAT, listing.message_id, data)
        await eventually(lambda: _answers_contain(bot_api, "Gửi /muted"))
        await bot_api.user_sends(CHAT, "/latest dang uy")
        (card,) = await bot_api.wait_for_messages(CHAT)
        assert card.text.startswith(LOCAL_HEADLINE)


async def test_only_group_admins_unmute(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await bot_api.user_sends(GROUP, "/muted", chat_type="supergroup")
        await bot_api.wait_for_messages(GROUP)
        await app.bot_data.services.storage.mute_source(chat_id=GROUP, host="vnexpress.net")
        await bot_api.user_sends(GROUP, "/muted", chat_type="supergroup")
        (listing,) = await bot_api.wait_for_messages(GROUP)
        ((_, data),) = listing.buttons()
        await bot_api.user_presses(GROUP, listing.message_id, data)
        await eventually(lambda: _answers_contain(bot_api, "Chỉ quản trị viên"))
        assert await app.bot_data.services.storage.muted_sources(chat_id=GROUP) == {"vnexpress.net"}


async def test_forgotten_latest_search_says_to_search_again(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await bot_api.user_sends(CHAT, "/start", language_code="en")
        (welcome,) = await bot_api.wait_for_messages(CHAT)
        await bot_api.user_presses(CHAT, welcome.message_id, "lt:deadbeef:1")
        await eventually(lambda: _answers_contain(bot_api, "/latest"))
        assert "/list" not in (bot_api.callback_answers[0].text or "")


async def _stored(app: NewsApp, count: int) -> bool:
    return len(await app.bot_data.services.storage.articles_since(since=None)) >= count


async def _answers_contain(api: FakeBotAPI, text: str) -> bool:
    return any(text in (a.text or "") for a in api.callback_answers)
