"""The fake Bot API handles documents both ways as Telegram does, driven by the real PTB."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.fakes.botapi import GROUP_MEMBER_ID, TOKEN, FakeBotAPI

CHAT = 1001
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def bot(bot_api: FakeBotAPI) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(
        TOKEN, base_url=f"{bot_api.url}/bot", base_file_url=f"{bot_api.url}/file/bot"
    ) as client:
        yield client


async def test_bot_downloads_a_document_the_user_sent(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    file_id = await bot_api.user_sends_document(
        CHAT, file_name="báo cáo.pdf", data=PDF, mime_type="application/pdf", caption="Tệp"
    )
    (update,) = await bot.get_updates(timeout=0)
    message = update.message
    assert message is not None and message.document is not None
    document = message.document
    assert (document.file_id, document.file_name) == (file_id, "báo cáo.pdf")
    assert (document.mime_type, document.file_size) == ("application/pdf", len(PDF))
    assert message.caption == "Tệp" and message.text is None
    assert message.from_user is not None and message.from_user.id == CHAT
    file = await bot.get_file(document)
    assert file.file_path is not None and file.file_path.endswith(".pdf")
    assert (file.file_size, file.file_unique_id) == (len(PDF), document.file_unique_id)
    assert await file.download_as_bytearray() == PDF


async def test_group_document_comes_from_a_group_member(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    await bot_api.user_sends_document(-100, file_name="a.txt", data=b"x", chat_type="group")
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.from_user is not None
    assert update.message.from_user.id == GROUP_MEMBER_ID
    assert update.message.chat.type == "group"
    assert update.message.document is not None
    assert update.message.document.mime_type == "application/octet-stream"


async def test_bot_sends_a_document_from_bytes(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Xem", callback_data="v")]])
    data = b"tieu_de,nguon\nTin,baonghean\n" * 50_000  # over aiohttp's 1 MB form cap
    answer = await bot.send_document(
        CHAT,
        data,
        filename="tin.csv",
        caption="<b>Bản tin</b> &amp; số liệu",
        parse_mode="HTML",
        reply_markup=markup,
    )
    (sent,) = await bot_api.wait_for_documents(CHAT)
    assert (sent.file_name, sent.mime_type, sent.data) == ("tin.csv", "text/csv", data)
    assert (sent.caption, sent.parse_mode) == ("Bản tin & số liệu", "HTML")
    assert sent.caption_html == "<b>Bản tin</b> &amp; số liệu"
    assert sent.reply_markup == markup.to_dict() and sent.url is None
    assert answer.document is not None and answer.document.file_name == "tin.csv"
    assert answer.document.file_size == len(data) and answer.caption == sent.caption
    assert answer.message_id == sent.message_id and answer.reply_markup == markup
    assert bot_api.documents(CHAT) == [sent]
    file = await bot.get_file(answer.document.file_id)
    assert await file.download_as_bytearray() == data


async def test_documents_stay_out_of_the_text_message_log(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    first = await bot.send_document(CHAT, b"1", filename="a.txt")
    await bot.send_message(CHAT, "văn bản")
    assert first.document is not None
    again = await bot.send_document(CHAT, first.document.file_id, caption="lại")
    (text,) = await bot_api.wait_for_messages(CHAT)
    one, two = await bot_api.wait_for_documents(CHAT, count=2)
    assert text.text == "văn bản" and bot_api.messages(CHAT) == [text]
    assert [one.message_id, text.message_id, two.message_id] == [1, 2, 3]
    assert (two.file_id, two.data, two.caption) == (one.file_id, b"1", "lại")
    assert again.document is not None
    assert again.document.file_unique_id == first.document.file_unique_id


async def test_document_by_url_is_recorded_not_fetched(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    await bot.send_document(CHAT, "https://example.test/files/report.pdf")
    (sent,) = await bot_api.wait_for_documents(CHAT)
    assert (sent.url, sent.file_name) == ("https://example.test/files/report.pdf", "report.pdf")
    assert (sent.mime_type, sent.data, sent.caption) == ("application/pdf", b"", None)


async def test_get_file_refuses_unknown_ids_and_files_over_20_mb(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("no-such-file")
    exactly = await bot_api.user_sends_document(
        CHAT, file_name="20.bin", data=bytes(20 * 1024 * 1024)
    )
    assert (await bot.get_file(exactly)).file_size == 20 * 1024 * 1024
    big = await bot_api.user_sends_document(CHAT, file_name="21.bin", data=bytes(21 * 1024 * 1024))
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(big)
    assert bot_api.errors[-1][::2] == ("getFile", "Bad Request: file is too big")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"document": "not-a-file-id"}, "Wrong file identifier/http url specified"),
        ({"document": b"", "filename": "empty.txt"}, "File must be non-empty"),
        ({"document": b"x", "caption": "c" * 1025}, "Message caption is too long"),
        ({"document": b"x", "caption": "<b>x", "parse_mode": "HTML"}, "Can't parse entities"),
    ],
)
async def test_send_document_is_refused_like_telegram(
    bot: telegram.Bot, bot_api: FakeBotAPI, kwargs: dict[str, object], error: str
) -> None:
    with pytest.raises(BadRequest, match=error):
        await bot.send_document(CHAT, **kwargs)  # type: ignore[arg-type]
    assert bot_api.documents(CHAT) == []
    assert bot_api.errors[-1][0] == "sendDocument"


async def test_send_document_goes_through_the_gate(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    bot_api.block(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_document(CHAT, b"x", filename="a.txt")
    bot_api.unblock(CHAT)
    bot_api.fail_next(CHAT, retry_after=3)
    with pytest.raises(RetryAfter):
        await bot.send_document(CHAT, b"x", filename="a.txt")
    assert bot_api.documents(CHAT) == []


async def test_raw_download_checks_token_and_path(bot_api: FakeBotAPI) -> None:
    file_id = await bot_api.user_sends_document(CHAT, file_name="a.txt", data=b"abc")
    async with httpx.AsyncClient(base_url=bot_api.url) as client:
        info = (await client.post(f"/bot{TOKEN}/getFile", json={"file_id": file_id})).json()
        path = info["result"]["file_path"]
        good = await client.get(f"/file/bot{TOKEN}/{path}")
        wrong = await client.get(f"/file/bot1:wrong/{path}")
        missing = await client.get(f"/file/bot{TOKEN}/documents/file_999.txt")
    assert (good.status_code, good.content) == (200, b"abc")
    assert (wrong.status_code, missing.status_code) == (401, 404)
    assert missing.json()["description"] == "Not Found"


async def test_wait_for_documents_timeout_says_what_was_sent(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    await bot.send_document(CHAT, b"x", filename="only.txt")
    with pytest.raises(AssertionError, match=r"only\.txt") as caught:
        await bot_api.wait_for_documents(CHAT, count=2, timeout=0.2)
    assert "1 document(s)" in str(caught.value)


async def test_real_application_echoes_a_document_back(bot_api: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.document is not None
        data = await (await message.document.get_file()).download_as_bytearray()
        await message.reply_document(bytes(data).upper(), filename="ECHO.TXT", caption="xong")

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{bot_api.url}/bot")
        .base_file_url(f"{bot_api.url}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.Document.ALL, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=5)
        await bot_api.user_sends_document(CHAT, file_name="in.txt", data=b"tin moi")
        (reply,) = await bot_api.wait_for_documents(CHAT)
        await app.updater.stop()
        await app.stop()
    assert (reply.file_name, reply.data, reply.caption) == ("ECHO.TXT", b"TIN MOI", "xong")
