"""Running the Application by hand (webhook mode, the try-out, tests): the same steps as run_polling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.ptb.telegram_io import App


@asynccontextmanager
async def running(app: App, *, polling: bool) -> AsyncIterator[App]:
    """Initialise, open resources (post_init), start, optionally poll; undo it all in reverse."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    if polling:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1,
                                        allowed_updates=["message", "callback_query", "my_chat_member"])
    try:
        yield app
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        await app.stop()
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
