"""Bot commands as setMyCommands stores them, per scope and language.

Rule order for setMyCommands: the scope must be one of Telegram's seven types, those aimed at
a chat need a `chat_id` the bot knows (a user who never started the bot is "chat not found"),
`chat_member` needs a `user_id`, and the administrators/member scopes refuse private chats;
the language must be empty or two lowercase letters (ISO 639-1); every name must be 1–32 of
a-z, 0-9, _ (BOT_COMMAND_INVALID), then every description 1–256 characters; a valid list
replaces the one for its (scope, language) key; an absent scope means {"type": "default"},
an absent language "".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fakes.botwire import ApiError

SCOPE_TYPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
    | {"chat", "chat_administrators", "chat_member"}
)
_CHAT_SCOPES = frozenset({"chat", "chat_administrators", "chat_member"})


@dataclass(frozen=True)
class Command:
    """A bot command as stored by setMyCommands."""

    command: str
    description: str


def _key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


class CommandStore:
    """The command lists a bot has set; `chat_type(id)` is a known chat's type, else None."""

    def __init__(self, chat_type: Callable[[int], str | None] = lambda _: None) -> None:
        self._lists: dict[tuple[str, str], list[Command]] = {}
        self._chat_type = chat_type

    def lookup(
        self, *, language_code: str = "", scope: str = "default", chat_id: int | None = None
    ) -> list[Command]:
        """Return the list for a scope type (and chat) and language (empty when never set)."""
        wanted: dict[str, Any] = {"type": scope}
        if chat_id is not None:
            wanted["chat_id"] = chat_id
        return list(self._lists.get(_key({"scope": wanted, "language_code": language_code}), []))

    def scopes(self) -> set[tuple[str, str]]:
        """Return every (scope JSON, language) that has a list."""
        return set(self._lists)

    def set(self, params: dict[str, Any]) -> None:
        """Store a setMyCommands call, or raise ApiError as Telegram would."""
        self._check_scope(params)
        commands = []
        for raw in params.get("commands") or []:
            command = Command(str(raw.get("command", "")), str(raw.get("description", "")))
            if re.fullmatch(r"[a-z0-9_]{1,32}", command.command) is None:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.description) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
            commands.append(command)
        self._lists[_key(params)] = commands

    def get(self, params: dict[str, Any]) -> list[dict[str, str]]:
        """Answer getMyCommands."""
        self._check_scope(params)
        return [
            {"command": c.command, "description": c.description}
            for c in self._lists.get(_key(params), [])
        ]

    def delete(self, params: dict[str, Any]) -> None:
        """Answer deleteMyCommands."""
        self._check_scope(params)
        self._lists.pop(_key(params), None)

    def _check_scope(self, params: dict[str, Any]) -> None:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
            raise ApiError(400, "Bad Request: unsupported bot command scope type")
        language = str(params.get("language_code") or "")
        if language and re.fullmatch(r"[a-z]{2}", language) is None:
            raise ApiError(400, "Bad Request: invalid language code specified")
        if scope["type"] not in _CHAT_SCOPES:
            return
        chat_id = scope.get("chat_id")
        kind = self._chat_type(chat_id) if isinstance(chat_id, int) else None
        if kind is None:
            raise ApiError(400, "Bad Request: chat not found")
        if scope["type"] == "chat_member" and not isinstance(scope.get("user_id"), int):
            raise ApiError(400, "Bad Request: invalid user_id specified")
        if scope["type"] != "chat" and kind == "private":
            raise ApiError(400, "Bad Request: can't change commands in private chats")
