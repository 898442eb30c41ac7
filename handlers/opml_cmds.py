"""OPML: /export sends every feed as an .opml file; sending an OPML file imports it.

Import rule order: a file named .opml (or typed text/x-opml) needs a sender allowed to add
feeds (`feed_cmds.may_manage_feeds`) → the file must be at most `MAX_OPML_BYTES` → it must
parse (`feeds.opml`); an .xml file (or one typed application/xml, text/xml) that is not OPML
gets a polite answer in private chats and none in groups (it was not meant for the bot), and
one that is OPML now needs a sender allowed to add feeds → entries the file lists but
`feeds.opml` skips are counted and listed with their reason → each URL is
checked by `feeds.guard` (scheme, private addresses) without fetching, known URLs are
counted, and new ones are added for this chat up to its feed limit (admins: no limit); the
scheduler validates them on its first poll, and a broken one is reported in /feeds.
"""

from __future__ import annotations

from telegram import Document, Message, Update
from telegram.ext import filters

from digest.models import Chat
from feeds.errors import FeedError
from feeds.guard import check_url_async
from feeds.opml import OpmlError, OpmlFeed, OpmlList, export_opml, read_opml
from handlers.chats import current_chat
from handlers.context import NewsContext, Services
from handlers.feed_cmds import is_bot_admin, may_manage_feeds
from handlers.feed_texts import feed_reason, opml_reason
from handlers.texts import clip, t

MAX_OPML_BYTES = 1_000_000
MAX_LISTED_REFUSALS = 10
# Documents offered to import_opml: .opml files, and .xml ones that may turn out to be OPML.
OPML_DOCUMENTS = (
    filters.Document.FileExtension("opml")
    | filters.Document.MimeType("text/x-opml")
    | filters.Document.FileExtension("xml")
    | filters.Document.MimeType("application/xml")
    | filters.Document.MimeType("text/xml")
)


async def export_feeds(update: Update, context: NewsContext) -> None:
    """Send every feed as an OPML 2.0 file."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None or not await may_manage_feeds(update, context, chat):
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
    """Add the feeds of an OPML file the member sent (an .xml file only when it is OPML)."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None or message.document is None:
        return
    named = _named_opml(message.document)
    if named and not await may_manage_feeds(update, context, chat):
        return
    data = await _download(message, message.document, chat=chat, quiet=not named and chat.id < 0)
    if data is None:
        return
    try:
        listing = read_opml(data)
    except OpmlError as error:
        await _unreadable(message, error, data, chat=chat, named=named)
        return
    if not named and not await may_manage_feeds(update, context, chat):
        return
    services = context.bot_data.services
    report = await _add_all(services, listing, chat=chat, admin=is_bot_admin(update, services))
    await message.reply_text(report)


def _named_opml(document: Document) -> bool:
    name, mime = (document.file_name or "").lower(), (document.mime_type or "").lower()
    return name.endswith(".opml") or mime == "text/x-opml"


async def _download(
    message: Message, document: Document, *, chat: Chat, quiet: bool
) -> bytes | None:
    if (document.file_size or 0) > MAX_OPML_BYTES:
        if not quiet:
            await message.reply_text(t(chat.language, "opml_too_big", limit="1 MB"))
        return None
    file = await document.get_file()
    return bytes(await file.download_as_bytearray())


async def _unreadable(
    message: Message, error: OpmlError, data: bytes, *, chat: Chat, named: bool
) -> None:
    """Explain an unreadable file; an .xml file that is no OPML at all is not ours in groups."""
    if named or b"<opml" in data[:4096].lower():
        lang = chat.language
        await message.reply_text(t(lang, "opml_bad", reason=opml_reason(str(error), lang=lang)))
    elif chat.id > 0:
        await message.reply_text(t(chat.language, "opml_not_opml"))


async def _add_all(services: Services, listing: OpmlList, *, chat: Chat, admin: bool) -> str:
    storage, lang = services.storage, chat.language
    room = None if admin else services.config.max_feeds_per_chat
    if room is not None:
        room -= await storage.count_feeds_added_by(chat_id=chat.id)
    added, known = 0, 0
    refused = [
        t(lang, "opml_refused_line", url=skip.name, reason=t(lang, f"opml_skip_{skip.reason}"))
        for skip in listing.skipped
    ]
    for entry in listing.feeds:
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
