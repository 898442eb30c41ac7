"""Schedule commands, /settings, /start and errors as members see them, end to end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import build_application, running
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.fakes.tgjson import BOT_USER
from tests.harness import FakeClock, make_settings, say

CHAT = 6160
GROUP = -100616
ADMIN = 6161
# Monday 7 December 2026, 12:00 UTC = 19:00 in Ho Chi Minh City (the default zone).
MONDAY_NOON_UTC = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _clock() -> FakeClock:
    clock = FakeClock()
    clock.now = MONDAY_NOON_UTC
    return clock


async def test_start_says_the_schedule_as_it_is(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        welcome = await say(bot_api, CHAT, "/start")
        assert "Bản tin hằng ngày lúc 07:00 (Asia/Ho_Chi_Minh)" in welcome
        for frequency, expected in (
            ("weekly", "Bản tin hằng tuần vào thứ Hai lúc 07:00"),
            ("instant", "Mỗi bài khớp từ khóa được gửi ngay"),
            ("off", "Bản tin tự động đang tắt"),
        ):
            await say(bot_api, CHAT, f"/frequency {frequency}")
            welcome = await say(bot_api, CHAT, "/start")
            assert expected in welcome and "hằng ngày lúc" not in welcome
        await say(bot_api, CHAT, "/frequency daily")
        await say(bot_api, CHAT, "/pause")
        welcome = await say(bot_api, CHAT, "/start")
        assert "Đang tạm dừng" in welcome and "hằng ngày lúc" not in welcome
        await say(bot_api, CHAT, "/lang en")
        await say(bot_api, CHAT, "/resume")
        await say(bot_api, CHAT, "/frequency weekly")
        assert "Weekly digest on Monday at 07:00" in await say(bot_api, CHAT, "/start")


async def test_schedule_replies_say_when_the_next_digest_comes(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url), clock=_clock())
    async with running(app):
        reply = await say(bot_api, CHAT, "/time 7h30")
        assert "07:30" in reply and "Bản tin tiếp theo: 07:30 thứ Ba 08/12" in reply
        reply = await say(bot_api, CHAT, "/frequency hằng tuần")
        assert "Bản tin tiếp theo: 07:30 thứ Hai 14/12" in reply
        assert "Đã tạm dừng" in await say(bot_api, CHAT, "/pause")
        reply = await say(bot_api, CHAT, "/resume")
        assert "Bản tin tiếp theo: 07:30 thứ Hai 14/12" in reply
        reply = await say(bot_api, CHAT, "/timezone UTC+9")
        assert "Etc/GMT-9" in reply and "cố định" in reply
        assert "Bản tin tiếp theo: 07:30 thứ Hai 14/12" in reply  # 21:00 there: next Monday
        reply = await say(bot_api, CHAT, "/timezone hà nội")
        assert "Asia/Ho_Chi_Minh" in reply
        await say(bot_api, CHAT, "/subscribe giá vàng")
        settings = await say(bot_api, CHAT, "/settings")
        for line in (
            "Tần suất: hằng tuần",
            "Giờ nhận: 07:30",
            "Múi giờ: Asia/Ho_Chi_Minh",
            "Ngôn ngữ: Tiếng Việt",
            "Tạm dừng: không",
            "Bản tin tiếp theo: 07:30 thứ Hai 14/12",
            "Từ khóa: 1/20",
        ):
            assert line in settings
        await say(bot_api, CHAT, "/lang en")
        reply = await say(bot_api, CHAT, "/time 6:30 PM")
        assert "18:30" in reply and "Next digest: Mon 14 Dec 18:30" in reply
        reply = await say(bot_api, CHAT, "/frequency daily")
        assert "Next digest: Tue 8 Dec 18:30" in reply
        assert "Next digest" not in await say(bot_api, CHAT, "/frequency instant")
        settings = await say(bot_api, CHAT, "/settings")
        assert "Frequency: each article at once" in settings and "Next digest: —" in settings


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/frequency hằng ngày", "mỗi ngày"),
        ("/frequency hàng ngày", "mỗi ngày"),
        ("/frequency mỗi ngày", "mỗi ngày"),
        ("/frequency hàng tuần", "mỗi thứ Hai"),
        ("/frequency ngay", "ngay khi có bài"),
        ("/frequency tắt", "Đã tắt"),
        ("/frequency Weekly", "mỗi thứ Hai"),
        ("/frequency sometimes", "Cách dùng: /frequency hằng ngày"),
        ("/time 7h30", "bản tin: 07:30"),
        ("/time 7h", "bản tin: 07:00"),
        ("/time 6:30 PM", "bản tin: 18:30"),
        ("/time 18.30", "bản tin: 18:30"),
        ("/time 7", "sáng hoặc tối"),
        ("/timezone asia/ho_chi_minh", "múi giờ: Asia/Ho_Chi_Minh"),
        ("/timezone Hanoi", "múi giờ: Asia/Ho_Chi_Minh"),
        ("/timezone Saigon", "múi giờ: Asia/Ho_Chi_Minh"),
        ("/timezone HCM", "múi giờ: Asia/Ho_Chi_Minh"),
        ("/timezone +07:00", "múi giờ: Etc/GMT-7"),
        ("/timezone GMT+7", "múi giờ: Etc/GMT-7"),
        ("/timezone +05:30", "UTC+7"),  # refused, with what is accepted
    ],
)
async def test_natural_inputs_are_understood(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, command: str, expected: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        assert expected in await say(bot_api, CHAT, command)


async def test_groups_ignore_commands_for_other_bots(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    ours = BOT_USER["username"]
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        for text in ("/start@other_bot", "/ban@group_help_bot spammer", "/nonsense@Other_Bot"):
            await bot_api.user_sends(GROUP, text, chat_type="supergroup")
        await bot_api.user_sends(GROUP, f"/help@{ours}", chat_type="supergroup")
        (reply,) = await bot_api.wait_for_messages(GROUP)
        assert "/subscribe" in reply.text
        await bot_api.user_sends(GROUP, f"/nonsense@{ours.upper()}", chat_type="supergroup")
        (reply,) = await bot_api.wait_for_messages(GROUP)
        assert "không hiểu" in reply.text
        assert len(bot_api.messages(GROUP)) == 2, "nothing answered the other bots' commands"


async def test_the_error_reply_follows_the_chat_language(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await say(bot_api, CHAT, "/lang en", language_code="vi")
        bot_api.fail_next(CHAT, status=400, description="Bad Request: something odd")
        assert "Sorry, something went wrong" in await say(
            bot_api, CHAT, "/help", language_code="vi"
        )


LONG = "x" * 4000
LONG_WORDS = " ".join(["tin"] * 1000)  # 3,999 characters of words


@pytest.mark.parametrize(
    "command",
    [
        f"/removefeed {LONG}",
        f"/addfeed http://127.0.0.1:1/{LONG}",
        f"/timezone {LONG}",
        f"/time {LONG}",
        f"/subscribe {LONG}",
        f"/subscribe {LONG_WORDS}",
        f"/latest {LONG}",
        f"/latest {LONG_WORDS}",
        f"/frequency {LONG}",
        f"/lang {LONG}",
        f"/{LONG}",
    ],
)
async def test_long_arguments_are_never_echoed_whole(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, command: str
) -> None:
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    async with running(build_application(settings)):
        await bot_api.user_sends(ADMIN, command)
        count = 2 if command.startswith("/addfeed") else 1  # "checking…" then the answer
        replies = await bot_api.wait_for_messages(ADMIN, count=count)
        for reply in replies:
            assert "Xin lỗi" not in reply.text and len(reply.text) < 600, reply.text[:200]
        assert "…" in replies[0].text or "x" * 61 not in replies[0].text
