"""Command handlers: narrow the update, parse `context.args`, call the core, reply."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from digest.query import QueryError, parse_query
from handlers import button_data
from handlers.chats import current_chat
from handlers.context import NewsContext
from handlers.digests import enqueue_manual
from handlers.feed_cmds import feed_refusal, is_bot_admin
from handlers.membership import may_change
from handlers.menus import publish_admin_menu
from handlers.queries import query_error, understood
from handlers.settings_view import schedule_line
from handlers.texts import command_lines, t
from storage import SubscriptionLimitError


async def start(update: Update, context: NewsContext) -> None:
    """Greet the member and list the commands."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    user = update.effective_user
    if user and user.id == chat.id and is_bot_admin(update, context.bot_data.services):
        # Telegram refuses a chat-scoped menu until the admin has started the bot.
        await publish_admin_menu(context.bot, user.id)
    text = t(
        chat.language,
        "welcome",
        schedule=schedule_line(chat),
        commands=command_lines(chat.language, feeds=await _shows_feeds(update, context)),
    )
    await message.reply_text(text)


async def help_command(update: Update, context: NewsContext) -> None:
    """List the commands."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    feeds = await _shows_feeds(update, context)
    await message.reply_text(
        t(chat.language, "help", commands=command_lines(chat.language, feeds=feeds))
    )


async def _shows_feeds(update: Update, context: NewsContext) -> bool:
    return await feed_refusal(update, context) is None


def _canonical(text: str) -> str | None:
    try:
        return parse_query(text).canonical
    except QueryError:
        return None


async def subscribe(update: Update, context: NewsContext) -> None:
    """Follow the keywords in the command's arguments."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    lang, text = chat.language, " ".join(context.args or [])
    if not text.strip():
        await message.reply_text(t(lang, "subscribe_usage"))
        return
    if not await may_change(update, context):
        await message.reply_text(t(lang, "admins_only"))
        return
    try:
        query = parse_query(text)
    except QueryError as error:
        await message.reply_text(query_error(error, lang=lang))
        return
    storage, limit = (
        context.bot_data.services.storage,
        context.bot_data.services.config.max_subscriptions,
    )
    existing = await storage.list_subscriptions(chat_id=chat.id)
    if any(_canonical(sub.query) == query.canonical for sub in existing):
        await message.reply_text(t(lang, "already", query=query.text))
        return
    try:
        await storage.add_subscription(chat_id=chat.id, query=query.text, limit=limit)
    except SubscriptionLimitError:
        await message.reply_text(t(lang, "too_many", limit=limit))
        return
    reply = t(lang, "subscribed", query=query.text, count=len(existing) + 1, limit=limit)
    note = understood(query, lang=lang)
    await message.reply_text(f"{reply}\n{note}" if note else reply)


async def unsubscribe(update: Update, context: NewsContext) -> None:
    """Offer one button per subscription to stop following it."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    if not await may_change(update, context):
        await message.reply_text(t(chat.language, "admins_only"))
        return
    subs = await context.bot_data.services.storage.list_subscriptions(chat_id=chat.id)
    if not subs:
        await message.reply_text(t(chat.language, "no_subs"))
        return
    buttons = [
        [InlineKeyboardButton(f"✖ {sub.query}", callback_data=f"unsub:{sub.id}")] for sub in subs
    ]
    markup = InlineKeyboardMarkup(buttons)
    await message.reply_text(t(chat.language, "unsub_pick"), reply_markup=markup)


async def unsubscribe_button(update: Update, context: NewsContext) -> None:
    """Remove the subscription a button names; answer politely when it is stale."""
    query, chat = update.callback_query, await current_chat(update, context)
    if query is None or chat is None:
        return
    subscription_id = button_data.row_id(query.data, prefix="unsub:")
    if subscription_id is None:
        await query.answer(t(chat.language, "stale"))
        return
    if not await may_change(update, context):
        await query.answer(t(chat.language, "admins_only"))
        return
    storage = context.bot_data.services.storage
    subs = {sub.id: sub for sub in await storage.list_subscriptions(chat_id=chat.id)}
    removed = subscription_id in subs and await storage.remove_subscription(
        chat_id=chat.id, subscription_id=subscription_id
    )
    if not removed:
        await query.answer(t(chat.language, "stale"), show_alert=False)
        return
    await query.answer()
    await query.edit_message_text(
        t(chat.language, "unsubscribed", query=subs[subscription_id].query)
    )


async def digest_now(update: Update, context: NewsContext) -> None:
    """Send the chat's digest of everything new since its last one."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    services = context.bot_data.services
    if not await services.storage.list_subscriptions(chat_id=chat.id):
        await message.reply_text(t(chat.language, "no_subs"))
        return
    if not await enqueue_manual(services, chat):
        await message.reply_text(t(chat.language, "nothing_new"))


async def unknown(update: Update, context: NewsContext) -> None:
    """Answer an unknown command or stray text in a private chat with a short hint."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    if message.text and not message.text.startswith("/") and chat.id < 0:
        return  # groups talk among themselves: only commands are ours to answer
    if addressed_to_another_bot(message.text or "", context.bot.username):
        return  # `/ban@group_help_bot` is another bot's business
    await message.reply_text(t(chat.language, "unknown"))


def addressed_to_another_bot(text: str, username: str) -> bool:
    """Tell whether `text` is a command naming a bot other than `username` (`/cmd@other`)."""
    words = text.split(maxsplit=1)
    if not words or not words[0].startswith("/"):
        return False
    _command, at, addressee = words[0].partition("@")
    return bool(at) and addressee.casefold() != username.casefold()


async def stale_button(update: Update, context: NewsContext) -> None:
    """Answer a button whose data we no longer understand."""
    query, chat = update.callback_query, await current_chat(update, context)
    if query is None or chat is None:
        return
    await query.answer(t(chat.language, "stale"))
