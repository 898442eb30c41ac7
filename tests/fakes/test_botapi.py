"""The fake Bot API answers the real python-telegram-bot as Telegram would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from tests.fakes.botapi import TOKEN, FakeBotAPI
from tests.fakes.tgrules import RuleError, parse_html

CHAT = 1001
# PTB 22 warns about its own RetryAfter.retry_after being an int while building the error.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def bot(bot_api: FakeBotAPI) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=f"{bot_api.url}/bot") as client:
        yield client


async def test_send_message_is_recorded_with_plain_text_and_html(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Xem", callback_data="more:1")]])
    message = await bot.send_message(
        CHAT,
        "<b>Tin</b> &amp; <a href='https://x.vn/a?b=1&amp;c=2'>bài</a>",
        parse_mode="HTML",
        reply_markup=markup,
    )
    (sent,) = await bot_api.wait_for_messages(CHAT)
    assert message.message_id == sent.message_id and message.from_user is not None
    assert message.from_user.is_bot and message.chat.id == CHAT
    assert (sent.text, sent.parse_mode) == ("Tin & bài", "HTML")
    assert sent.html.startswith("<b>Tin</b>")
    assert sent.buttons() == [("Xem", "more:1")]
    assert bot_api.messages(CHAT) == [sent]


async def test_plain_text_number_stays_text(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    await bot.send_message(CHAT, "123")
    (sent,) = await bot_api.wait_for_messages(CHAT)
    assert sent.text == "123" and sent.parse_mode is None


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("a<br>b", 'Unsupported start tag "br" at byte offset 1'),
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag"),
        ("Hà Nội &nbsp;", 'Unsupported HTML entity "&nbsp;" at byte offset 10'),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
    ],
)
async def test_bad_html_is_refused_like_telegram(
    bot: telegram.Bot, bot_api: FakeBotAPI, html: str, reason: str
) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(CHAT, html, parse_mode="HTML")
    # PTB drops "Bad Request: " and lower-cases the rest (str.capitalize).
    assert caught.value.message.startswith("Can't parse entities: ")
    assert reason.lower() in caught.value.message
    assert bot_api.messages(CHAT) == []
    assert bot_api.errors[-1][0] == "sendMessage"


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x &lt; 1</code></pre>', "x < 1"),
        ("<blockquote expandable>“Trích dẫn”</blockquote>", "“Trích dẫn”"),
        ("&#272;&#x1EA1;i &quot;AT&T&quot;", 'Đại "AT&T"'),
        ("<B>Hoa</B> <STRONG>thường</STRONG>", "Hoa thường"),
    ],
)
def test_allowed_html_parses_to_plain_text(html: str, plain: str) -> None:
    assert parse_html(html) == plain


def test_invalid_numeric_entity_is_refused() -> None:
    with pytest.raises(RuleError, match="numeric HTML entity"):
        parse_html("&#xD800;")


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("x" * 4097, None, "Message is too long"),
        ("😀" * 2049, None, "Message is too long"),  # 4098 UTF-16 code units
        ("&amp;" * 4097, "HTML", "Message is too long"),
        ("<b> </b>", "HTML", "Message text is empty"),
        ("   ", None, "Message text is empty"),
    ],
)
async def test_length_and_emptiness_count_after_parsing(
    bot: telegram.Bot, text: str, parse_mode: str | None, error: str
) -> None:
    with pytest.raises(BadRequest, match=error):
        await bot.send_message(CHAT, text, parse_mode=parse_mode)


@pytest.mark.parametrize(
    ("text", "parse_mode"),
    [
        ("x" * 4096, None),
        ("&amp;" * 4096, "HTML"),
        ("😀" * 2048, None),
        ("<b>aa</b>" * 2048, "HTML"),
    ],
)
async def test_exactly_4096_after_parsing_passes(
    bot: telegram.Bot, bot_api: FakeBotAPI, text: str, parse_mode: str | None
) -> None:
    await bot.send_message(CHAT, text, parse_mode=parse_mode)
    (sent,) = await bot_api.wait_for_messages(CHAT)
    assert len(sent.text.encode("utf-16-le")) == 2 * 4096


async def test_callback_data_over_64_bytes_is_refused(bot: telegram.Bot) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="đ" * 32)]])
    await bot.send_message(CHAT, "64 bytes", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="đ" * 33)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(CHAT, "66 bytes", reply_markup=too_long)


async def test_injected_429_raises_retry_after_then_passes(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.fail_next(CHAT, retry_after=7)
    with pytest.raises(RetryAfter, match="Retry in 7 seconds"):
        await bot.send_message(CHAT, "một")
    await bot.send_message(CHAT, "hai")
    assert [m.text for m in bot_api.messages(CHAT)] == ["hai"]


async def test_injected_failure_targets_its_chat_only(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.fail_next(CHAT, status=500, times=2)
    await bot.send_message(CHAT + 1, "other chat")
    for _ in range(2):
        with pytest.raises(telegram.error.NetworkError):
            await bot.send_message(CHAT, "x")
    await bot.send_message(CHAT, "through")
    assert len(bot_api.messages(CHAT)) == 1


async def test_blocked_chat_raises_forbidden_until_unblocked(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.block(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "x")
    bot_api.unblock(CHAT)
    await bot.send_message(CHAT, "y")
    assert [m.text for m in bot_api.messages(CHAT)] == ["y"]


async def test_a_late_answer_times_out_but_the_message_was_delivered(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.answer_late(1.0)
    with pytest.raises(telegram.error.TimedOut):
        await bot.send_message(CHAT, "late", read_timeout=0.2)
    assert [m.text for m in bot_api.messages(CHAT)] == ["late"]
    bot_api.answer_late(0)
    await bot.send_message(CHAT, "on time", read_timeout=0.2)


async def test_global_rate_limit_answers_429(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    bot_api.max_per_second = 2
    await bot.send_message(CHAT, "1")
    await bot.send_message(CHAT + 1, "2")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT + 2, "3")


async def test_a_private_chat_takes_a_burst_of_three_then_one_a_second(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    for n in range(3):
        await bot.send_message(CHAT, str(n))
    with pytest.raises(RetryAfter, match="Retry in 1 seconds"):
        await bot.send_message(CHAT, "too fast")
    await bot.send_message(CHAT + 1, "another chat")  # the limit is the chat's own
    await bot.send_chat_action(CHAT, "typing")  # only messages count
    await asyncio.sleep(1.05)
    await bot.send_message(CHAT, "after a second")
    assert len(bot_api.messages(CHAT)) == 4


async def test_a_group_takes_twenty_messages_a_minute(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    group = -100123
    for n in range(20):
        await bot.send_message(group, str(n))
    with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
        await bot.send_message(group, "the 21st")
    bot_api.gate.chat_limits = False
    await bot.send_message(group, "limits off")


async def test_method_outage_answers_502_for_its_method_until_it_ends(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.outage("sendMessage", seconds=0.3)
    with pytest.raises(telegram.error.NetworkError, match="Bad Gateway"):
        await bot.send_message(CHAT, "lost")
    await bot.send_chat_action(CHAT, "typing")  # other methods still answer
    await asyncio.sleep(0.35)
    await bot.send_message(CHAT, "through")
    assert [m.text for m in bot_api.messages(CHAT)] == ["through"]


async def test_429_storm_answers_retry_after_to_every_call(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.outage("sendMessage", status=429, retry_after=3, seconds=30)
    for chat in (CHAT, CHAT + 1):
        with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
            await bot.send_message(chat, "x")
    assert bot_api.messages(CHAT) == []


async def test_held_chat_gets_no_answer_until_released(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    bot_api.hold(CHAT)
    held = asyncio.create_task(bot.send_message(CHAT, "held"))
    await bot.send_message(CHAT + 1, "free")
    await asyncio.sleep(0.1)
    assert not held.done()
    bot_api.release(CHAT)
    assert (await held).text == "held"


async def test_user_message_carries_the_given_send_date(bot_api: FakeBotAPI) -> None:
    await bot_api.user_sends(CHAT, "/help", date=1_700_000_000)
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{bot_api.url}/bot{TOKEN}/getUpdates")
    assert answer.json()["result"][0]["message"]["date"] == 1_700_000_000


async def test_get_updates_long_poll_returns_queued_update_promptly(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await asyncio.sleep(0.2)
    assert not poll.done(), "the poll waits while nothing is queued"
    await bot_api.user_sends(CHAT, "/start hello", language_code="en")
    (update,) = await asyncio.wait_for(poll, 2)
    assert update.message is not None and update.message.text == "/start hello"
    assert update.message.from_user is not None
    assert update.message.from_user.language_code == "en"
    assert update.message.parse_entities(["bot_command"]) != {}
    again = await bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert again == ()


async def test_a_second_poller_ends_the_first_with_conflict(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=20))
    await asyncio.sleep(0.2)
    async with telegram.Bot(TOKEN, base_url=f"{bot_api.url}/bot") as second:
        assert await second.get_updates(timeout=0) == ()
    with pytest.raises(Conflict):
        await asyncio.wait_for(first, 2)


async def test_stop_ends_a_pending_long_poll_quickly() -> None:
    api = FakeBotAPI()
    await api.start()
    async with telegram.Bot(TOKEN, base_url=f"{api.url}/bot") as client:
        poll = asyncio.create_task(client.get_updates(timeout=30))
        await asyncio.sleep(0.2)
        await asyncio.wait_for(api.stop(), 3)
        assert await asyncio.wait_for(poll, 3) == ()


async def test_callback_press_edit_and_answer(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Tiếp", callback_data="next")]])
    message = await bot.send_message(CHAT, "trang 1", reply_markup=markup)
    query_id = await bot_api.user_presses(CHAT, message.message_id, "next")
    (update,) = await bot.get_updates(timeout=1)
    assert update.callback_query is not None and update.callback_query.data == "next"
    await bot.answer_callback_query(query_id, text="Đã chuyển")
    await bot.edit_message_text("trang 2", chat_id=CHAT, message_id=message.message_id)
    (edited,) = await bot_api.wait_for_edits(CHAT)
    assert (edited.text, edited.history, edited.edited) == ("trang 2", ("trang 1",), True)
    assert edited.reply_markup is None, "editing text without markup drops the keyboard"
    assert bot_api.callback_answers[0].text == "Đã chuyển"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("trang 2", chat_id=CHAT, message_id=message.message_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


async def test_edit_of_unknown_message_is_refused(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_reply_markup(chat_id=CHAT, message_id=99)


async def test_commands_chat_and_member(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    await bot.set_my_commands([("start", "Bắt đầu"), ("digest", "Bản tin")])
    await bot.set_my_commands([("start", "Start")], language_code="en")
    assert [c.command for c in bot_api.commands] == ["start", "digest"]
    assert [c.description for c in bot_api.commands_for(language_code="en")] == ["Start"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "digest"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Bad-Name", "x")])
    bot_api.admins.add(42)
    admin = await bot.get_chat_member(-100, 42)
    member = await bot.get_chat_member(-100, 43)
    assert (admin.status, member.status) == ("administrator", "member")
    chat = await bot.get_chat(-100)
    assert chat.type == "supergroup"
    assert await bot.send_chat_action(CHAT, "typing")
    assert await bot.delete_my_commands()
    assert bot_api.commands == []


async def test_commands_per_scope_and_scope_rules(bot: telegram.Bot, bot_api: FakeBotAPI) -> None:
    await bot_api.user_sends(CHAT, "hi")
    await bot.set_my_commands([("start", "Start")], scope=telegram.BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(
        [("addfeed", "Add")], scope=telegram.BotCommandScopeChat(CHAT), language_code="en"
    )
    assert [c.command for c in bot_api.commands_for(scope="all_private_chats")] == ["start"]
    assert bot_api.commands_for(scope="chat", chat_id=CHAT, language_code="en")[0].command == (
        "addfeed"
    )
    assert bot_api.commands == []
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.set_my_commands([("start", "x")], scope=telegram.BotCommandScopeChat(424242))
    with pytest.raises(BadRequest, match="private chats"):
        await bot.set_my_commands(
            [("start", "x")], scope=telegram.BotCommandScopeChatAdministrators(CHAT)
        )
    with pytest.raises(BadRequest, match="Invalid language code"):
        await bot.set_my_commands([("start", "x")], language_code="english")
    with pytest.raises(BadRequest, match="Unsupported bot command scope"):
        await bot.set_my_commands([("start", "x")], scope=telegram.BotCommandScope("everyone"))
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("x" * 33, "x")])
    with pytest.raises(BadRequest, match="description"):
        await bot.set_my_commands([("start", "x" * 257)])


async def test_raw_http_json_body_unknown_method_and_bad_token(bot_api: FakeBotAPI) -> None:
    async with httpx.AsyncClient(base_url=bot_api.url) as client:
        sent = await client.post(f"/bot{TOKEN}/sendMessage", json={"chat_id": 5, "text": "hi"})
        unknown = await client.post(f"/bot{TOKEN}/sendRocket", json={})
        wrong = await client.post("/bot1:wrong/getMe")
    assert sent.json()["result"]["text"] == "hi"
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert wrong.status_code == 401
    assert [m for m, _ in bot_api.calls] == ["sendMessage", "sendRocket", "getMe"]


async def test_wait_for_messages_timeout_says_what_was_sent(
    bot: telegram.Bot, bot_api: FakeBotAPI
) -> None:
    await bot.send_message(CHAT, "only one")
    with pytest.raises(AssertionError, match="only one") as caught:
        await bot_api.wait_for_messages(CHAT, count=2, timeout=0.2)
    assert "1 message(s)" in str(caught.value)


async def test_real_application_polls_and_replies(bot_api: FakeBotAPI) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_user is not None
        lang = update.effective_user.language_code
        await update.effective_message.reply_html(f"<b>Xin chào</b> ({lang})")

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{bot_api.url}/bot")
        .base_file_url(f"{bot_api.url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=5)
        await bot_api.user_sends(CHAT, "/start", language_code="vi")
        (reply,) = await bot_api.wait_for_messages(CHAT)
        await app.updater.stop()
        await app.stop()
    assert (reply.text, reply.html) == ("Xin chào (vi)", "<b>Xin chào</b> (vi)")
    methods = {method for method, _ in bot_api.calls}
    assert {"getMe", "deleteWebhook", "getUpdates", "sendMessage"} <= methods
