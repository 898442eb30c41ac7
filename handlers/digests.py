"""Compose a chat's digest from its subscriptions and deliver it exactly once per period."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from html import escape

from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import ExtBot

from digest.match import QueryError, matches, parse_query
from digest.models import Article, Chat, Subscription
from handlers.context import Services
from handlers.render import digest_item_html, pack_messages
from handlers.texts import t

log = logging.getLogger(__name__)

FIRST_DIGEST_WINDOW = timedelta(days=1)
MAX_ITEMS_PER_SUBSCRIPTION = 10


async def group_matches(
    services: Services, *, subscriptions: list[Subscription], since: datetime
) -> list[tuple[Subscription, list[Article]]]:
    """Group new articles under the first subscription they match; each article once."""
    storage = services.storage
    parsed = []
    for sub in subscriptions:
        try:
            parsed.append((sub, parse_query(sub.query)))
        except QueryError:
            log.warning("skipping unusable stored query %r", sub.query)
    groups: dict[int, list[Article]] = {sub.id: [] for sub in subscriptions}
    for article in await storage.articles_since(since=since):
        tokens = await storage.article_tokens(article_id=article.id)
        for sub, query in parsed:
            if matches(query, tokens):
                groups[sub.id].append(article)
                break
    return [
        (sub, groups[sub.id][:MAX_ITEMS_PER_SUBSCRIPTION])
        for sub in subscriptions
        if groups[sub.id]
    ]


def render_digest(groups: list[tuple[Subscription, list[Article]]], *, lang: str) -> list[str]:
    """Render grouped articles as HTML messages, each under Telegram's limit."""
    count = sum(len(articles) for _, articles in groups)
    items: list[str] = []
    for sub, articles in groups:
        for index, article in enumerate(articles):
            item = digest_item_html(article, lang=lang)
            items.append(f"🔎 <b>{escape(sub.query)}</b>\n\n{item}" if index == 0 else item)
    return pack_messages(t(lang, "digest_head", count=count), items)


async def deliver_digest(
    bot: ExtBot[int], services: Services, chat: Chat, *, manual: bool, period: str | None = None
) -> bool:
    """Send the chat's digest once for its period; return whether anything was sent."""
    storage, now = services.storage, services.clock()
    since = chat.last_digest_at or now - FIRST_DIGEST_WINDOW
    subscriptions = await storage.list_subscriptions(chat_id=chat.id)
    groups = await group_matches(services, subscriptions=subscriptions, since=since)
    period_key = period or f"manual:{now.isoformat()}"
    if not await storage.claim_delivery(chat_id=chat.id, period_key=period_key):
        return False
    article_ids = [article.id for _, articles in groups for article in articles]
    if not article_ids:
        if manual:
            await storage.release_delivery(chat_id=chat.id, period_key=period_key)
        else:
            await storage.complete_delivery(
                chat_id=chat.id, period_key=period_key, article_ids=[], sent_at=now
            )
        return False
    try:
        for text in render_digest(groups, lang=chat.language):
            await bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)
    except Forbidden:
        log.info("chat %s blocked the bot; marking it inactive", chat.id)
        await storage.set_chat_active(chat_id=chat.id, active=False)
        await storage.release_delivery(chat_id=chat.id, period_key=period_key)
        return False
    except TelegramError:
        # Released so the next tick tries again; nothing is lost.
        await storage.release_delivery(chat_id=chat.id, period_key=period_key)
        raise
    await storage.complete_delivery(
        chat_id=chat.id, period_key=period_key, article_ids=article_ids, sent_at=now
    )
    return True
