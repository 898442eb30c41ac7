"""The per-member flood limit through the real Application: 20 answers, one "slow down"."""

from __future__ import annotations

import logging
import time

import pytest

from bot.app import build_application, running
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import make_settings, say

FLOODER, OTHER = 8101, 8102


@pytest.mark.parametrize(
    ("language_code", "slow_down", "help_word"),
    [("vi", "nhanh quá", "Các lệnh"), ("en-GB", "too fast", "Commands")],
)
async def test_a_flooding_member_gets_twenty_answers_one_slow_down_then_quiet(
    bot_api: FakeBotAPI,
    news_site: NewsSite,
    sqlite_url: str,
    caplog: pytest.LogCaptureFixture,
    language_code: str,
    slow_down: str,
    help_word: str,
) -> None:
    sent = int(time.time())
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        for _ in range(30):
            await bot_api.user_sends(FLOODER, "/help", language_code=language_code, date=sent)
        assert "Các lệnh" in await say(bot_api, OTHER, "/help")
        # Once the window has passed the member is answered again; one chat's messages are
        # handled in order, so this answer is the last of all.
        await bot_api.user_sends(FLOODER, "/help", language_code=language_code, date=sent + 11)
        # Telegram takes about one message a second into a chat: 22 answers need ~21 s.
        await bot_api.wait_for_messages(FLOODER, count=22, timeout=40)
        texts = [m.text for m in bot_api.messages(FLOODER)]
        await say(bot_api, OTHER, "/start")  # nothing more comes for the flooder meanwhile
    assert len(bot_api.messages(FLOODER)) == 22
    assert all(help_word in text for text in texts[:20]) and help_word in texts[21]
    assert slow_down in texts[20] and "10" in texts[20]
    warnings = [r for r in caplog.records if "sent over 20 messages" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
