"""Bot API JSON objects the fake returns, shaped so python-telegram-bot 22 can de-serialise them.

Each builder returns the smallest object that carries every field PTB requires; private chats
are named after their id, groups get a title. Messages with a document carry it with its
caption (plain text, entities not returned) instead of a text.
"""

from __future__ import annotations

import time
from typing import Any

JSON = dict[str, Any]

BOT_ID = 123456789
BOT_USER: JSON = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Newsbot Test",
    "username": "newsbot_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
ADMIN_RIGHTS = [
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories", "can_pin_messages",
]  # fmt: skip


def now() -> int:
    """Return the current Unix time, Telegram's `date` unit."""
    return int(time.time())


def chat(chat_id: int, chat_type: str) -> JSON:
    """Return a Chat object; groups and channels need a title, private chats a first name."""
    if chat_type == "private":
        return {"id": chat_id, "type": chat_type, "first_name": f"User {chat_id}"}
    return {"id": chat_id, "type": chat_type, "title": f"Chat {chat_id}"}


def user(user_id: int, *, language_code: str | None = None) -> JSON:
    """Return a human User object."""
    result: JSON = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
    if language_code:
        result["language_code"] = language_code
    return result


def chat_full_info(chat_id: int, chat_type: str) -> JSON:
    """Return a ChatFullInfo object, the answer to getChat."""
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription"), False
    )
    return {
        **chat(chat_id, chat_type),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {**gifts, "gifts_from_channels": False},
    }


def chat_member(user_id: int, *, admin: bool) -> JSON:
    """Return a ChatMember object: an administrator with every right, or a plain member."""
    if not admin:
        return {"status": "member", "user": user(user_id)}
    rights = dict.fromkeys(ADMIN_RIGHTS, True)
    return {
        "status": "administrator",
        "user": user(user_id),
        "can_be_edited": False,
        "is_anonymous": False,
        **rights,
    }


def command_entity(text: str) -> list[JSON]:
    """Return the bot_command entity Telegram attaches to a text starting with '/'."""
    if not text.startswith("/"):
        return []
    word = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]


def incoming_message(
    *, message_id: int, chat_json: JSON, sender: JSON, text: str, date: int | None = None
) -> JSON:
    """Return a Message a user sent (now, or at `date`), with its command entity."""
    message: JSON = {
        "message_id": message_id,
        "date": now() if date is None else date,
        "chat": chat_json,
        "from": sender,
        "text": text,
    }
    entities = command_entity(text)
    if entities:
        message["entities"] = entities
    return message


def bot_message(
    *, message_id: int, chat_json: JSON, text: str, reply_markup: JSON | None, edited: bool
) -> JSON:
    """Return a Message the bot sent (or edited), as sendMessage/editMessageText answer."""
    message: JSON = {
        "message_id": message_id,
        "date": now(),
        "chat": chat_json,
        "from": BOT_USER,
        "text": text,
    }
    if reply_markup and "inline_keyboard" in reply_markup:
        message["reply_markup"] = reply_markup
    if edited:
        message["edit_date"] = now()
    return message


def incoming_document(
    *, message_id: int, chat_json: JSON, sender: JSON, document: JSON, caption: str | None
) -> JSON:
    """Return a Message in which a user sent a document, with its caption's command entity."""
    message: JSON = {
        "message_id": message_id,
        "date": now(),
        "chat": chat_json,
        "from": sender,
        "document": document,
    }
    if caption:
        message["caption"] = caption
        entities = command_entity(caption)
        if entities:
            message["caption_entities"] = entities
    return message


def bot_document_message(
    *, message_id: int, chat_json: JSON, document: JSON, caption: str | None, reply_markup: Any
) -> JSON:
    """Return a Message the bot sent with a document, as sendDocument answers."""
    message: JSON = {
        "message_id": message_id,
        "date": now(),
        "chat": chat_json,
        "from": BOT_USER,
        "document": document,
    }
    if caption:
        message["caption"] = caption
    if isinstance(reply_markup, dict) and "inline_keyboard" in reply_markup:
        message["reply_markup"] = reply_markup
    return message
