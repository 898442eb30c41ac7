"""The README's "who may use what" table is what the bot enforces, command by command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.app import build_application, running
from handlers.texts import t
from tests.fakes.botapi import GROUP_MEMBER_ID, FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.harness import eventually, feeds_polled, make_settings

README = Path(__file__).resolve().parents[2] / "README.md"
GROUP = -1009001
ARGS = {
    "subscribe": "gold",
    "latest": "gold",
    "time": "08:00",
    "timezone": "UTC",
    "frequency": "daily",
    "lang": "vi",
    "addfeed": "https://feeds.example/rss",
    "removefeed": "1",
}


def access_table() -> dict[str, list[str]]:
    """Return the commands of each row of the README's table: open, group, bot."""
    table = README.read_text(encoding="utf-8").split("Who may use what:", 1)[1]
    found: dict[str, list[str]] = {}
    for row in table.strip().split("\n\n")[0].splitlines()[2:]:
        who, commands = row.strip("|").split("|")
        key = "open" if "everyone" in who else "bot" if "ADMIN_IDS" in who else "group"
        found[key] = re.findall(r"`/(\w+)`", commands)
    return found


async def reply_to(api: FakeBotAPI, command: str) -> str:
    """Send `command` in the group as its member; return the bot's answer (a file: its name)."""
    messages, files = len(api.messages(GROUP)), len(api.documents(GROUP))
    text = f"/{command} {ARGS.get(command, '')}".strip()
    await api.user_sends(GROUP, text, chat_type="supergroup")

    async def answered() -> bool:
        return len(api.messages(GROUP)) > messages or len(api.documents(GROUP)) > files

    await eventually(answered)
    return "<file>" if len(api.documents(GROUP)) > files else api.messages(GROUP)[-1].text


@pytest.mark.slow  # a long fault sweep: `make test-slow`, and CI, run it
@pytest.mark.parametrize("group_admin", [False, True])
async def test_each_command_answers_whom_the_readme_says(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str, group_admin: bool
) -> None:
    table = access_table()
    assert set(table) == {"open", "group", "bot"} and all(table.values())
    if group_admin:
        bot_api.admins.add(GROUP_MEMBER_ID)
    admins_only = t("vi", "admins_only")
    feeds_not_allowed = t("vi", "feeds_not_allowed")
    app = build_application(make_settings(bot_api, news_site, sqlite_url))
    async with running(app):
        await eventually(lambda: feeds_polled(app))
        answers = {
            command: await reply_to(bot_api, command)
            for key in ("open", "group", "bot")
            for command in table[key]
        }
    for command in table["open"]:
        assert answers[command] not in (admins_only, feeds_not_allowed), command
    for command in table["group"]:
        assert (answers[command] == admins_only) is not group_admin, (command, answers[command])
    for command in table["bot"]:
        assert answers[command] == feeds_not_allowed, command
