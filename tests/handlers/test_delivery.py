"""Digest delivery through the outbox: once per period, in order, whatever Telegram answers."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

from bot.app import build_application, running
from handlers.context import NewsApp
from handlers.ingest import ingest_all
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import Item, NewsSite, seed_item_and_page
from tests.harness import (
    SEED_HEADLINE,
    FakeClock,
    articles_stored,
    eventually,
    feeds_polled,
    make_settings,
    say,
)

CHAT = 31337


async def subscribed_app(
    api: FakeBotAPI, site: NewsSite, url: str, clock: FakeClock, *chats: int
) -> NewsApp:
    """Start nothing; return an app whose chats will digest one hour after the clock's now."""
    settings = make_settings(api, site, url, timezone="UTC")
    return build_application(settings, digest_check_seconds=0.1, clock=clock)


async def prepare(api: FakeBotAPI, app: NewsApp, clock: FakeClock, *chats: int) -> None:
    at = clock.now + timedelta(hours=1)
    for chat in chats:
        await say(api, chat, f"/time {at:%H:%M}")
        await say(api, chat, "/subscribe dang uy")
    await eventually(lambda: articles_stored(app))


async def test_a_restart_across_the_digest_time_sends_exactly_one(
    bot_api: FakeBotAPI, news_site: NewsSite, database_url: str
) -> None:
    clock = FakeClock()
    async with running(await subscribed_app(bot_api, news_site, database_url, clock)) as app:
        await prepare(bot_api, app, clock, CHAT)
    clock.now += timedelta(hours=3)  # down across the digest time
    async with running(await subscribed_app(bot_api, news_site, database_url, clock)):
        (digest,) = await bot_api.wait_for_messages(CHAT)
        assert SEED_HEADLINE in digest.text
    async with running(await subscribed_app(bot_api, news_site, database_url, clock)):
        await asyncio.sleep(2.5)  # the digest clock's first tick comes about 2 s after start
    digests = [m for m in bot_api.messages(CHAT) if SEED_HEADLINE in m.text]
    assert len(digests) == 1


async def test_429s_delay_but_every_digest_arrives(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    clock, chats = FakeClock(), (CHAT, CHAT + 1, CHAT + 2)
    async with running(await subscribed_app(bot_api, news_site, sqlite_url, clock)) as app:
        await prepare(bot_api, app, clock, *chats)
        bot_api.fail_next(None, status=429, retry_after=1, times=6)
        clock.now += timedelta(hours=1, minutes=1)
        for chat in chats:
            (digest,) = await bot_api.wait_for_messages(chat, timeout=20)
            assert SEED_HEADLINE in digest.text
        assert sum(1 for _, _, error in bot_api.errors if "Too Many" in error) == 6


async def test_an_entity_error_is_resent_as_plain_text(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    clock = FakeClock()
    async with running(await subscribed_app(bot_api, news_site, sqlite_url, clock)) as app:
        await prepare(bot_api, app, clock, CHAT)
        bot_api.fail_next(CHAT, status=400, description="Bad Request: can't parse entities")
        clock.now += timedelta(hours=1, minutes=1)
        (digest,) = await bot_api.wait_for_messages(CHAT)
        assert digest.parse_mode is None
        assert SEED_HEADLINE in digest.text and "<b>" not in digest.text


async def test_a_migrated_group_gets_its_digest_at_the_new_id(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    clock, group, supergroup = FakeClock(), -4242, -1004242
    async with running(await subscribed_app(bot_api, news_site, sqlite_url, clock)) as app:
        at = clock.now + timedelta(hours=1)
        for text in (f"/time {at:%H:%M}", "/subscribe dang uy"):
            await bot_api.user_sends(group, text, chat_type="group", user_id=7)
        bot_api.admins.add(7)
        await bot_api.wait_for_messages(group, count=2)
        await eventually(lambda: articles_stored(app))
        bot_api.gate.migrated[group] = supergroup
        clock.now += timedelta(hours=1, minutes=1)
        (digest,) = await bot_api.wait_for_messages(supergroup)
        assert SEED_HEADLINE in digest.text
        storage = app.bot_data.services.storage
        assert await storage.get_chat(chat_id=group) is None
        assert await storage.list_subscriptions(chat_id=supergroup)


async def test_only_group_admins_change_subscriptions(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    group = -777
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await bot_api.user_sends(group, "/subscribe vàng", chat_type="group", user_id=5)
        (refusal,) = await bot_api.wait_for_messages(group)
        assert "quản trị viên" in refusal.text
        bot_api.admins.add(5)
        await bot_api.user_sends(group, "/subscribe vàng", chat_type="group", user_id=5)
        (done,) = await bot_api.wait_for_messages(group)
        assert "vàng" in done.text and "1/20" in done.text


async def test_blocking_and_coming_back_toggle_the_chat(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await say(bot_api, CHAT, "/start")
        storage = app.bot_data.services.storage
        await bot_api.bot_membership_changes(CHAT, old="member", new="kicked")
        await eventually(lambda: _active_is(app, CHAT, False))
        await bot_api.bot_membership_changes(CHAT, old="kicked", new="member")
        await eventually(lambda: _active_is(app, CHAT, True))
        assert await storage.get_chat(chat_id=CHAT) is not None


async def _active_is(app: NewsApp, chat_id: int, active: bool) -> bool:
    chat = await app.bot_data.services.storage.get_chat(chat_id=chat_id)
    return chat is not None and chat.active is active


async def test_instant_pushes_a_new_matching_article_once(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await say(bot_api, CHAT, "/subscribe giá vàng")
        assert "ngay khi" in await say(bot_api, CHAT, "/frequency instant")
        # A feed's first poll only fills the store: wait until it is over.
        await eventually(lambda: feeds_polled(app))
        news_site.add_item("baonghean", gold_item())
        services = app.bot_data.services
        assert await ingest_all(services) == 1
        (card,) = await bot_api.wait_for_messages(CHAT)
        assert card.text.startswith("Giá vàng trong nước tăng mạnh")
        assert await ingest_all(services) == 0
        await asyncio.sleep(0.5)
        assert len(bot_api.messages(CHAT)) == 3


def gold_item() -> Item:
    return Item(
        title="Giá vàng trong nước tăng mạnh",
        slug="gia-vang-tang-manh",
        description="Giá vàng SJC sáng nay tăng 500.000 đồng mỗi lượng, lên 92,5 triệu đồng.",
        published=datetime.now(UTC),
    )


async def test_pause_stops_pushes_until_resume(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    clock = FakeClock()
    async with running(await subscribed_app(bot_api, news_site, sqlite_url, clock)) as app:
        await prepare(bot_api, app, clock, CHAT)
        assert "/resume" in await say(bot_api, CHAT, "/pause")
        clock.now += timedelta(hours=1, minutes=1)
        await asyncio.sleep(0.5)
        assert len(bot_api.messages(CHAT)) == 3, "no digest while paused"
        await say(bot_api, CHAT, "/resume")
        await say(bot_api, CHAT, f"/time {clock.now + timedelta(minutes=30):%H:%M}")
        clock.now += timedelta(minutes=31)
        (digest,) = await bot_api.wait_for_messages(CHAT)
        assert SEED_HEADLINE in digest.text


async def test_messages_to_one_private_chat_are_a_second_apart(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await say(bot_api, CHAT, "/start")
        storage = app.bot_data.services.storage
        now = app.bot_data.services.clock()
        await storage.enqueue_delivery(
            chat_id=CHAT,
            period_key="k",
            messages=[("a", None), ("b", None), ("c", None)],
            article_count=3,
            now=now,
        )
        app.bot_data.services.outbox_signal.set()
        first, second, third = await bot_api.wait_for_messages(CHAT, count=3)
        assert [m.text for m in (first, second, third)] == ["a", "b", "c"]
        assert second.at - first.at >= 0.95 and third.at - second.at >= 0.95


async def test_the_same_story_from_two_feeds_is_shown_once_with_both_sources(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    seed, page = seed_item_and_page(site_url=news_site.url)
    seed = dataclasses.replace(seed, published=datetime.now(UTC) - timedelta(hours=2))
    copy = dataclasses.replace(
        seed,
        title="Nghệ An: " + seed.title,
        slug="ban-sao-" + seed.slug,
        guid=None,
        published=seed.published + timedelta(hours=1),
    )
    news_site.add_item("nghean24", copy, page_html=page.replace(seed.slug, copy.slug))
    feeds = [news_site.feed_url("baonghean"), news_site.feed_url("nghean24")]
    app = build_application(make_settings(bot_api, news_site, sqlite_url, feeds=feeds))
    async with running(app):
        await say(bot_api, CHAT, "/subscribe dang uy")
        await eventually(lambda: _stored_at_least(app, 2))
        await bot_api.user_sends(CHAT, "/digest")
        (digest,) = await bot_api.wait_for_messages(CHAT)
    assert digest.text.count("Tránh qua loa, đại khái") == 1
    assert "1 bài" in digest.text
    assert digest.html.count("<a href=") == 2
    assert seed.slug in digest.html and copy.slug in digest.html


async def _stored_at_least(app: NewsApp, count: int) -> bool:
    return len(await app.bot_data.services.storage.articles_since(since=None)) >= count
