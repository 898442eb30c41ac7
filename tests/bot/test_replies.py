"""Replies to members survive Telegram's short failures, end to end and at the limiter."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable
from typing import TypeVar

import pytest
from telegram.error import NetworkError, TimedOut
from telegram.ext import AIORateLimiter, ExtBot

from bot.app import build_application, running
from bot.replies import REPLYING, PatientRateLimiter, ReplyNotSent
from digest.retry import Patience
from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import eventually, make_settings

T = TypeVar("T")
CHATS = range(7101, 7106)
# PTB 22 warns about its own RetryAfter.retry_after being an int while building the error.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def _every_chat_answered_once(api: FakeBotAPI, timeout: float) -> None:  # noqa: ASYNC109
    for chat in CHATS:
        await api.wait_for_messages(chat, count=1, timeout=timeout)
    assert {chat: len(api.messages(chat)) for chat in CHATS} == dict.fromkeys(CHATS, 1)


def _problems(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_commands_get_one_reply_each_after_a_sendmessage_outage(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        bot_api.outage("sendMessage", seconds=3)
        for chat in CHATS:
            await bot_api.user_sends(chat, "/help")
        await _every_chat_answered_once(bot_api, timeout=30)
    refused = [d for m, _, d in bot_api.errors if m == "sendMessage"]
    assert len(refused) >= len(CHATS) and set(refused) == {"Bad Gateway"}
    assert _problems(caplog) == []


async def test_no_reply_is_lost_in_a_429_storm_and_nothing_uncaught_is_logged(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Longer than PTB's limiter lasts alone: three retries after `retry_after` + 0.1 s each.
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        bot_api.outage("sendMessage", status=429, retry_after=1, seconds=5)
        for chat in CHATS:
            await bot_api.user_sends(chat, "/help")
        await _every_chat_answered_once(bot_api, timeout=30)
    assert _problems(caplog) == []


async def test_an_apology_that_fails_is_one_line_not_an_uncaught_error(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    chat = CHATS[0]
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        bot_api.fail_next(chat, status=400, times=2)  # the reply, then the apology
        await bot_api.user_sends(chat, "/help")
        await bot_api.user_sends(chat, "/start")
        (welcome,) = await bot_api.wait_for_messages(chat)
    assert "Xin chào" in welcome.text
    assert _problems(caplog) == []
    apology = [r for r in caplog.records if "could not send the apology" in r.getMessage()]
    assert len(apology) == 1 and apology[0].exc_info is None


async def test_stopping_does_not_wait_for_a_reply_still_retrying(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        bot_api.outage("sendMessage", seconds=60)
        await bot_api.user_sends(CHATS[0], "/help")
        await eventually(lambda: _refused(bot_api, "sendMessage"))
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 2.0
    (given_up,) = [r for r in caplog.records if "ReplyNotSent" in r.getMessage()]
    assert "stopping" in given_up.getMessage() and given_up.exc_info is None


async def _refused(api: FakeBotAPI, method: str) -> bool:
    return any(m == method for m, _, _ in api.errors)


# ---- the limiter alone: a real ExtBot against the fake, inside a reply --------------------


async def as_reply(request: Awaitable[T]) -> T:
    """Await `request` as the update processor runs a handler: as a reply to a member."""
    token = REPLYING.set(True)
    try:
        return await request
    finally:
        REPLYING.reset(token)


@pytest.fixture
async def patient_bot(bot_api: FakeBotAPI) -> AsyncIterator[ExtBot[int]]:
    limiter = PatientRateLimiter(AIORateLimiter(), patience=Patience(total=1.0, first_wait=0.1))
    async with ExtBot(TOKEN, base_url=f"{bot_api.url}/bot", rate_limiter=limiter) as bot:
        yield bot


async def test_a_reply_gives_up_after_its_patience_in_one_error(
    patient_bot: ExtBot[int], bot_api: FakeBotAPI
) -> None:
    bot_api.outage("sendMessage", seconds=30)
    with pytest.raises(ReplyNotSent, match=r"gave up after \d+ attempts in \d+ s: .*Bad Gateway"):
        await as_reply(patient_bot.send_message(7200, "x"))
    assert len([m for m, _ in bot_api.calls if m == "sendMessage"]) >= 3


async def test_a_late_answer_is_in_doubt_and_never_resent(
    patient_bot: ExtBot[int], bot_api: FakeBotAPI
) -> None:
    bot_api.response_delay = 0.5
    with pytest.raises(TimedOut):
        await as_reply(patient_bot.send_message(7200, "once", read_timeout=0.1))
    await asyncio.sleep(0.6)  # let the fake finish its late answer
    assert [m.text for m in bot_api.messages(7200)] == ["once"]
    assert len([m for m, _ in bot_api.calls if m == "sendMessage"]) == 1


async def test_a_stopping_bot_stops_waiting_to_reply(
    patient_bot: ExtBot[int], bot_api: FakeBotAPI
) -> None:
    limiter = patient_bot.rate_limiter
    assert isinstance(limiter, PatientRateLimiter)
    limiter.keep_trying = lambda: False
    bot_api.outage("sendMessage", seconds=30)
    with pytest.raises(ReplyNotSent, match="stopping"):
        await as_reply(patient_bot.send_message(7200, "x"))


async def test_requests_outside_a_reply_are_not_retried(
    patient_bot: ExtBot[int], bot_api: FakeBotAPI
) -> None:
    bot_api.outage("sendMessage", seconds=30)
    with pytest.raises(NetworkError, match="Bad Gateway") as raised:
        await patient_bot.send_message(7200, "x")
    assert not isinstance(raised.value, ReplyNotSent)
    assert len([m for m, _ in bot_api.calls if m == "sendMessage"]) == 1
