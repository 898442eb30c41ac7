"""Feed management: /addfeed, /removefeed, /feeds.

Who may change feeds, in order: the bot's admins (`ADMIN_IDS`) always; anyone else only
with `MEMBERS_CAN_ADD_FEEDS`, in groups only the group's admins, and only the feeds their
chat added, at most `MAX_FEEDS_PER_CHAT` of them. Feeds are shared: every chat's keywords
are matched against every feed. /addfeed validates by fetching and parsing the feed before
storing it (an HTML page is followed to the first feed it announces, see `feeds.probe`), and
warns when the feed has no items or broken XML; a disabled feed added again is turned back on.
Feed URLs are canonical like entry links (`feeds.canonical`: scheme and host lowercased,
tracking parameters and the fragment dropped), so `HTTP://host/feed.xml?utm_source=x#top` is
the feed already there.
"""

from __future__ import annotations

from telegram import Message, Update

from digest.models import Chat, Feed
from feeds.canonical import canonical_url
from feeds.errors import FeedError
from feeds.probe import Probe, probe_feed
from handlers.chats import current_chat
from handlers.context import NewsContext, Services
from handlers.feed_list import feed_lines
from handlers.feed_texts import feed_reason
from handlers.membership import may_change
from handlers.texts import clip, t

MAX_SHOWN_URL = 300  # a discovered feed URL is shown, but never at any length


async def may_manage_feeds(update: Update, context: NewsContext, chat: Chat) -> bool:
    """Tell whether the sender may add feeds here, answering them when not."""
    message, refusal = update.effective_message, await feed_refusal(update, context)
    if refusal and message is not None:
        await message.reply_text(t(chat.language, refusal))
    return refusal is None


async def feed_refusal(update: Update, context: NewsContext) -> str | None:
    """Return why the sender may not manage feeds here (a text key), or None if they may."""
    services = context.bot_data.services
    if is_bot_admin(update, services):
        return None
    if not services.config.members_can_add_feeds:
        return "feeds_not_allowed"
    if not await may_change(update, context):
        return "admins_only"
    return None


def is_bot_admin(update: Update, services: Services) -> bool:
    """Tell whether the sender is one of the bot's admins."""
    user = update.effective_user
    return user is not None and user.id in services.config.admin_ids


def normalise_url(text: str) -> str:
    """Return the typed URL canonical (`feeds.canonical`), `https://` added when missing."""
    url = text.strip().strip("<>")
    return canonical_url(url if "://" in url else f"https://{url}")


async def add_feed(update: Update, context: NewsContext) -> None:
    """Validate a feed URL by fetching it, then add it to the shared feeds."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    lang, services = chat.language, context.bot_data.services
    if len(context.args or []) != 1:
        await message.reply_text(t(lang, "addfeed_usage"))
        return
    if not await may_manage_feeds(update, context, chat):
        return
    url = normalise_url((context.args or [""])[0])
    known = await services.storage.find_feed(url=url)
    if known is not None:
        await _already_known(message, services, known, lang=lang)
        return
    limit = services.config.max_feeds_per_chat
    if not is_bot_admin(update, services) and (
        await services.storage.count_feeds_added_by(chat_id=chat.id) >= limit
    ):
        await message.reply_text(t(lang, "feed_limit", limit=limit))
        return
    await _validate_and_add(message, services, url, chat=chat)


async def _already_known(message: Message, services: Services, feed: Feed, *, lang: str) -> None:
    title = feed.title or feed.url
    if feed.disabled_at is None:
        await message.reply_text(t(lang, "feed_known", title=title))
        return
    await services.storage.enable_feed(feed_id=feed.id)
    await message.reply_text(t(lang, "feed_enabled", title=title))


async def _validate_and_add(message: Message, services: Services, url: str, *, chat: Chat) -> None:
    lang, allow_private = chat.language, services.config.allow_private_feed_urls
    await message.reply_text(t(lang, "feed_checking", url=clip(url)))
    try:
        probe = await probe_feed(services.http, url, allow_private=allow_private)
    except FeedError as error:
        await message.reply_text(
            t(lang, "feed_refused", reason=feed_reason(error.reason, lang=lang))
        )
        return
    known = await services.storage.find_feed(url=probe.url) if probe.url != url else None
    if known is not None:
        await _already_known(message, services, known, lang=lang)
        return
    await services.storage.add_feed(url=probe.url, added_by=chat.id)
    await message.reply_text(_added_text(probe, lang=lang))


def _added_text(probe: Probe, *, lang: str) -> str:
    """Say what was added, how it was found, and whether it looks empty or broken."""
    feed, shown_url = probe.feed, probe.url[:MAX_SHOWN_URL]
    lines = [t(lang, "feed_added", title=feed.title or shown_url, count=len(feed.entries))]
    if probe.discovered:
        lines.insert(0, t(lang, "feed_discovered", url=shown_url))
    if not feed.entries:
        lines.append(t(lang, "feed_empty"))
    elif feed.broken:
        lines.append(t(lang, "feed_broken"))
    return "\n".join(lines)


async def remove_feed(update: Update, context: NewsContext) -> None:
    """Remove a feed (by its number in /feeds or its URL) and its articles."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    lang, services = chat.language, context.bot_data.services
    if len(context.args or []) != 1:
        await message.reply_text(t(lang, "removefeed_usage"))
        return
    if not await may_manage_feeds(update, context, chat):
        return
    wanted = (context.args or [""])[0]
    feed = await _find(services, wanted)
    refusal = _removal_refusal(update, services, feed, chat=chat)
    if feed is None or refusal is not None:
        await message.reply_text(t(lang, refusal or "feed_unknown", feed=clip(wanted)))
        return
    await services.storage.remove_feed(feed_id=feed.id)
    await message.reply_text(t(lang, "feed_removed", title=feed.title or feed.url))


async def _find(services: Services, wanted: str) -> Feed | None:
    storage = services.storage
    if wanted.lstrip("#").isdigit():
        return await storage.get_feed(feed_id=int(wanted.lstrip("#")))
    return await storage.find_feed(url=normalise_url(wanted))


def _removal_refusal(
    update: Update, services: Services, feed: Feed | None, *, chat: Chat
) -> str | None:
    if feed is None:
        return "feed_unknown"
    if feed.url in services.config.feeds:
        return "feed_configured"
    if not is_bot_admin(update, services) and feed.added_by != chat.id:
        return "feed_not_yours"
    return None


async def list_feeds(update: Update, context: NewsContext) -> None:
    """Show every feed with its status: last success, failures, next check, items."""
    message, chat = update.effective_message, await current_chat(update, context)
    if message is None or chat is None:
        return
    storage = context.bot_data.services.storage
    feeds = await storage.list_feeds()
    if not feeds:
        await message.reply_text(t(chat.language, "no_feeds"))
        return
    counts = await storage.article_counts()
    await message.reply_text(feed_lines(feeds, counts, chat=chat))
