"""Files in the fake Bot API: documents users send, getFile, downloads and sendDocument.

Rules, as Telegram applies them to bots:
- every stored file has a file_id, a file_unique_id and a file_path "documents/file_N.ext";
  re-sending by file_id reuses the stored file, as Telegram does;
- getFile: an unknown file_id → 400 "invalid file_id"; a file over 20 MB → 400 "file is too
  big" (bots may download at most 20 MB);
- downloads are GET /file/bot<token>/<file_path>, which is what PTB 22 builds from
  `base_file_url` + token + "/" + file_path; a wrong token → 401, an unknown path → 404;
- sendDocument, after the gate: the keyboard is checked, then the caption (HTML parsed, at most
  1024 UTF-16 code units after parsing → "message caption is too long"), then the document: a
  multipart upload (part "document", or "attach://<part>"), a known file_id, or an http(s) URL
  (recorded, never fetched: its stored file is empty); an empty upload → "file must be
  non-empty", one over 50 MB → 413; no document → "there is no document in the request";
  any other string → "wrong file identifier/HTTP URL specified".
Documents the bot sent are kept apart from text messages: `messages()` and `wait_for_messages()`
never see them, but they take message ids from the chat's shared sequence. `DocumentsAPI` is
the test side, mixed into FakeBotAPI so botapi.py only wires it up.
"""

from __future__ import annotations

import asyncio
import itertools
import mimetypes
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from tests.fakes import tgjson
from tests.fakes.botwire import ApiError, Upload, error_response
from tests.fakes.messages import ChatLog
from tests.fakes.tgrules import RuleError, check_reply_markup, parse_html, utf16_length
from tests.fakes.updates import UpdateQueue

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_CAPTION_UTF16 = 1024
DEFAULT_MIME = "application/octet-stream"
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True)
class StoredFile:
    """A file the fake Telegram keeps: what users sent and what the bot uploaded."""

    file_id: str
    file_unique_id: str
    file_path: str
    file_name: str
    mime_type: str
    data: bytes = field(repr=False)

    def document_json(self) -> tgjson.JSON:
        """Return the Document object of this file."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.data),
        }

    def file_json(self) -> tgjson.JSON:
        """Return the File object getFile answers with."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass(frozen=True)
class SentDocument:
    """A document the bot sent: `caption` is plain text after parsing, `caption_html` as sent.

    `url` is set when the bot sent a URL; the fake does not fetch it, so `data` is empty.
    """

    message_id: int
    chat_id: int
    file_id: str
    file_name: str
    mime_type: str
    data: bytes = field(repr=False)
    caption: str | None = None
    caption_html: str | None = None
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    url: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def caption_text(caption: object, parse_mode: object) -> str | None:
    """Return a caption's plain text (None if empty), or raise RuleError as Telegram would."""
    if caption is None or caption == "":
        return None
    if parse_mode in (None, ""):
        plain = str(caption)
    elif isinstance(parse_mode, str) and parse_mode.lower() == "html":
        plain = parse_html(str(caption))
    else:
        raise RuleError("Bad Request: unsupported parse_mode")
    plain = plain.strip()
    if utf16_length(plain) > MAX_CAPTION_UTF16:
        raise RuleError("Bad Request: message caption is too long")
    return plain or None


class FileStore:
    """Stored files by file_id and by file_path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._numbers = itertools.count(1)

    def add(self, file_name: str, data: bytes, mime_type: str = DEFAULT_MIME) -> StoredFile:
        """Store a new file and return it with fresh ids and path."""
        n = next(self._numbers)
        suffix = PurePosixPath(file_name).suffix.lower()
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{n:06d}FakeDocument",
            file_unique_id=f"AgAD{n:06d}",
            file_path=f"documents/file_{n}{suffix}",
            file_name=file_name,
            mime_type=mime_type,
            data=data,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def by_id(self, file_id: str) -> StoredFile | None:
        """Return the file with this file_id, if stored."""
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        """Return the file at this file_path, if stored."""
        return self._by_path.get(file_path)


class FileDesk:
    """The Bot API's file methods and the log of documents the bot sent."""

    def __init__(
        self,
        token: str,
        log: ChatLog,
        changed: asyncio.Condition,
        chat_json: Callable[[int], tgjson.JSON],
        errors: list[tuple[str, dict[str, Any], str]],
    ) -> None:
        """Serve files for `token`; ids come from `log`, sends wake waiters on `changed`."""
        self.store = FileStore()
        self._token = token
        self._log = log
        self._changed = changed
        self._chat_json = chat_json
        self._errors = errors
        self._sent: dict[int, list[SentDocument]] = defaultdict(list)
        self._read: dict[int, int] = defaultdict(int)

    def get_file(self, params: dict[str, Any]) -> tgjson.JSON:
        """Answer getFile."""
        stored = self.store.by_id(str(params.get("file_id", "")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD_BYTES:
            raise ApiError(400, "Bad Request: file is too big")
        return stored.file_json()

    async def download(self, request: web.Request) -> web.StreamResponse:
        """Serve GET /file/bot{token}/{file_path}."""
        if request.match_info["token"] != self._token:
            return error_response(ApiError(401, "Unauthorized"))
        stored = self.store.by_path(request.match_info["file_path"])
        if stored is None:
            return error_response(ApiError(404, "Not Found"))
        return web.Response(body=stored.data, headers={"Content-Type": stored.mime_type})

    async def send_document(self, chat_id: int, params: dict[str, Any]) -> tgjson.JSON:
        """Answer sendDocument: record the document and return the sent Message."""
        check_reply_markup(params.get("reply_markup"))
        caption = caption_text(params.get("caption"), params.get("parse_mode"))
        stored, url = self._document(params)
        html = params.get("caption")
        sent = SentDocument(
            message_id=self._log.new_message_id(chat_id),
            chat_id=chat_id,
            file_id=stored.file_id,
            file_name=stored.file_name,
            mime_type=stored.mime_type,
            data=stored.data,
            caption=caption,
            caption_html=str(html) if caption is not None else None,
            parse_mode=params.get("parse_mode") or None,
            reply_markup=params.get("reply_markup"),
            url=url,
            params=params,
        )
        self._sent[chat_id].append(sent)
        async with self._changed:
            self._changed.notify_all()
        return tgjson.bot_document_message(
            message_id=sent.message_id,
            chat_json=self._chat_json(chat_id),
            document=stored.document_json(),
            caption=caption,
            reply_markup=sent.reply_markup,
        )

    def _document(self, params: dict[str, Any]) -> tuple[StoredFile, str | None]:
        """Return the file a sendDocument call names, and its URL if it named one."""
        value = params.get("document")
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, Upload):
            if not value.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            if len(value.data) > MAX_UPLOAD_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            return self.store.add(value.file_name, value.data, value.mime_type), None
        if not isinstance(value, str) or not value:
            raise ApiError(400, "Bad Request: there is no document in the request")
        known = self.store.by_id(value)
        if known is not None:
            return known, None
        if not _URL.fullmatch(value):
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        name = PurePosixPath(urlsplit(value).path).name or "file"
        mime_type = mimetypes.guess_type(name, strict=False)[0] or DEFAULT_MIME
        return self.store.add(name, b"", mime_type), value

    def documents(self, chat_id: int) -> list[SentDocument]:
        """Return every document the bot sent to `chat_id`, in sending order."""
        return list(self._sent[chat_id])

    async def wait(self, chat_id: int, count: int, seconds: float) -> list[SentDocument]:
        """Wait for and consume the next `count` documents sent to `chat_id`."""
        try:
            async with asyncio.timeout(seconds), self._changed:
                await self._changed.wait_for(
                    lambda: len(self._sent[chat_id]) - self._read[chat_id] >= count
                )
        except TimeoutError:
            raise AssertionError(self._describe(chat_id, count, seconds)) from None
        start = self._read[chat_id]
        self._read[chat_id] += count
        return self._sent[chat_id][start : start + count]

    def _describe(self, chat_id: int, count: int, seconds: float) -> str:
        sent = self._sent[chat_id]
        refused = [f"{m} → {d}" for m, p, d in self._errors if p.get("chat_id") == chat_id]
        lines = [
            f"expected {count} more document(s) in chat {chat_id} within {seconds}s.",
            f"sent to chat {chat_id}: {len(sent)} document(s), {self._read[chat_id]} consumed",
            *(f"  #{d.message_id}: {d.file_name!r} caption={d.caption!r}" for d in sent),
            f"refused requests: {refused or 'none'}",
        ]
        return "\n".join(lines)


class DocumentsAPI:
    """FakeBotAPI's document methods for tests; FakeBotAPI provides what is declared here."""

    files: FileDesk
    _updates: UpdateQueue

    def _user_origin(
        self, chat_id: int, user_id: int | None, language_code: str, chat_type: str
    ) -> dict[str, Any]:
        """Return a new user message's id, chat and sender (FakeBotAPI knows the chats)."""
        raise NotImplementedError

    async def user_sends_document(
        self,
        chat_id: int,
        *,
        file_name: str,
        data: bytes,
        mime_type: str = DEFAULT_MIME,
        user_id: int | None = None,
        language_code: str = "vi",
        chat_type: str = "private",
        caption: str | None = None,
    ) -> str:
        """Queue a message update carrying a document; return its file_id."""
        stored = self.files.store.add(file_name, data, mime_type)
        origin = self._user_origin(chat_id, user_id, language_code, chat_type)
        document = stored.document_json()
        message = tgjson.incoming_document(**origin, document=document, caption=caption)
        await self._updates.push({"message": message})
        return stored.file_id

    def documents(self, chat_id: int) -> list[SentDocument]:
        """Return every document the bot sent to `chat_id` (never among `messages`)."""
        return self.files.documents(chat_id)

    async def wait_for_documents(
        self,
        chat_id: int,
        *,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 -- tests read better with a plain number
    ) -> list[SentDocument]:
        """Wait for and consume the next `count` documents sent to `chat_id`."""
        return await self.files.wait(chat_id, count, timeout)
