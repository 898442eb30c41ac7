"""Register handlers and jobs on an application."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import browse, commands, feed_cmds, muting, opml_cmds, settings_cmds
from handlers.chats import chat_language
from handlers.context import NewsApp, NewsContext
from handlers.failures import describe, report_failure
from handlers.flood import FLOOD_GROUP, FloodGuard
from handlers.jobs import poll_feeds, prune_outbox, push_due_digests
from handlers.membership import bot_membership
from handlers.menus import publish_menus
from handlers.texts import t

log = logging.getLogger(__name__)

DIGEST_CHECK_SECONDS = 60
PRUNE_SECONDS = 3600
# Jobs are added before the scheduler starts; a first run time already past by then would be
# skipped to the next interval by APScheduler, so the first poll is set a moment ahead.
FIRST_POLL_DELAY = 1.0

_COMMANDS = {
    "start": commands.start,
    "help": commands.help_command,
    "subscribe": commands.subscribe,
    "unsubscribe": commands.unsubscribe,
    "list": browse.list_subscriptions,
    "latest": browse.latest,
    "muted": muting.list_muted,
    "digest": commands.digest_now,
    "time": settings_cmds.set_time,
    "timezone": settings_cmds.set_timezone,
    "frequency": settings_cmds.set_frequency,
    "pause": settings_cmds.pause,
    "resume": settings_cmds.resume,
    "lang": settings_cmds.set_language,
    "settings": settings_cmds.show_settings,
    "feeds": feed_cmds.list_feeds,
    "addfeed": feed_cmds.add_feed,
    "removefeed": feed_cmds.remove_feed,
    "export": opml_cmds.export_feeds,
}


async def on_error(update: object, context: NewsContext) -> None:
    """Log a handler failure and tell the member in plain words; never raise."""
    job = context.job.name if context.job is not None else None
    if not report_failure(update, context.error, job=job):
        return  # Telegram refused or is unreachable: a reply would fail the same way
    if isinstance(update, Update) and update.effective_message is not None:
        lang = await chat_language(update, context)
        try:
            await update.effective_message.reply_text(t(lang, "error"))
        except TelegramError as error:  # an error handler that raises gets PTB's traceback
            log.warning("could not send the apology for that failure: %s", describe(error))


def register_handlers(app: NewsApp) -> None:
    """Attach the flood limit, then every command, button and fallback handler."""
    # Runs before the handlers: a message over a member's limit stops there.
    app.add_handler(TypeHandler(Update, FloodGuard().check), group=FLOOD_GROUP)
    for name, callback in _COMMANDS.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(commands.unsubscribe_button, pattern=r"^unsub:\d{1,18}$"))
    app.add_handler(CallbackQueryHandler(browse.latest_more, pattern=r"^lt:[0-9a-f]{8}:\d{1,4}$"))
    app.add_handler(CallbackQueryHandler(browse.mute_button, pattern=r"^mute:\d{1,18}$"))
    app.add_handler(CallbackQueryHandler(browse.list_more, pattern=r"^ls:\d{1,3}$"))
    app.add_handler(CallbackQueryHandler(muting.unmute_button, pattern=muting.UNMUTE_PATTERN))
    app.add_handler(CallbackQueryHandler(commands.stale_button))
    app.add_handler(ChatMemberHandler(bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(opml_cmds.OPML_DOCUMENTS, opml_cmds.import_opml))
    app.add_handler(MessageHandler(filters.COMMAND | filters.TEXT, commands.unknown))
    app.add_error_handler(on_error)


def schedule_jobs(app: NewsApp, *, poll_seconds: float, digest_seconds: float) -> None:
    """Start the feed scheduler's tick (first run now) and the digest clock."""
    job_queue = app.job_queue
    if job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    job_queue.run_repeating(
        poll_feeds,
        interval=poll_seconds,
        first=FIRST_POLL_DELAY,
        name="poll-feeds",
        job_kwargs={
            "id": "poll-feeds",
            "replace_existing": True,
            "misfire_grace_time": None,
            # A second instance may start only to see the round busy and return, instead of
            # APScheduler logging a warning every tick while a long round runs.
            "max_instances": 2,
        },
    )
    job_queue.run_repeating(
        push_due_digests,
        interval=digest_seconds,
        first=FIRST_POLL_DELAY + 1,
        name="push-digests",
        job_kwargs={
            "id": "push-digests",
            "replace_existing": True,
            "misfire_grace_time": None,
            "max_instances": 2,  # see poll-feeds
        },
    )
    job_queue.run_repeating(
        prune_outbox,
        interval=PRUNE_SECONDS,
        first=FIRST_POLL_DELAY + 2,
        name="prune-outbox",
        job_kwargs={"id": "prune-outbox", "replace_existing": True, "misfire_grace_time": None},
    )


async def publish_commands(app: NewsApp) -> None:
    """Register the command menus (per scope, see handlers.menus) in Vietnamese and English."""
    await publish_menus(app.bot, app.bot_data.services.config)
