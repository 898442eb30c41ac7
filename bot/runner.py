"""`newsbot run`: load settings once, build the application, poll until a signal."""

from __future__ import annotations

import sys

from pydantic import ValidationError

from bot.logs import setup_logging
from bot.settings import TOKEN_HELP, Settings


def _explain(error: ValidationError) -> str:
    fields = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
    if "telegram_bot_token" in fields:
        return TOKEN_HELP
    parts = [f"{str(item['loc'][0]).upper()}: {item['msg']}" for item in error.errors()]
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

    app = build_application(settings)
    app.run_polling(allowed_updates=["message", "callback_query", "my_chat_member"])
    return 0
