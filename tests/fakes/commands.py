"""Bot commands as setMyCommands stores them, per scope and language.

Rule order for setMyCommands: every name must be 1–32 of a-z, 0-9, _ (BOT_COMMAND_INVALID),
then every description 1–256 characters; a valid list replaces the one for its (scope,
language) key; an absent scope means {"type": "default"}, an absent language "".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from tests.fakes.botwire import ApiError


@dataclass(frozen=True)
class Command:
    """A bot command as stored by setMyCommands."""

    command: str
    description: str


def _key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


class CommandStore:
    """The command lists a bot has set."""

    def __init__(self) -> None:
        self._lists: dict[tuple[str, str], list[Command]] = {}

    def lookup(self, *, language_code: str = "", scope: str = "default") -> list[Command]:
        """Return the list for a scope type and language (empty when never set)."""
        return list(
            self._lists.get(_key({"scope": {"type": scope}, "language_code": language_code}), [])
        )

    def set(self, params: dict[str, Any]) -> None:
        """Store a setMyCommands call, or raise ApiError as Telegram would."""
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
        return [
            {"command": c.command, "description": c.description}
            for c in self._lists.get(_key(params), [])
        ]

    def delete(self, params: dict[str, Any]) -> None:
        """Answer deleteMyCommands."""
        self._lists.pop(_key(params), None)
