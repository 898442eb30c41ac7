"""Buttons pressed with data we never wrote: each press is answered "out of date"."""

from __future__ import annotations

import logging

import pytest

from bot.app import build_application, running
from handlers import button_data
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import eventually, make_settings, say

CHAT = 4141

FORGED = (
    "",
    "unsub:",
    "unsub:99999999999999999999999",
    "unsub:99999999999",
    "unsub:0",
    "unsub:١",
    "unsub:1\n",
    "unsub: 1",
    "lt::",
    "lt:deadbeef:",
    "lt:deadbeef:99999",
    "lt:DEADBEEF:1",
    "mute:-1",
    "mute:",
    "mute:99999999999",
    "mute:٣",
    "ls:",
    "ls:-1",
    "ls:99999",
    "unmute:",
    "x" * 64,
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("unsub:1", 1),
        ("unsub:2147483647", 2**31 - 1),
        ("unsub:2147483648", None),
        ("unsub:0", None),
        ("unsub:", None),
        ("unsub:-1", None),
        ("unsub:+1", None),
        ("unsub:١", None),
        ("unsub:1\n", None),
        ("unsub:99999999999999999999999", None),
        ("mute:1", None),
        (None, None),
        ("", None),
    ],
)
def test_row_id(data: str | None, expected: int | None) -> None:
    assert button_data.row_id(data, prefix="unsub:") == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("lt:deadbeef:1", ("deadbeef", 1)),
        ("lt:0123abcd:9999", ("0123abcd", 9999)),
        ("lt:deadbeef:10000", None),
        ("lt::", None),
        ("lt:deadbeef:", None),
        ("lt:DEADBEEF:1", None),
        ("lt:deadbeef:1:2", None),
        ("lt:deadbee:1", None),
        ("ls:1", None),
        (None, None),
    ],
)
def test_search_position(data: str | None, expected: tuple[str, int] | None) -> None:
    assert button_data.search_position(data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [("ls:0", 0), ("ls:12", 12), ("ls:", None), ("ls:-1", None), ("ls:99999", None), ("", None)],
)
def test_page(data: str, expected: int | None) -> None:
    assert button_data.page(data, prefix="ls:") == expected


async def test_forged_and_empty_button_data_is_answered_out_of_date(
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, database_url))):
        await say(bot_api, CHAT, "/subscribe giá vàng")
        await bot_api.user_sends(CHAT, "/unsubscribe")
        (picker,) = await bot_api.wait_for_messages(CHAT)
        with caplog.at_level(logging.WARNING):
            for data in FORGED:
                await bot_api.user_presses(CHAT, picker.message_id, data)
            await eventually(lambda: _answered(bot_api, len(FORGED)))
            assert "giá vàng" in await say(bot_api, CHAT, "/list")
        stale = [a for a in bot_api.callback_answers if "cũ" in (a.text or "")]
        assert len(stale) == len(FORGED) == len(bot_api.callback_answers)
        assert not [r for r in caplog.records if r.name.startswith(("handlers", "telegram"))]


async def _answered(api: FakeBotAPI, count: int) -> bool:
    return len(api.callback_answers) >= count
