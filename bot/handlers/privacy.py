"""/mydata and /forget: the learner's own data, to take away or to delete."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.ptb.telegram_io import Context, edit_text, ids, send
from bot.usecases import mydata
from bot.views import privacy as views
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
    await context.bot.send_document(chat_id, InputFile(mydata.as_text(data, now), filename="my-data.txt"),
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
    """/share: choose whether your coordinator may read your reflections (off unless you say so)."""
    user_id, chat_id, _ = ids(update)
    async with context.services.store.transaction() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None:
            await send(context.bot, chat_id, Screen(views.NOTHING_HELD))
            return
        sharing = not learner.share_reflections
        await tx.learners.update(user_id, share_reflections=sharing)
    await send(context.bot, chat_id, Screen(views.SHARING if sharing else views.NOT_SHARING))
