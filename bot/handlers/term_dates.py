"""A new cohort's term dates, asked for right after /newcohort and answered a line each."""

from __future__ import annotations

from bot.ptb.telegram_io import Context, send
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.pending import Pending, PendingKind, Replies
from bot.views import coordinator as views
from bot.views.pending import dropped
from bot.views.screen import Screen
from scheduler.closed_days import has_calendar
from scheduler.cohort_calendar import CohortCalendar, parse_lines


async def ask_term_dates(context: Context, user_id: int, chat_id: int, cohort_id: int,
                         calendar: dict[str, object]) -> None:
    """Asked once a cohort exists, unless it already has dates (a repeated /newcohort)."""
    if has_calendar(calendar):
        return
    before = await Replies(context.services).ask(user_id, Pending(PendingKind.TERM_DATES, str(cohort_id)))
    if before is not None:
        await send(context.bot, chat_id, dropped(before))
    await send(context.bot, chat_id, Screen(views.ASK_TERM_DATES))


async def term_dates(context: Context, user_id: int, chat_id: int, pending: Pending, text: str) -> bool:
    """The lines become the cohort's calendar; a line that cannot be read is explained, and asked again."""
    coordination = Coordination(context.services, user_id)
    try:
        cohort = await coordination.check(pending.number)
    except NotAllowed:
        return False
    parsed, problems = parse_lines(text)
    if parsed is None:
        await send(context.bot, chat_id, views.calendar_problems(problems))
        return True  # still waiting for the dates: the next message is another try
    await _set(context, coordination, user_id, chat_id, cohort.id, cohort.name, parsed)
    return True


async def _set(context: Context, coordination: Coordination, user_id: int, chat_id: int,
               cohort_id: int, name: str, calendar: CohortCalendar) -> None:
    await coordination.set_calendar(cohort_id, calendar.stored())
    await Replies(context.services).settle(user_id, PendingKind.TERM_DATES)
    await send(context.bot, chat_id, views.calendar_shown(name, calendar.stored()))
