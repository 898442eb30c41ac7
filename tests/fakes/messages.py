"""What the fake Bot API remembers about the bot's output, and how tests read it.

Per chat the log keeps each sent message's latest version, the order they were sent in, and
the edits in order; tests consume sends and edits through separate cursors so a reply and a
later edit are never confused. Sending checks the keyboard, then the text (tgrules); editing
first finds the message ("message to edit not found"), then checks like sending, then refuses
an edit that changes nothing ("message is not modified"). Editing the text without a
reply_markup drops the keyboard, as Telegram does.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from tests.fakes.botwire import ApiError
from tests.fakes.tgrules import check_reply_markup, message_text

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a content and reply markup of the current message"
)


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent: plain `text` after entity parsing, `html` as sent."""

    message_id: int
    chat_id: int
    text: str
    html: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    edited: bool = False
    history: tuple[str, ...] = ()  # earlier plain texts, oldest first
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    at: float = field(default_factory=time.monotonic, compare=False, repr=False)

    def buttons(self) -> list[tuple[str, str]]:
        """Return (label, callback_data or url) for each inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            (str(b.get("text")), str(b.get("callback_data") or b.get("url") or ""))
            for row in rows
            for b in row
        ]

    def edited_to(
        self, *, text: str, html: str, parse_mode: str | None, reply_markup: dict[str, Any] | None
    ) -> SentMessage:
        """Return this message after an edit, remembering the previous text."""
        return replace(
            self,
            text=text,
            html=html,
            parse_mode=parse_mode,
            reply_markup=reply_markup,
            edited=True,
            history=(*self.history, self.text),
            at=time.monotonic(),
        )


@dataclass(frozen=True)
class CallbackAnswer:
    """An answerCallbackQuery call."""

    callback_query_id: str
    text: str | None
    show_alert: bool


class ChatLog:
    """Sent messages and edits per chat, with read cursors for tests."""

    def __init__(self) -> None:
        self._last_id: dict[int, int] = defaultdict(int)
        self._current: dict[tuple[int, int], SentMessage] = {}
        self._sent: dict[int, list[int]] = defaultdict(list)
        self._edits: dict[int, list[SentMessage]] = defaultdict(list)
        self._read: dict[int, int] = defaultdict(int)
        self._read_edits: dict[int, int] = defaultdict(int)

    def new_message_id(self, chat_id: int) -> int:
        """Return the chat's next message id (users and the bot share the sequence)."""
        self._last_id[chat_id] += 1
        return self._last_id[chat_id]

    def send(self, chat_id: int, params: dict[str, Any]) -> SentMessage:
        """Record a sendMessage call, or raise RuleError as Telegram would."""
        check_reply_markup(params.get("reply_markup"))
        text = message_text(params.get("text"), params.get("parse_mode"))
        sent = SentMessage(
            message_id=self.new_message_id(chat_id),
            chat_id=chat_id,
            text=text,
            html=str(params["text"]),
            parse_mode=params.get("parse_mode"),
            reply_markup=params.get("reply_markup"),
            params=params,
        )
        self._current[chat_id, sent.message_id] = sent
        self._sent[chat_id].append(sent.message_id)
        return sent

    def edit(self, chat_id: int, params: dict[str, Any], *, text: bool) -> SentMessage:
        """Record an editMessageText (`text`) or editMessageReplyMarkup call."""
        message_id = params.get("message_id")
        old = self.current(chat_id, message_id) if isinstance(message_id, int) else None
        if old is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        if text:
            plain = message_text(params.get("text"), params.get("parse_mode"))
            html, parse_mode = str(params["text"]), params.get("parse_mode")
        else:
            plain, html, parse_mode = old.text, old.html, old.parse_mode
        if (html, parse_mode, markup) == (old.html, old.parse_mode, old.reply_markup):
            raise ApiError(400, NOT_MODIFIED)
        new = old.edited_to(text=plain, html=html, parse_mode=parse_mode, reply_markup=markup)
        self._current[chat_id, new.message_id] = new
        self._edits[chat_id].append(new)
        return new

    def current(self, chat_id: int, message_id: int) -> SentMessage | None:
        """Return the latest version of a sent message, if the bot sent it."""
        return self._current.get((chat_id, message_id))

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Return all sent messages of a chat, latest versions, in sending order."""
        return [self._current[chat_id, mid] for mid in self._sent[chat_id]]

    def unread(self, chat_id: int) -> int:
        """Return how many sent messages the test has not consumed."""
        return len(self._sent[chat_id]) - self._read[chat_id]

    def consume(self, chat_id: int, count: int) -> list[SentMessage]:
        """Consume the next `count` sent messages."""
        start = self._read[chat_id]
        self._read[chat_id] += count
        return self.messages(chat_id)[start : start + count]

    def unread_edits(self, chat_id: int) -> int:
        """Return how many edits the test has not consumed."""
        return len(self._edits[chat_id]) - self._read_edits[chat_id]

    def consume_edits(self, chat_id: int, count: int) -> list[SentMessage]:
        """Consume the next `count` edits."""
        start = self._read_edits[chat_id]
        self._read_edits[chat_id] += count
        return self._edits[chat_id][start : start + count]

    def describe(self, chat_id: int) -> str:
        """Describe what was sent to a chat, for assertion messages."""
        sent = self.messages(chat_id)
        read = self._read[chat_id]
        lines = [f"sent to chat {chat_id}: {len(sent)} message(s), {read} already consumed"]
        lines += [f"  #{m.message_id}: {m.text[:200]!r}" for m in sent]
        return "\n".join(lines)
