"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, SecretStr, field_validator, model_validator
from pydantic_core.core_schema import ValidatorFunctionWrapHandler
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.dburl import async_url, mapping_note
from digest.schedule import parse_hhmm
from feeds.canonical import canonical_url

_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")

TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN is missing or malformed: open Telegram, talk to @BotFather, send "
    "/newbot, and put the token it gives you (like 123456789:AA...) in .env as "
    "TELEGRAM_BOT_TOKEN=..."
)


def _split(value: object) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(part).strip() for part in value if str(part).strip()]
    raise ValueError("expected a comma-separated list")


class Settings(BaseSettings):
    """Every setting of the bot; see `.env.example` for what each one means."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = "sqlite+aiosqlite:///newsbot.db"
    feeds: Annotated[list[str], NoDecode] = Field(default_factory=list)
    feed_poll_seconds: int = Field(default=600, ge=10)
    timezone: str = "Asia/Ho_Chi_Minh"
    digest_time: Annotated[time, NoDecode] = time(7, 0)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    allow_private_feed_urls: bool = False
    members_can_add_feeds: bool = False
    max_feeds_per_chat: int = Field(default=10, ge=0)
    feed_max_failures: int = Field(default=10, ge=0)
    feed_concurrency: int = Field(default=32, ge=1)
    feed_per_host: int = Field(default=2, ge=1)
    feed_check_seconds: int = Field(default=15, ge=1)
    feed_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    instant_backlog_seconds: int = Field(default=600, ge=1)
    log_level: str = "INFO"
    _database_url_note: str | None = PrivateAttr(default=None)

    @property
    def database_url_note(self) -> str | None:
        """Return the log line saying how DATABASE_URL was mapped, if it was."""
        return self._database_url_note

    @model_validator(mode="wrap")
    @classmethod
    def _note_database_url(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        settings = handler(data)
        raw = data.get("database_url") if isinstance(data, dict) else None
        if isinstance(settings, Settings) and isinstance(raw, str):
            settings._database_url_note = mapping_note(raw)
        return settings

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN.match(value.get_secret_value().strip()):
            raise ValueError("malformed token")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("TELEGRAM_API_URL must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return async_url(value)

    @field_validator("feeds", mode="before")
    @classmethod
    def _feeds(cls, value: object) -> list[str]:
        # Canonical like every stored feed URL, so a listed feed is found again at restart.
        return list(dict.fromkeys(canonical_url(url) for url in _split(value)))

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admins(cls, value: object) -> list[int]:
        return [int(part) for part in _split(value)]

    @field_validator("digest_time", mode="before")
    @classmethod
    def _digest_time(cls, value: object) -> time:
        return value if isinstance(value, time) else parse_hhmm(str(value))

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}; use Area/City") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level
