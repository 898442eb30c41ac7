"""Telegram's checks on outgoing messages, as the fake Bot API enforces them.

Rule order for a message text (the order Telegram reports them in):
1. text missing → "message text is empty";
2. parse_mode other than none/HTML → "unsupported parse_mode" (the fake parses no Markdown);
3. HTML is parsed: only the documented tags, only &lt; &gt; &amp; &quot; and numeric entities,
   tags closed in order → otherwise "can't parse entities: …" with a byte offset like tdlib;
4. the parsed plain text, stripped, is empty → "message text is empty";
5. its length in UTF-16 code units exceeds 4096 → "message is too long".
Inline keyboards: every button needs callback_data (1–64 bytes) or an http(s)/tg URL.

The fake is stricter than Telegram in one place on purpose: an unknown named entity such as
`&nbsp;` is rejected instead of being shown literally, because it always means a bug.
"""

from __future__ import annotations

import re
from typing import Any

MAX_TEXT_UTF16 = 4096
MAX_CALLBACK_BYTES = 64

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a"}
    | {"code", "pre", "blockquote", "tg-emoji"}
)
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_ENTITY = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]*);")
_NAME = re.compile(r"[a-zA-Z0-9-]*")
_ATTR = re.compile(r"""\s*([a-zA-Z0-9_-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")


class RuleError(Exception):
    """A request Telegram would refuse with 400; `description` is Telegram's wording."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def _offset(text: str, index: int) -> int:
    """Return the UTF-8 byte offset of `index`, as tdlib reports positions."""
    return len(text[:index].encode("utf-8"))


def _fail(why: str) -> RuleError:
    return RuleError(f"Bad Request: can't parse entities: {why}")


def _entity(text: str, i: int) -> tuple[str, int]:
    """Decode the entity at `i`; a bare '&' stays literal, as in tdlib."""
    match = _ENTITY.match(text, i)
    if match is None:
        return "&", i + 1
    name = match.group(1)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise _fail(f"Invalid numeric HTML entity at byte offset {_offset(text, i)}")
        return chr(code), match.end()
    if name not in NAMED_ENTITIES:
        raise _fail(f'Unsupported HTML entity "&{name};" at byte offset {_offset(text, i)}')
    return NAMED_ENTITIES[name], match.end()


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "&":
            char, i = _entity(value, i)
            out.append(char)
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _attributes(text: str, i: int, start: int) -> tuple[dict[str, str], int]:
    """Read attributes up to '>' and return them with the index after '>'."""
    attrs: dict[str, str] = {}
    while True:
        j = i
        while j < len(text) and text[j].isspace():
            j += 1
        if j < len(text) and text[j] == ">":
            return attrs, j + 1
        match = _ATTR.match(text, i)
        if match is None or match.end() == i:
            raise _fail(f"Can't find end of the tag at byte offset {_offset(text, start)}")
        raw = match.group(2) or ""
        attrs[match.group(1).lower()] = _unescape(raw.strip("\"'"))
        i = match.end()


def _check_start(name: str, attrs: dict[str, str], text: str, start: int) -> None:
    where = f"at byte offset {_offset(text, start)}"
    if name not in ALLOWED_TAGS:
        raise _fail(f'Unsupported start tag "{name}" {where}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise _fail(f'Tag "span" must have class "tg-spoiler" {where}')
    if name == "tg-emoji" and not attrs.get("emoji-id"):
        raise _fail(f'Tag "tg-emoji" must have attribute "emoji-id" {where}')


def _tag(text: str, i: int, stack: list[str]) -> int:
    """Consume the tag starting at `i` (a '<'), updating `stack`; return the next index."""
    closing = text.startswith("</", i)
    name_match = _NAME.match(text, i + (2 if closing else 1))
    assert name_match is not None  # the pattern also matches the empty string
    name, j = name_match.group(0).lower(), name_match.end()
    if not closing:
        if not name:
            raise _fail(f'Unsupported start tag "" at byte offset {_offset(text, i)}')
        attrs, j = _attributes(text, j, i)
        _check_start(name, attrs, text, i)
        stack.append(name)
        return j
    while j < len(text) and text[j].isspace():
        j += 1
    if j >= len(text) or text[j] != ">":
        raise _fail(f"Can't find end of the tag at byte offset {_offset(text, i)}")
    if not stack:
        raise _fail(f'Unexpected end tag "{name}" at byte offset {_offset(text, i)}')
    if stack[-1] != name:
        where = _offset(text, i)
        expected = stack[-1]
        raise _fail(
            f'Unmatched end tag at byte offset {where}, expected "</{expected}>", found "</{name}>"'
        )
    stack.pop()
    return j + 1


def parse_html(text: str) -> str:
    """Return the plain text Telegram shows for `text` in HTML parse mode, or raise RuleError."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            i = _tag(text, i, stack)
        elif char == "&":
            decoded, i = _entity(text, i)
            out.append(decoded)
        else:
            out.append(char)
            i += 1
    if stack:
        raise _fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_length(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, Telegram's unit for limits."""
    return len(text.encode("utf-16-le")) // 2


def message_text(text: object, parse_mode: object) -> str:
    """Return the plain text of an outgoing message, or raise RuleError as Telegram would."""
    if not isinstance(text, str) or not text:
        raise RuleError("Bad Request: message text is empty")
    if parse_mode in (None, ""):
        plain = text
    elif isinstance(parse_mode, str) and parse_mode.lower() == "html":
        plain = parse_html(text)
    else:
        raise RuleError("Bad Request: unsupported parse_mode")
    plain = plain.strip()
    if not plain:
        raise RuleError("Bad Request: message text is empty")
    if utf16_length(plain) > MAX_TEXT_UTF16:
        raise RuleError("Bad Request: message is too long")
    return plain


def _check_button(button: object) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise RuleError("Bad Request: can't parse inline keyboard button: text is missing")
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
        if not 1 <= size <= MAX_CALLBACK_BYTES:
            raise RuleError("Bad Request: BUTTON_DATA_INVALID")
    elif "url" in button:
        if not re.match(r"(https?|tg)://\S+$", str(button["url"])):
            raise RuleError("Bad Request: BUTTON_URL_INVALID")
    elif not any(key in button for key in ("switch_inline_query", "copy_text", "pay")):
        raise RuleError(
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard"
        )


def check_reply_markup(markup: Any) -> None:
    """Raise RuleError for an inline keyboard Telegram would refuse; other markups pass."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise RuleError("Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise RuleError('Bad Request: field "inline_keyboard" must be an Array of Arrays')
    for row in rows:
        for button in row:
            _check_button(button)
