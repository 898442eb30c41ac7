"""`newsbot run`: load settings once, build the application, poll until a signal."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING

from pydantic import ValidationError

from bot.logs import setup_logging
from bot.settings import TOKEN_HELP, Settings

if TYPE_CHECKING:
    from handlers.context import NewsApp

log = logging.getLogger(__name__)


def _explain(error: ValidationError) -> str:
    fields = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
    if "telegram_bot_token" in fields:
        return TOKEN_HELP
    parts = [
        f"{str(item['loc'][0]).upper()}: {item['msg'].removeprefix('Value error, ')}"
        for item in error.errors()
    ]
    return "newsbot cannot start, invalid settings: " + "; ".join(parts)


def load_settings() -> Settings | None:
    """Build Settings from the environment, or print one plain line and return None."""
    try:
        return Settings()  # type: ignore[call-arg]  # values come from the environment
    except ValidationError as error:
        print(_explain(error), file=sys.stderr)
        return None


def run_bot() -> int:
    """Run the bot until SIGINT/SIGTERM; return the exit code."""
    settings = load_settings()
    if settings is None:
        return 2
    setup_logging(settings.log_level, secret=settings.telegram_bot_token.get_secret_value())
    from bot.app import build_application
    from feeds.xmlsafety import UnsafeXmlError, check_expat

    try:
        check_expat()  # refuse to parse untrusted feeds with an XML parser that cannot cope
    except UnsafeXmlError as error:
        print(f"newsbot cannot start: {error}", file=sys.stderr)
        return 2

    if settings.database_url_note:
        log.info("%s", settings.database_url_note)
    app = build_application(settings)
    return _serve(app, settings.database_url)


def _serve(app: NewsApp, database_url: str) -> int:
    """Wait for Telegram and the database (retrying), then poll until a signal."""
    from bot.startup import connect

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling below runs on this same loop
    code = loop.run_until_complete(connect(app, database_url))
    if code is not None:
        loop.run_until_complete(app.shutdown())
        loop.close()
        return code
    app.run_polling(allowed_updates=["message", "callback_query", "my_chat_member"])
    return 0
