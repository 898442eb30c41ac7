"""/latest and /list buttons: paging, muting a source, stale buttons."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import build_application, running
from handlers.context import NewsApp
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import Item, NewsSite
from tests.harness import SEED_HEADLINE, eventually, make_settings, say

CHAT = 2024


def older_party_story() -> Item:
    return Item(
        title="Đảng ủy xã tổng kết năm",
        slug="dang-uy-xa-tong-ket",
        description="Đảng ủy xã Nghi Phong tổng kết công tác năm với 45 đảng viên mới.",
        published=datetime(2019, 1, 2, tzinfo=UTC),  # older than the seed (2019-12-25)
    )


async def test_latest_pages_to_older_matches_and_mutes_a_source(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    news_site.add_item("baonghean", older_party_story())
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: _stored(app, 3))
        await bot_api.user_sends(CHAT, "/latest dang uy")
        (card,) = await bot_api.wait_for_messages(CHAT)
        assert card.text.startswith(SEED_HEADLINE)
        (mute, more) = card.buttons()
        assert mute[0].startswith("🔇") and more[1].startswith("lt:")

        await bot_api.user_presses(CHAT, card.message_id, more[1])
        (older,) = await bot_api.wait_for_messages(CHAT)
        assert older.text.startswith("Đảng ủy xã tổng kết năm")
        await bot_api.user_presses(CHAT, older.message_id, older.buttons()[1][1])
        await eventually(lambda: _answers_contain(bot_api, "Không còn"))

        await bot_api.user_presses(CHAT, card.message_id, mute[1])
        await eventually(lambda: _answers_contain(bot_api, "Đã ẩn tin từ 127.0.0.1"))
        muted = await app.bot_data.services.storage.muted_sources(chat_id=CHAT)
        assert muted == {"127.0.0.1"}
        assert "Không có tin mới" in await say(bot_api, CHAT, "/digest")


async def test_stale_and_forged_buttons_answer_politely(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await bot_api.user_sends(CHAT, "/start")
        (welcome,) = await bot_api.wait_for_messages(CHAT)
        for data in ("lt:deadbeef:1", "mute:999999", "ls:7", "x" * 64):
            await bot_api.user_presses(CHAT, welcome.message_id, data)
        await eventually(lambda: _answered(bot_api, 4))
        assert all("cũ" in (a.text or "") for a in bot_api.callback_answers)


async def test_list_pages_long_keyword_lists(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        for n in range(12):
            await say(bot_api, CHAT, f"/subscribe chủ đề {n}")
        await bot_api.user_sends(CHAT, "/list")
        (first,) = await bot_api.wait_for_messages(CHAT)
        assert "chủ đề 9" in first.text and "chủ đề 10" not in first.text
        ((_, data),) = first.buttons()
        await bot_api.user_presses(CHAT, first.message_id, data)
        (second,) = await bot_api.wait_for_messages(CHAT)
        assert "chủ đề 10" in second.text and "chủ đề 11" in second.text
        assert second.reply_markup is None


async def _stored(app: NewsApp, count: int) -> bool:
    return len(await app.bot_data.services.storage.articles_since(since=None)) >= count


async def _answers_contain(api: FakeBotAPI, text: str) -> bool:
    return any(text in (a.text or "") for a in api.callback_answers)


async def _answered(api: FakeBotAPI, count: int) -> bool:
    return len(api.callback_answers) >= count
