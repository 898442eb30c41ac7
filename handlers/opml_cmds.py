"""OPML: /export sends every feed as an .opml file; sending an .opml file imports it.

Import rule order: the sender must be allowed to add feeds (`feed_cmds.may_manage_feeds`)
→ the file must be at most `MAX_OPML_BYTES` → it must parse (`feeds.opml`) → each URL is
checked by `feeds.guard` (scheme, private addresses) without fetching, known URLs are
counted, and new ones are added for this chat up to its feed limit (admins: no limit); the
scheduler validates them on its first poll, and a broken one is reported in /feeds.
"""

from __future__ import annotations

from telegram import Update

from digest.models import Chat
from feeds.errors import FeedError
from feeds.guard import check_url_async
from feeds.opml import OpmlFeed, export_opml, parse_opml
from handlers.chats import current_chat
from handlers.context import NewsContext, Services
from handlers.feed_cmds import is_bot_admin, may_manage_feeds
from handlers.feed_texts import feed_reason, opml_reason
from handlers.texts import clip, t

MAX_OPML_BYTES = 1_000_000
MAX_LISTED_REFUSALS = 10


async def export_feeds(update: Update, context: NewsContext) -> None:
    """Send every feed as an OPML 2.0 file."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    feeds = await context.bot_data.services.storage.list_feeds()
    if not feeds:
        await message.reply_text(t(chat.language, "no_feeds"))
        return
    data = export_opml(
        [OpmlFeed(url=f.url, title=f.title or f.url) for f in feeds], title="newsbot"
    )
    await message.reply_document(
        document=data,
        filename="newsbot-feeds.opml",
        caption=t(chat.language, "export_caption", count=len(feeds)),
    )


async def import_opml(update: Update, context: NewsContext) -> None:
    """Add the feeds of an OPML file the member sent."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None or message.document is None:
        return
    lang = chat.language
    if not await may_manage_feeds(update, context, chat):
        return
    if (message.document.file_size or 0) > MAX_OPML_BYTES:
        await message.reply_text(t(lang, "opml_too_big", limit="1 MB"))
        return
    file = await message.document.get_file()
    data = bytes(await file.download_as_bytearray())
    try:
        entries = parse_opml(data)
    except ValueError as error:
        await message.reply_text(t(lang, "opml_bad", reason=opml_reason(str(error), lang=lang)))
        return
    services = context.bot_data.services
    report = await _add_all(services, entries, chat=chat, admin=is_bot_admin(update, services))
    await message.reply_text(report)


async def _add_all(services: Services, entries: list[OpmlFeed], *, chat: Chat, admin: bool) -> str:
    storage, lang = services.storage, chat.language
    room = None if admin else services.config.max_feeds_per_chat
    if room is not None:
        room -= await storage.count_feeds_added_by(chat_id=chat.id)
    added, known, refused = 0, 0, []
    for entry in entries:
        if await storage.find_feed(url=entry.url) is not None:
            known += 1
            continue
        reason = await _refusal(services, entry.url, lang=lang)
        if reason is None and room is not None and added >= room:
            reason = t(lang, "feed_limit", limit=services.config.max_feeds_per_chat)
        if reason is not None:
            refused.append(t(lang, "opml_refused_line", url=clip(entry.url), reason=reason))
            continue
        await storage.add_feed(url=entry.url, added_by=chat.id)
        added += 1
    lines = [t(lang, "opml_done", added=added, known=known, refused=len(refused))]
    return "\n".join(lines + refused[:MAX_LISTED_REFUSALS])


async def _refusal(services: Services, url: str, *, lang: str) -> str | None:
    try:
        await check_url_async(url, allow_private=services.config.allow_private_feed_urls)
    except FeedError as error:
        return feed_reason(error.reason, lang=lang)
    return None
