"""Typed context: what every handler and job can reach through `context.bot_data`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any, TypeAlias

import httpx
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from handlers.conditions import Condition
from handlers.searches import SearchMemo
from storage import Storage


@dataclass(frozen=True, slots=True)
class BotConfig:
    """The settings handlers need, copied from `bot.settings.Settings` by the composition root."""

    default_timezone: str
    default_digest_time: time
    admin_ids: frozenset[int]
    allow_private_feed_urls: bool
    feed_poll_seconds: int
    feeds: tuple[str, ...] = ()
    max_subscriptions: int = 20
    fetch_pages: bool = True
    members_can_add_feeds: bool = False
    max_feeds_per_chat: int = 10
    feed_max_failures: int = 10
    feed_concurrency: int = 32
    feed_per_host: int = 2
    feed_check_seconds: int = 15
    feed_timeout_seconds: float = 10.0
    instant_backlog_seconds: int = 600


@dataclass(frozen=True, slots=True)
class Services:
    """Long-lived resources opened at start-up and closed at shutdown."""

    storage: Storage
    http: httpx.AsyncClient
    config: BotConfig
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # Set whenever something is enqueued, so the outbox sender looks at once.
    outbox_signal: asyncio.Event = field(default_factory=asyncio.Event)


class BotData:
    """`context.bot_data`: holds the services once start-up has opened them."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self.searches = SearchMemo()
        # Held while a poll round or a digest round runs: a tick that finds its round busy
        # returns quietly.
        self.poll_round = asyncio.Lock()
        self.digest_round = asyncio.Lock()
        # The health of each periodic job, so its failures are logged once per condition.
        self.conditions: dict[str, Condition] = {}

    def attach(self, services: Services) -> None:
        """Make `services` available to handlers and jobs."""
        self._services = services

    def detach(self) -> Services | None:
        """Forget the services (at shutdown) and return them for closing."""
        services, self._services = self._services, None
        return services

    @property
    def services(self) -> Services:
        """Return the services; start-up must have attached them."""
        if self._services is None:
            raise RuntimeError("services are not attached: start-up has not run")
        return self._services


NewsBot: TypeAlias = ExtBot[int]
NewsContext: TypeAlias = CallbackContext[NewsBot, dict[Any, Any], dict[Any, Any], BotData]
NewsApp: TypeAlias = Application[
    ExtBot[int], NewsContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[NewsContext]
]
