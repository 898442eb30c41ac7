"""How Bot API requests arrive and errors leave: parameter decoding and error bodies.

PTB 22 posts form fields where strings are sent raw and everything else JSON-encoded
(`RequestParameter.json_value`), so a field is decoded by what it is: JSON fields are parsed,
integer fields become ints, flags become bools, the rest stay strings ("123" as a text stays
text). JSON bodies are taken as they are.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

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
    form = await request.post()
    params.update({k: decode_field(k, v) for k, v in form.items() if isinstance(v, str)})
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
