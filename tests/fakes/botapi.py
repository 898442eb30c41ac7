"""A fake Telegram Bot API server that the real python-telegram-bot talks to over HTTP.

Request order: the call is recorded in `calls`; a wrong token answers 401 and an unknown method
404; a method in an outage (`outage`: 502 or a 429 storm for some seconds) answers so; for
methods aimed at a chat, injected failures (`fail_next`), then blocked chats (403), then the
global rate limit (429), then the chat's own limit (a message into a private chat about 1/s,
into a group 20/min: 429; `gate.chat_limits = False` turns it off) come first; a held chat
(`hold`) then gets no answer until released; then the method checks Telegram's rules
(tgrules) and answers (a sendMessage late, after it took effect, under `answer_late`).
`getUpdates` long-polls; a newer poll ends an older one with 409, as Telegram does when two
bots share a token. Files (documents users send, getFile, downloads at
/file/bot<token>/<file_path>, sendDocument) follow the rules in tests.fakes.files.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from tests.fakes import tgjson
from tests.fakes.botwire import ApiError, error_response, read_params
from tests.fakes.commands import Command, CommandStore
from tests.fakes.files import DocumentsAPI, FileDesk, SentDocument
from tests.fakes.gate import Gate
from tests.fakes.messages import CallbackAnswer, ChatLog, SentMessage
from tests.fakes.server import LocalServer
from tests.fakes.tgrules import RuleError
from tests.fakes.updates import UpdateQueue

__all__ = ["TOKEN", "CallbackAnswer", "Command", "FakeBotAPI", "SentDocument", "SentMessage"]

TOKEN = "123456789:AAFakeTokenForLocalTestsOnly_abcdefghij"
GROUP_MEMBER_ID = 5550001
Params = dict[str, Any]
METHODS = [
    "getMe", "getUpdates", "deleteWebhook", "setMyCommands", "getMyCommands",
    "deleteMyCommands", "sendMessage", "editMessageText", "editMessageReplyMarkup",
    "answerCallbackQuery", "sendChatAction", "getChat", "getChatMember", "close", "logOut",
    "getFile", "sendDocument",
]  # fmt: skip


class FakeBotAPI(DocumentsAPI):
    """The Bot API on 127.0.0.1; tests play the users and read what the bot sent."""

    def __init__(self, *, max_per_second: float | None = None) -> None:
        self.gate = Gate()
        self.max_per_second = max_per_second
        self.admins: set[int] = set()
        self.response_delay = 0.0
        self.calls: list[tuple[str, Params]] = []
        self.call_times: list[float] = []  # time.monotonic() of each call's arrival
        self.errors: list[tuple[str, Params, str]] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.log = ChatLog()
        self._chat_types: dict[int, str] = {}
        self._commands = CommandStore(self._chat_types.get)
        self._callback_ids = itertools.count(4_000_000_001)
        self._open_queries: set[str] = set()
        self._holds: dict[int, asyncio.Event] = {}
        self._changed = asyncio.Condition()
        self._updates = UpdateQueue(self._changed)
        self._methods: dict[str, tuple[str, Callable[[Params], Awaitable[Any]]]] = {
            name.lower(): (name, getattr(self, f"_m_{name}")) for name in METHODS
        }
        self.files = FileDesk(TOKEN, self.log, self._changed, self._chat_json, self.errors)
        self._server = LocalServer(
            [
                ("*", "/bot{token}/{method}", self._handle),
                ("GET", "/file/bot{token}/{file_path:.+}", self.files.download),
            ]
        )

    @property
    def max_per_second(self) -> float | None:
        """Return the global rate limit (None: unlimited); settable at any time."""
        return self.gate.max_per_second

    @max_per_second.setter
    def max_per_second(self, value: float | None) -> None:
        self.gate.max_per_second = value

    @property
    def url(self) -> str:
        """Return the server's base URL; PTB's base_url is f"{url}/bot", base_file_url
        f"{url}/file/bot"."""
        return self._server.url

    async def start(self) -> None:
        """Start serving on a free loopback port (after `stop`: on the same port again)."""
        self._updates.closing = False
        await self._server.start()

    async def stop(self) -> None:
        """End pending long polls and stop serving."""
        self._updates.closing = True
        await self._notify()
        await self._server.stop()

    # ---- test-side API -------------------------------------------------------------------

    @property
    def commands(self) -> list[Command]:
        """Return the commands set for the default scope and no language."""
        return self._commands.lookup()

    def commands_for(
        self, *, language_code: str = "", scope: str = "default", chat_id: int | None = None
    ) -> list[Command]:
        """Return the commands set for a scope type (and chat, for chat scopes) and language."""
        return self._commands.lookup(language_code=language_code, scope=scope, chat_id=chat_id)

    def command_scopes(self) -> set[tuple[str, str]]:
        """Return every (scope as JSON, language code) that has a command list."""
        return self._commands.scopes()

    def fail_next(
        self,
        chat_id: int | None,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next `times` requests aimed at `chat_id` (any chat if None) with `status`."""
        self.gate.fail_next(
            chat_id, status=status, retry_after=retry_after, times=times, description=description
        )

    def outage(
        self, method: str, *, seconds: float, status: int = 502, retry_after: int = 1
    ) -> None:
        """Answer every `method` call with `status` (429: with `retry_after`) for `seconds`."""
        self.gate.outage(method, status=status, seconds=seconds, retry_after=retry_after)

    def hold(self, chat_id: int) -> None:
        """Leave requests to `chat_id` unanswered (Telegram hanging) until `release`."""
        self._holds.setdefault(chat_id, asyncio.Event())

    def release(self, chat_id: int) -> None:
        """Let held requests to `chat_id` go on."""
        held = self._holds.pop(chat_id, None)
        if held is not None:
            held.set()

    def answer_late(self, seconds: float) -> None:
        """Fault mode: accept every sendMessage at once but answer `seconds` later (0: off).

        Beyond the client's read timeout (PTB: 5 s) the bot sees a timeout for a message
        that was delivered, as with a slow Telegram.
        """
        self.response_delay = seconds

    def block(self, chat_id: int) -> None:
        """Make every request to `chat_id` answer 403 "bot was blocked by the user"."""
        self.gate.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """Let requests to `chat_id` through again."""
        self.gate.blocked.discard(chat_id)

    async def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        language_code: str = "vi",
        chat_type: str = "private",
        date: int | None = None,
    ) -> None:
        """Queue a message update from a user, as if typed in the chat (at `date`, Unix s)."""
        origin = self._user_origin(chat_id, user_id, language_code, chat_type)
        message = tgjson.incoming_message(**origin, text=text, date=date)
        await self._updates.push({"message": message})

    async def bot_membership_changes(
        self, chat_id: int, *, old: str, new: str, chat_type: str = "private"
    ) -> None:
        """Queue a my_chat_member update: the user blocked the bot ("kicked") or came back."""
        self._chat_types[chat_id] = chat_type
        sender_id = chat_id if chat_type == "private" else GROUP_MEMBER_ID

        def member(status: str) -> dict[str, Any]:
            body: dict[str, Any] = {"user": tgjson.BOT_USER, "status": status}
            if status == "kicked":
                body["until_date"] = 0
            return body

        change = {
            "chat": tgjson.chat(chat_id, chat_type),
            "from": tgjson.user(sender_id),
            "date": tgjson.now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        await self._updates.push({"my_chat_member": change})

    async def user_presses(
        self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None
    ) -> str:
        """Queue a callback_query for a button of a message the bot sent; return its id."""
        sent = self.log.current(chat_id, message_id)
        if sent is None:
            raise AssertionError(f"the bot sent no message {message_id} to chat {chat_id}")
        query_id = str(next(self._callback_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": tgjson.user(user_id or (chat_id if chat_id > 0 else GROUP_MEMBER_ID)),
            "message": self._message_json(sent),
            "chat_instance": f"ci{chat_id}",
            "data": data,
        }
        await self._updates.push({"callback_query": query})
        return query_id

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Return every message the bot sent to `chat_id`, in their latest version."""
        return self.log.messages(chat_id)

    async def wait_for_messages(
        self,
        chat_id: int,
        *,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 -- tests read better with a plain number
    ) -> list[SentMessage]:
        """Wait for and consume the next `count` messages sent to `chat_id`."""
        await self._wait(lambda: self.log.unread(chat_id) >= count, timeout, chat_id, count)
        return self.log.consume(chat_id, count)

    async def wait_for_edits(
        self,
        chat_id: int,
        *,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 -- tests read better with a plain number
    ) -> list[SentMessage]:
        """Wait for and consume the next `count` edits in `chat_id` (each as edited)."""
        await self._wait(lambda: self.log.unread_edits(chat_id) >= count, timeout, chat_id, count)
        return self.log.consume_edits(chat_id, count)

    # ---- plumbing --------------------------------------------------------------------------

    async def _wait(
        self, ready: Callable[[], bool], seconds: float, chat_id: int, count: int
    ) -> None:
        try:
            async with asyncio.timeout(seconds), self._changed:
                await self._changed.wait_for(ready)
        except TimeoutError:
            refused = [f"{m} → {d}" for m, p, d in self.errors if p.get("chat_id") == chat_id]
            raise AssertionError(
                f"expected {count} more message(s) in chat {chat_id} within {seconds}s.\n"
                f"{self.log.describe(chat_id)}\nrefused requests: {refused or 'none'}"
            ) from None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        token, sent_name = request.match_info["token"], request.match_info["method"]
        method = self._methods.get(sent_name.lower())
        name = method[0] if method else sent_name
        params: Params = {}
        try:
            params = await read_params(request)
            self.calls.append((name, params))
            self.call_times.append(time.monotonic())
            if token != TOKEN:
                raise ApiError(401, "Unauthorized")
            if method is None:
                raise ApiError(404, "Not Found")
            self.gate.check_method(name)
            if "chat_id" in params:
                chat_id = self._chat_id(params)
                self.gate.check(chat_id, name)
                if chat_id in self._holds:
                    await self._holds[chat_id].wait()
            result = await method[1](params)
            if self.response_delay and name == "sendMessage":
                # Telegram has accepted the message; only the answer is slow to come back.
                await asyncio.sleep(self.response_delay)
        except RuleError as exc:
            return self._refuse(name, params, ApiError(400, exc.description))
        except ApiError as exc:
            return self._refuse(name, params, exc)
        return web.json_response({"ok": True, "result": result})

    def _refuse(self, name: str, params: Params, error: ApiError) -> web.Response:
        self.errors.append((name, params, error.description))
        return error_response(error)

    @staticmethod
    def _chat_id(params: Params) -> int:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _user_origin(
        self, chat_id: int, user_id: int | None, language_code: str, chat_type: str
    ) -> dict[str, Any]:
        """Remember the chat's type; return a new user message's id, chat and sender."""
        self._chat_types[chat_id] = chat_type
        sender_id = user_id or (chat_id if chat_type == "private" else GROUP_MEMBER_ID)
        return {
            "message_id": self.log.new_message_id(chat_id),
            "chat_json": tgjson.chat(chat_id, chat_type),
            "sender": tgjson.user(sender_id, language_code=language_code),
        }

    def _chat_json(self, chat_id: int) -> tgjson.JSON:
        default = "private" if chat_id > 0 else "supergroup"
        return tgjson.chat(chat_id, self._chat_types.get(chat_id, default))

    def _message_json(self, sent: SentMessage) -> tgjson.JSON:
        return tgjson.bot_message(
            message_id=sent.message_id,
            chat_json=self._chat_json(sent.chat_id),
            text=sent.text,
            reply_markup=sent.reply_markup,
            edited=sent.edited,
        )

    # ---- methods ---------------------------------------------------------------------------

    async def _m_getMe(self, params: Params) -> Any:
        return tgjson.BOT_USER

    async def _m_getUpdates(self, params: Params) -> Any:
        return await self._updates.poll(
            offset=int(params.get("offset") or 0),
            limit=int(params.get("limit") or 100),
            wait=float(params.get("timeout") or 0),
        )

    async def _m_deleteWebhook(self, params: Params) -> Any:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _m_setMyCommands(self, params: Params) -> Any:
        self._commands.set(params)
        return True

    async def _m_getMyCommands(self, params: Params) -> Any:
        return self._commands.get(params)

    async def _m_deleteMyCommands(self, params: Params) -> Any:
        self._commands.delete(params)
        return True

    async def _m_sendMessage(self, params: Params) -> Any:
        sent = self.log.send(self._chat_id(params), params)
        await self._notify()
        return self._message_json(sent)

    async def _m_editMessageText(self, params: Params) -> Any:
        if "inline_message_id" in params:
            raise ApiError(400, "Bad Request: inline messages are not supported by the fake")
        edited = self.log.edit(self._chat_id(params), params, text=True)
        await self._notify()
        return self._message_json(edited)

    async def _m_editMessageReplyMarkup(self, params: Params) -> Any:
        edited = self.log.edit(self._chat_id(params), params, text=False)
        await self._notify()
        return self._message_json(edited)

    async def _m_answerCallbackQuery(self, params: Params) -> Any:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._open_queries.discard(query_id)
        text = params.get("text")
        self.callback_answers.append(CallbackAnswer(query_id, text, bool(params.get("show_alert"))))
        return True

    async def _m_sendChatAction(self, params: Params) -> Any:
        if not params.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _m_getChat(self, params: Params) -> Any:
        chat = self._chat_json(self._chat_id(params))
        return tgjson.chat_full_info(chat["id"], chat["type"])

    async def _m_getChatMember(self, params: Params) -> Any:
        self._chat_id(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise ApiError(400, "Bad Request: invalid user_id specified")
        return tgjson.chat_member(user_id, admin=user_id in self.admins)

    async def _m_getFile(self, params: Params) -> Any:
        return self.files.get_file(params)

    async def _m_sendDocument(self, params: Params) -> Any:
        return await self.files.send_document(self._chat_id(params), params)

    async def _m_close(self, params: Params) -> Any:
        return True

    async def _m_logOut(self, params: Params) -> Any:
        return True
