"""Composition root: build the Application and wire storage, HTTP and jobs into it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import partial
from typing import Any, cast

from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes

from bot.chat_order import ChatOrderedProcessor
from bot.replies import PatientRateLimiter
from bot.settings import Settings
from bot.telegram_link import LinkWatch, WatchedRequest
from feeds.http import make_client
from handlers.context import BotConfig, BotData, NewsApp, Services
from handlers.outbox import OutboxSender
from handlers.outbox_limiter import OutboxRateLimiter
from handlers.setup import (
    DIGEST_CHECK_SECONDS,
    publish_commands,
    register_handlers,
    schedule_jobs,
)
from storage import open_storage

log = logging.getLogger(__name__)

# Telegram allows about 30 messages/s per bot; a hair under it absorbs network jitter, so
# the server never sees a burst above its limit (a 429 costs a whole retry_after pause).
OVERALL_RATE = 28


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def bot_config(settings: Settings) -> BotConfig:
    """Copy what handlers need out of the settings."""
    return BotConfig(
        default_timezone=settings.timezone,
        default_digest_time=settings.digest_time,
        admin_ids=frozenset(settings.admin_ids),
        allow_private_feed_urls=settings.allow_private_feed_urls,
        feed_poll_seconds=settings.feed_poll_seconds,
        feeds=tuple(settings.feeds),
        members_can_add_feeds=settings.members_can_add_feeds,
        max_feeds_per_chat=settings.max_feeds_per_chat,
        feed_max_failures=settings.feed_max_failures,
        feed_concurrency=settings.feed_concurrency,
        feed_per_host=settings.feed_per_host,
        feed_check_seconds=settings.feed_check_seconds,
        feed_timeout_seconds=settings.feed_timeout_seconds,
        instant_backlog_seconds=settings.instant_backlog_seconds,
    )


def build_application(
    settings: Settings,
    *,
    digest_check_seconds: float = DIGEST_CHECK_SECONDS,
    clock: Callable[[], datetime] = utc_now,
) -> NewsApp:
    """Build the bot: handlers registered; storage and jobs start in `post_init`."""
    config = bot_config(settings)
    api = settings.telegram_api_url
    senders: list[OutboxSender] = []
    limiter = PatientRateLimiter(OutboxRateLimiter(overall_max_rate=OVERALL_RATE, max_retries=3))

    async def start_services(app: NewsApp) -> None:
        storage = await open_storage(settings.database_url)
        for url in config.feeds:
            await storage.add_feed(url=url)
        http = make_client(
            allow_private=config.allow_private_feed_urls, timeout=config.feed_timeout_seconds
        )
        services = Services(storage=storage, http=http, config=config, clock=clock)
        app.bot_data.attach(services)
        caught = await storage.reconcile_outbox()
        if caught:
            log.warning("%d messages were mid-send at the last stop; taken as sent", caught)
        senders.append(OutboxSender(app.bot, services))
        senders[-1].start()
        await publish_commands(app)
        schedule_jobs(
            app, poll_seconds=config.feed_check_seconds, digest_seconds=digest_check_seconds
        )
        log.info("newsbot started: %d feeds configured", len(config.feeds))

    async def stop_sending(app: NewsApp) -> None:
        # Before shutdown closes the bot's HTTP client: let messages in flight finish.
        while senders:
            await senders.pop().stop()

    async def stop_services(app: NewsApp) -> None:
        services = app.bot_data.detach()
        if services is not None:
            await services.http.aclose()
            await services.storage.close()

    context_types: ContextTypes[Any, Any, Any, BotData] = ContextTypes(bot_data=BotData)
    app = cast(
        NewsApp,
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .context_types(context_types)
        # Reports each long poll's outcome: one log line when Telegram stops answering
        # and one when it is back, instead of PTB's traceback per failed poll.
        .get_updates_request(WatchedRequest(LinkWatch(), connection_pool_size=1))
        # Replies to members retry Telegram's short failures for up to two minutes
        # (bot.replies); other requests keep AIORateLimiter's three tries on a 429, and an
        # outbox row is marked `sending` only once the limiter lets its request go.
        .rate_limiter(limiter)
        # Chats are handled side by side, each chat's updates in order (bot.chat_order).
        .concurrent_updates(ChatOrderedProcessor())
        .post_init(start_services)
        .post_stop(stop_sending)
        .post_shutdown(stop_services)
        .build(),
    )
    limiter.keep_trying = lambda: app.running  # a stopping bot stops waiting to reply
    register_handlers(app)
    return app


def _polling_failed(app: NewsApp, error: TelegramError) -> None:
    # What run_polling does with a failed getUpdates: hand it to the error handlers.
    app.create_task(app.process_error(error=error, update=None))


@asynccontextmanager
async def running(app: NewsApp) -> AsyncIterator[NewsApp]:
    """Run `app` with long polling until the block exits (what `run_polling` does, awaitable)."""
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        updater = app.updater
        if updater is None:
            raise RuntimeError("application was built without an updater")
        await updater.start_polling(timeout=1, error_callback=partial(_polling_failed, app))
        try:
            yield app
        finally:
            await updater.stop()
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
