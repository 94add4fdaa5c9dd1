"""One desk command's world: the database, the course and the clock, with the desk as the actor."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import Settings
from bot.services import Clock, Services, SystemClock
from bot.usecases.coordination import Coordination
from bot.usecases.roles import DESK
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.timing import SlotTiming
from storage.store import Store

NO_COHORT = "There is no cohort {cohort}: ktp-bot cohort list shows them."
EXPORT_FAILED = ("The export didn't go through: nothing in the database was changed. Try it again; "
                 "the bot's log says what went wrong.")


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[Store]:
    """The database for one desk command, closed however the command ends."""
    store = await Store.open(settings.database)
    try:
        yield store
    finally:
        await store.close()


@asynccontextmanager
async def at_desk(settings: Settings, clock: Clock | None = None) -> AsyncIterator[Services]:
    """What the chat's use cases borrow, built once for a desk command.

    The operator has shell access to the database, so the desk acts as an admin: DESK is added
    to the admins here and nowhere else.
    """
    operator = settings.model_copy(update={"admin_ids": settings.admin_ids | {DESK}})
    async with opened(settings) as store:
        services = Services(store, CourseMap(load_course(settings.course_dir)), clock or SystemClock(),
                            operator, SlotTiming(settings.timezone, settings.quiet()), settings.bot_username)
        try:
            yield services
        finally:
            await services.processes.close()


def desk(services: Services) -> Coordination:
    """The coordinator actions, taken by the desk."""
    return Coordination(services, DESK)
