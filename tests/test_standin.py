"""The Bot API stand-in, driven by a real PTB Bot and Application over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MenuButtonCommands,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from standin import StandIn
from standin.html import parse
from standin.limits import FloodControl

App = Application[Any, Any, Any, Any, Any, Any]
TOKEN = "123456:TEST-standin"
LEARNER = 501


class Clock:
    """A monotonic clock that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn(TOKEN) as server:
        yield server


def make_bot(standin: StandIn, token: str = TOKEN, read_timeout: float = 5.0) -> Bot:
    request = HTTPXRequest(read_timeout=read_timeout)
    return Bot(token, base_url=standin.base_url, base_file_url=standin.base_file_url, request=request)


@asynccontextmanager
async def polling(standin: StandIn, *handlers: Any) -> AsyncIterator[App]:
    """A real Application polling the stand-in, stopped cleanly afterwards."""
    app = (ApplicationBuilder().token(TOKEN).base_url(standin.base_url)
           .base_file_url(standin.base_file_url).build())
    for handler in handlers:
        app.add_handler(handler)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def raw_post(standin: StandIn, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """A request as any HTTP client would send it, to check the wire format itself."""
    url = standin.base_url.removesuffix("/bot") + path
    async with aiohttp.ClientSession() as session, session.post(url, data=body) as response:
        return response.status, await response.json()


async def test_get_me_answers_with_the_bot_and_a_wrong_token_is_unauthorized(standin: StandIn) -> None:
    async with make_bot(standin) as bot:
        me = await bot.get_me()
    assert (me.username, me.is_bot) == ("ktp_test_bot", True)
    with pytest.raises(InvalidToken):
        async with make_bot(standin, token="999:WRONG") as wrong:
            await wrong.get_me()
    status, body = await raw_post(standin, "/bot999:WRONG/getMe", {})
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})


async def test_unknown_methods_are_404_and_unsupported_real_ones_are_a_loud_400(standin: StandIn) -> None:
    status, body = await raw_post(standin, f"/bot{TOKEN}/noSuchMethod", {})
    assert (status, body["description"]) == (404, "Not Found")
    status, body = await raw_post(standin, f"/bot{TOKEN}/sendPoll", {"chat_id": "1"})
    assert (status, body["description"]) == (400, "Bad Request: method not supported by the stand-in")


async def test_json_and_form_bodies_work_and_malformed_ones_are_a_400_never_a_500(standin: StandIn) -> None:
    standin.user(LEARNER).chat.known = True
    url, form = f"{standin.base_url}{TOKEN}/sendMessage", {"chat_id": str(LEARNER), "text": "x"}
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"chat_id": LEARNER, "text": "as JSON"}) as response:
            assert (await response.json())["result"]["text"] == "as JSON"
        async with session.post(url, data={**form, "reply_markup": "{no"}) as bad:
            assert (bad.status, (await bad.json())["description"]) == (
                400, "Bad Request: can't parse reply keyboard markup JSON object")
        markup = json.dumps({"inline_keyboard": [["not a button"]]})
        async with session.post(url, data={**form, "reply_markup": markup}) as odd:
            assert odd.status == 400 and "malformed parameters" in (await odd.json())["description"]


async def test_a_command_reaches_a_command_handler_with_its_arguments(standin: StandIn) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Welcome, code {context.args}")

    async with polling(standin, CommandHandler("start", start)):
        chat = standin.user(LEARNER, "Morag")
        await chat.send("/start dundee26")
        reply = await chat.wait_for("Welcome")
    assert reply.text == "Welcome, code ['dundee26']"
    assert standin.calls.count("getUpdates") >= 1


async def test_pressing_a_button_by_label_reaches_the_callback_handler(standin: StandIn) -> None:
    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        keys = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="rsvp:y"),
                                      InlineKeyboardButton("No", callback_data="rsvp:n")]])
        await update.effective_message.reply_text("Coming on <b>Friday</b>?", reply_markup=keys,
                                                  parse_mode=ParseMode.HTML)

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and isinstance(query.message, Message)
        await query.answer("Noted")
        await query.edit_message_text(f"You said {query.data}; the card read {query.message.text!r}")

    async with polling(standin, CommandHandler("menu", menu), CallbackQueryHandler(answer)):
        chat = standin.user(LEARNER)
        await chat.send("/menu")
        asked = await chat.wait_for(lambda m: m.labels == ["Yes", "No"])
        with pytest.raises(AssertionError, match=r"\['Yes', 'No'\]"):
            await chat.press("Maybe")
        await chat.press("No")
        edited = await chat.wait_for("You said")
    assert edited is asked and edited.edits == 1 and edited.buttons == []
    assert edited.text == "You said rsvp:n; the card read 'Coming on Friday?'"
    assert chat.answers == ["Noted"]


async def test_a_document_upload_arrives_byte_for_byte_and_can_be_downloaded(standin: StandIn) -> None:
    content = bytes(range(256)) * 64
    chat = standin.user(LEARNER)
    await chat.send("/mydata")
    async with make_bot(standin) as bot:
        message = await bot.send_document(LEARNER, content, filename="my data.json", caption="All of it")
        assert message.document is not None
        fetched = await (await bot.get_file(message.document.file_id)).download_as_bytearray()
    sent = chat.find("All of it")
    assert sent.document == ("my data.json", content)
    assert bytes(fetched) == content
    assert json.loads(standin.calls.of("sendDocument")[0]["chat_id"]) == LEARNER


async def test_a_photo_keeps_its_bytes_reply_and_link_preview_options(standin: StandIn) -> None:
    chat = standin.user(LEARNER)
    asked = await chat.send("/stats")
    async with make_bot(standin) as bot:
        await bot.send_photo(LEARNER, b"\x89PNG chart", caption="Chart",
                             reply_parameters=ReplyParameters(asked))
        await bot.send_message(LEARNER, "See https://example.org",
                               link_preview_options=LinkPreviewOptions(is_disabled=True))
        with pytest.raises(BadRequest, match="Message to be replied not found"):
            await bot.send_message(LEARNER, "hi", reply_parameters=ReplyParameters(9999))
    photo, link = chat.messages
    assert (photo.photo, photo.text, photo.reply_to) == (b"\x89PNG chart", "Chart", asked)
    assert link.link_preview_options == {"is_disabled": True}


async def test_a_blocked_chat_answers_forbidden_and_the_bot_is_told(standin: StandIn) -> None:
    statuses: list[str] = []
    told_twice = asyncio.Event()

    async def member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.my_chat_member is not None
        statuses.append(update.my_chat_member.new_chat_member.status)
        if len(statuses) == 2:
            told_twice.set()

    async with polling(standin, ChatMemberHandler(member)) as app:
        chat = standin.user(LEARNER)
        await chat.send("hello")
        await chat.block()
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await app.bot.send_message(LEARNER, "Your drop")
        await chat.unblock()
        await app.bot.send_message(LEARNER, "Welcome back")
        await chat.wait_for("Welcome back")
        await asyncio.wait_for(told_twice.wait(), 5)
    assert statuses == ["kicked", "member"]


async def test_scripted_429_is_retry_after_and_500s_come_back_in_order(standin: StandIn) -> None:
    standin.user(LEARNER).chat.known = True
    standin.fail_next("sendMessage", error_code=429, description="Too Many Requests: retry after 7",
                      retry_after=7)
    standin.fail_next("sendMessage", error_code=500, description="Internal Server Error")
    async with make_bot(standin) as bot:
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(LEARNER, "one")
        with pytest.raises(Exception, match="Internal Server Error"):
            await bot.send_message(LEARNER, "two")
        await bot.send_message(LEARNER, "three")
    assert flood.value.retry_after == timedelta(seconds=7)
    assert [m.text for m in standin.user(LEARNER).messages] == ["three"]
    assert standin.calls.count("sendMessage") == 3


async def test_a_held_request_times_out_and_after_delivery_still_delivers(standin: StandIn) -> None:
    standin.user(LEARNER).chat.known = True
    standin.timeout_next("sendMessage")
    standin.timeout_next("sendMessage", after_delivery=True)
    async with make_bot(standin, read_timeout=0.2) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(LEARNER, "lost")
        with pytest.raises(TimedOut):
            await bot.send_message(LEARNER, "delivered but unanswered")
    assert [m.text for m in standin.user(LEARNER).messages] == ["delivered but unanswered"]


async def test_flood_control_refuses_a_second_message_to_a_chat_in_the_same_second() -> None:
    clock = Clock()
    async with StandIn(TOKEN, enforce_limits=True, clock=clock) as standin:
        standin.user(LEARNER).chat.known = True
        async with make_bot(standin) as bot:
            await bot.send_message(LEARNER, "first")
            clock.now += 0.5
            with pytest.raises(RetryAfter) as flood:
                await bot.send_message(LEARNER, "second")
            clock.now += 0.5
            await bot.send_message(LEARNER, "second, a second later")
    assert flood.value.retry_after == timedelta(seconds=1)
    assert standin.stats.rate_limited == 1
    assert len(standin.user(LEARNER).messages) == 2


def test_flood_control_caps_all_chats_at_30_a_second_and_a_group_at_20_a_minute() -> None:
    clock = Clock()
    flood = FloodControl(True, clock)
    assert [flood.admit(chat) for chat in range(1, 31)] == [0] * 30
    assert flood.admit(31) == 1
    clock.now += 1.0
    assert [flood.admit(-100) for _ in range(20)] == [0] * 20
    clock.now += 30.0
    assert flood.admit(-100) == 30
    clock.now += 30.0
    assert flood.admit(-100) == 0


def test_a_private_burst_lets_a_few_through_then_holds_to_one_a_second() -> None:
    clock = Clock()
    flood = FloodControl(True, clock, private_burst=3)
    assert [flood.admit(7) for _ in range(4)] == [0, 0, 0, 3]
    clock.now += 0.96  # a sender pacing at one a second is not punished for timer noise
    flood = FloodControl(True, clock)
    assert flood.admit(7) == 0
    clock.now += 0.96
    assert flood.admit(7) == 0


async def test_telegram_refuses_what_it_refuses(standin: StandIn) -> None:
    standin.user(LEARNER).chat.known = True
    too_long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    async with make_bot(standin) as bot:
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(LEARNER, "a" * 4097)
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(LEARNER, "  ")
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(LEARNER, "pick", reply_markup=too_long_data)
        with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "br" at byte offset 4'):
            await bot.send_message(LEARNER, "Line<br>two", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(777, "who?")
        sent = await bot.send_message(LEARNER, "<b>Same</b>", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("<strong>Same</strong>", LEARNER, sent.message_id,
                                        parse_mode=ParseMode.HTML)
        await bot.delete_message(LEARNER, sent.message_id)
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("Other", LEARNER, sent.message_id)
    assert sent.text == "Same" and sent.text_html == "<b>Same</b>"
    assert [m.deleted for m in standin.user(LEARNER).messages] == [True]


def test_html_errors_read_like_telegrams() -> None:
    cases = {"<b>open": "Can't find end tag corresponding to start tag \"b\"",
             "x</i>": "Unexpected end tag at byte offset 1",
             "<b>x</i>": 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
             "£ < 5": 'Unsupported start tag "" at byte offset 3',
             "<span>s</span>": 'Tag "span" must have class "tg-spoiler" at byte offset 0'}
    for text, error in cases.items():
        with pytest.raises(Exception, match="can't parse entities") as caught:
            parse(text, "HTML")
        assert str(caught.value).endswith(error)
    assert parse('<a href="https://x.org/?a=1&amp;b=2">so</a> &lt;3 😀 <i>it</i>', "HTML") == (
        "so <3 😀 it", [{"type": "text_link", "offset": 0, "length": 2, "url": "https://x.org/?a=1&b=2"},
                       {"type": "italic", "offset": 9, "length": 2}])


async def test_commands_are_kept_per_scope(standin: StandIn) -> None:
    standin.user(LEARNER).chat.known = True
    async with make_bot(standin) as bot:
        await bot.set_my_commands([BotCommand("next", "Next drop")])
        await bot.set_my_commands([BotCommand("next", "Next drop"), BotCommand("broadcast", "Send")],
                                  scope=BotCommandScopeChat(LEARNER))
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.set_my_commands([BotCommand("stats", "Stats")], scope=BotCommandScopeChat(778))
        mine = await bot.get_my_commands(scope=BotCommandScopeChat(LEARNER))
        await bot.delete_my_commands()
        await bot.set_chat_menu_button(LEARNER, MenuButtonCommands())
        assert isinstance(await bot.get_chat_menu_button(LEARNER), MenuButtonCommands)
        assert (await bot.get_chat(LEARNER)).first_name == "Sam"
    assert [c.command for c in mine] == ["next", "broadcast"]
    assert standin.commands(f"chat:{LEARNER}") == ["next", "broadcast"] and standin.commands() == []


async def test_get_updates_confirms_below_offset_filters_kinds_and_wakes_at_once(standin: StandIn) -> None:
    chat = standin.user(LEARNER)
    async with make_bot(standin) as bot:
        await chat.send("one")
        await chat.block()
        first = await bot.get_updates(timeout=0)
        assert [u.update_id for u in first] == [1, 2]
        only_messages = await bot.get_updates(offset=2, timeout=0, allowed_updates=["message"])
        assert only_messages == ()
        loop = asyncio.get_running_loop()
        started = loop.time()
        waiting = asyncio.create_task(bot.get_updates(offset=3, timeout=5))
        await asyncio.sleep(0.05)
        await chat.send("two")
        woken = await waiting
        assert loop.time() - started < 1.0
        assert [u.message.text for u in woken if u.message] == ["two"]
        await bot.set_webhook("https://bot.example.org/telegram", secret_token="s3cret")
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates(timeout=0)
        assert (await bot.get_webhook_info()).url == "https://bot.example.org/telegram"
        await bot.delete_webhook()
    assert standin.webhook == {}


async def test_people_send_stickers_photos_voices_and_edits_as_telegram_shapes_them(standin: StandIn) -> None:
    seen: list[str] = []
    all_seen = asyncio.Event()

    async def note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        kind = "edit" if update.edited_message else next(
            k for k in ("sticker", "photo", "voice", "text") if getattr(message, k))
        seen.append(kind)
        if len(seen) == 6:
            all_seen.set()

    group = standin.group(-1001, "Staff room")
    async with polling(standin, MessageHandler(filters.ALL, note)):
        chat = standin.user(LEARNER)
        first = await chat.send("typo hre")
        await chat.edit(first, "typo here")
        await chat.send_sticker()
        await chat.send_photo()
        await chat.send_voice()
        await group.send("/next@ktp_test_bot in the group")
        await asyncio.wait_for(all_seen.wait(), 5)
    assert seen == ["text", "edit", "sticker", "photo", "voice", "text"]
