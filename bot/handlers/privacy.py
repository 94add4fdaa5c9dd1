"""/mydata and /forget: the learner's own data, to take away or to delete."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.ptb.telegram_io import Context, edit_text, ids, send
from bot.usecases import mydata, sharing
from bot.views import privacy as views
from bot.views.mydata import document
from bot.views.screen import Screen


async def my_data(update: Update, context: Context) -> None:
    """/mydata: everything stored about the learner, as JSON and as text."""
    user_id, chat_id, _ = ids(update)
    data = await mydata.gather(context.services.store, user_id)
    if data is None:
        await send(context.bot, chat_id, Screen(views.NOTHING_HELD))
        return
    now = context.services.clock.now()
    await context.bot.send_document(chat_id, InputFile(mydata.as_json(data), filename="my-data.json"),
                                    caption=views.MYDATA_JSON)
    readable = document(data, context.services.course, now)
    await context.bot.send_document(chat_id, InputFile(readable, filename="my-data.txt"),
                                    caption=views.MYDATA_TEXT)


async def forget(update: Update, context: Context) -> None:
    """/forget: ask to confirm before deleting everything."""
    _, chat_id, _ = ids(update)
    await send(context.bot, chat_id, views.forget_confirm())


async def on_forget_button(update: Update, context: Context, confirmed: bool) -> str | None:
    query = update.callback_query
    assert query is not None
    user_id, _, _ = ids(update)
    if not confirmed:
        await edit_text(query, views.FORGET_KEPT)
        return None
    deleted = await mydata.forget(context.services.store, user_id, asking_update=update.update_id)
    await edit_text(query, views.FORGOTTEN if deleted else views.NOTHING_HELD)
    return None


async def share(update: Update, context: Context) -> None:
    """/share: what the coordinator would read, and a choice; /share off stops sharing."""
    user_id, chat_id, _ = ids(update)
    if [a.lower() for a in context.args or []] == ["off"]:
        stopped = await sharing.choose(context.services, user_id, False)
        await send(context.bot, chat_id, Screen(views.NOT_SHARING if stopped else views.NOTHING_HELD))
        return
    offer = await sharing.offer(context.services, user_id)
    await send(context.bot, chat_id,
               Screen(views.NOTHING_HELD) if offer is None else views.share_offer(offer))


async def on_share_button(update: Update, context: Context, agreed: bool) -> str | None:
    query = update.callback_query
    assert query is not None
    user_id, _, _ = ids(update)
    if not agreed:
        await edit_text(query, views.SHARE_UNCHANGED)
        return None
    shared = await sharing.choose(context.services, user_id, True)
    await edit_text(query, views.SHARING if shared else views.NOTHING_HELD)
    return None
