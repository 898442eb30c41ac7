"""/latest and /list with inline buttons: "more" paging and "mute this source".

Callback data (≤ 64 bytes; read by `handlers.button_data`, which refuses anything else):
- `lt:<search key>:<n>` shows the n-th newest match of a remembered /latest search;
- `mute:<article id>` hides that article's source from the chat's digests;
- `ls:<page>` shows a page of the chat's keywords.
A button whose search was forgotten (restart) or whose article is gone answers politely.
/latest and "more" skip articles from the chat's muted sources (see handlers.muting).
"""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from digest.compose import source_host
from digest.models import Article
from digest.query import QueryError, parse_query
from handlers import button_data
from handlers.chats import current_chat
from handlers.context import NewsContext
from handlers.membership import may_change
from handlers.queries import query_error
from handlers.render import article_html
from handlers.texts import t

LIST_PAGE = 10


def card_buttons(article: Article, *, lang: str, key: str, index: int) -> InlineKeyboardMarkup:
    """Return the "mute source" and "more" buttons under a /latest card."""
    row = [InlineKeyboardButton(t(lang, "more"), callback_data=f"lt:{key}:{index + 1}")]
    source = source_host(article)
    if source:
        label = t(lang, "mute", source=source[:40])
        row.insert(0, InlineKeyboardButton(label, callback_data=f"mute:{article.id}"))
    return InlineKeyboardMarkup([row])


async def latest(update: Update, context: NewsContext) -> None:
    """Show the newest article matching the topic as a card, with buttons."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    text = " ".join(context.args or [])
    if not text.strip():
        await message.reply_text(t(chat.language, "latest_usage"))
        return
    try:
        query = parse_query(text)
    except QueryError as error:
        await message.reply_text(query_error(error, lang=chat.language))
        return
    storage = context.bot_data.services.storage
    muted = await storage.muted_sources(chat_id=chat.id)
    article = await storage.latest_article(query=query, muted=muted)
    if article is None:
        await message.reply_text(t(chat.language, "no_match", query=query.text))
        return
    key = context.bot_data.searches.remember(query.text)
    markup = card_buttons(article, lang=chat.language, key=key, index=0)
    html = article_html(article, lang=chat.language, timezone=chat.timezone, now=_now(context))
    await message.reply_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)


async def latest_more(update: Update, context: NewsContext) -> None:
    """Show the next older match of a remembered /latest search."""
    button, chat = update.callback_query, await current_chat(update, context)
    if button is None or chat is None:
        return
    position = button_data.search_position(button.data)
    if position is None:
        await button.answer(t(chat.language, "latest_stale"))
        return
    key, index = position
    remembered = context.bot_data.searches.recall(key)
    storage = context.bot_data.services.storage
    query = parse_query(remembered) if remembered else None
    muted = await storage.muted_sources(chat_id=chat.id)
    article = await storage.latest_article(query=query, skip=index, muted=muted) if query else None
    if article is None:
        await button.answer(t(chat.language, "latest_stale" if query is None else "no_more"))
        return
    await button.answer()
    markup = card_buttons(article, lang=chat.language, key=key, index=index)
    html = article_html(article, lang=chat.language, timezone=chat.timezone, now=_now(context))
    await context.bot.send_message(chat.id, html, parse_mode=ParseMode.HTML, reply_markup=markup)


async def mute_button(update: Update, context: NewsContext) -> None:
    """Hide the source of the article a button names from the chat's digests."""
    button, chat = update.callback_query, await current_chat(update, context)
    if button is None or chat is None:
        return
    article_id = button_data.row_id(button.data, prefix="mute:")
    if article_id is None:
        await button.answer(t(chat.language, "stale"))
        return
    if not await may_change(update, context):
        await button.answer(t(chat.language, "admins_only"))
        return
    storage = context.bot_data.services.storage
    article = await storage.get_article(article_id=article_id)
    source = source_host(article) if article else ""
    if not source:
        await button.answer(t(chat.language, "stale"))
        return
    await storage.mute_source(chat_id=chat.id, host=source)
    await button.answer(t(chat.language, "muted", source=source))


def _now(context: NewsContext) -> datetime:
    return context.bot_data.services.clock()


def list_page(
    queries: list[str], *, page: int, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Return one page of a keyword list and its "more" button."""
    start = page * LIST_PAGE
    items = "\n".join(f"• {q}" for q in queries[start : start + LIST_PAGE])
    more = start + LIST_PAGE < len(queries)
    button = InlineKeyboardButton(t(lang, "more"), callback_data=f"ls:{page + 1}")
    return items, InlineKeyboardMarkup([[button]]) if more else None


async def list_subscriptions(update: Update, context: NewsContext) -> None:
    """Show the chat's keywords, a page at a time."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    services = context.bot_data.services
    queries = [s.query for s in await services.storage.list_subscriptions(chat_id=chat.id)]
    if not queries:
        await message.reply_text(t(chat.language, "no_subs"))
        return
    items, markup = list_page(queries, page=0, lang=chat.language)
    limit = services.config.max_subscriptions
    text = t(chat.language, "list", count=len(queries), limit=limit, items=items)
    await message.reply_text(text, reply_markup=markup)


async def list_more(update: Update, context: NewsContext) -> None:
    """Show the next page of the chat's keywords."""
    button, chat = update.callback_query, await current_chat(update, context)
    if button is None or chat is None:
        return
    page = button_data.page(button.data, prefix="ls:")
    if page is None:
        await button.answer(t(chat.language, "stale"))
        return
    storage = context.bot_data.services.storage
    queries = [s.query for s in await storage.list_subscriptions(chat_id=chat.id)]
    items, markup = list_page(queries, page=page, lang=chat.language)
    if not items:
        await button.answer(t(chat.language, "stale"))
        return
    await button.answer()
    await context.bot.send_message(chat.id, items, reply_markup=markup)
