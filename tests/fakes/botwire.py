"""How Bot API requests arrive and errors leave: parameter decoding and error bodies.

PTB 22 posts form fields where strings are sent raw and everything else JSON-encoded
(`RequestParameter.json_value`), so a field is decoded by what it is: JSON fields are parsed,
integer fields become ints, flags become bools, the rest stay strings ("123" as a text stays
text). JSON bodies are taken as they are. Multipart parts that carry a filename (PTB's
InputFile uploads) become `Upload` values under the part's name; the body is streamed part by
part so uploads are not capped by aiohttp's 1 MB `client_max_size`, which Telegram does not have.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

JSON_FIELDS = frozenset(
    {"reply_markup", "commands", "scope", "allowed_updates", "entities"}
    | {"link_preview_options", "reply_parameters"}
)
INT_FIELDS = frozenset(
    {"chat_id", "message_id", "offset", "limit", "timeout", "user_id", "cache_time"}
    | {"message_thread_id", "reply_to_message_id"}
)
BOOL_FIELDS = frozenset(
    {"disable_notification", "show_alert", "protect_content", "disable_web_page_preview"}
    | {"drop_pending_updates", "allow_sending_without_reply"}
)
_INT = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class Upload:
    """A file uploaded as a multipart part: its filename, bytes and declared MIME type."""

    file_name: str
    mime_type: str
    data: bytes = field(repr=False)


class ApiError(Exception):
    """An error answer: HTTP status, Telegram's description, optional `parameters`."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def decode_field(name: str, value: str) -> Any:
    """Decode one form field the way PTB encoded it."""
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
    if name in INT_FIELDS and _INT.fullmatch(value):
        return int(value)
    if name in BOOL_FIELDS:
        return value.lower() == "true"
    return value


async def read_params(request: web.Request) -> dict[str, Any]:
    """Return a request's parameters from its query, form body or JSON body."""
    params: dict[str, Any] = {k: decode_field(k, v) for k, v in request.query.items()}
    if not request.can_read_body:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if isinstance(body, dict):
            params.update(body)
        return params
    if request.content_type == "multipart/form-data":
        params.update(await _read_multipart(request))
        return params
    form = await request.post()
    params.update({k: decode_field(k, v) for k, v in form.items() if isinstance(v, str)})
    return params


async def _read_multipart(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        # Telegram reads flat form parts only; nested multipart bodies carry nothing for it.
        if not isinstance(part, BodyPartReader) or not part.name:
            continue
        if part.filename is None:
            params[part.name] = decode_field(part.name, await part.text())
            continue
        mime_type = part.headers.get("Content-Type", "application/octet-stream")
        data = bytearray()
        # read_chunk, unlike read(), does not apply aiohttp's client_max_size.
        while chunk := await part.read_chunk():
            data.extend(chunk)
        params[part.name] = Upload(file_name=part.filename, mime_type=mime_type, data=bytes(data))
    return params


def error_response(error: ApiError) -> web.Response:
    """Return Telegram's error body for `error`."""
    body: dict[str, Any] = {
        "ok": False,
        "error_code": error.status,
        "description": error.description,
    }
    if error.parameters:
        body["parameters"] = error.parameters
    return web.json_response(body, status=error.status)
