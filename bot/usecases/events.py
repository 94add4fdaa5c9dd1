"""Events: added by coordinators, reminded through the outbox, answered by learners."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot.services import Services
from bot.views.events import follow_up_text, reminder_text
from scheduler.outgoing import EventFollowUp, EventReminder
from scheduler.reminders import due_reminder, quiet_at
from storage.events import Event


async def queue_reminders(services: Services, now: datetime) -> int:
    """Queue each due reminder once per learner (the dedupe key makes a restart harmless)."""
    queued = 0
    async with services.store.transaction() as tx:
        for event in await tx.events.upcoming(now):
            label = due_reminder(event.starts_at, now, services.settings.timezone, services.timing.quiet,
                                 services.settings.reminder_offsets())
            if label is None:
                continue
            answers = await tx.events.answers(event.id)
            tz = services.settings.timezone
            reminders = {going: EventReminder(event_id=event.id, going=going,
                                              text=reminder_text(event, now, tz, going))
                         for going in (False, True)}
            # Someone who said they can't go is not reminded again (they can change it in /sessions).
            rows = [
                (f"event:{event.id}:v{event.version}:{label}:{le.user_id}", le.chat_id,
                 reminders[answers.get(le.user_id) == "going"], le.user_id)
                for le in await tx.learners.in_cohort(event.cohort_id)
                if le.status not in {"unreachable", "joining"} and answers.get(le.user_id) != "not"]
            queued += len(await tx.outbox.add_many(rows, now))
    return queued


async def queue_follow_ups(services: Services, now: datetime) -> int:
    """After an event, ask those who said they were going whether they came (once each)."""
    if quiet_at(now, services.settings.timezone, services.timing.quiet):
        return 0
    queued = 0
    async with services.store.transaction() as tx:
        for event in await tx.events.finished(now, now - timedelta(days=3)):
            going = [uid for uid, a in (await tx.events.answers(event.id)).items() if a == "going"]
            question = EventFollowUp(event_id=event.id, text=follow_up_text(event))
            rows = [(f"event:{event.id}:after:{uid}", uid, question, uid) for uid in going]
            queued += len(await tx.outbox.add_many(rows, now))
    return queued


async def plan(services: Services, now: datetime) -> None:
    """The events' share of each drip tick: due reminders, then after-event questions."""
    await queue_reminders(services, now)
    await queue_follow_ups(services, now)


def ics(event: Event) -> bytes:
    """The event as an iCalendar file, for any calendar app."""
    calendar = Calendar()
    calendar.add("prodid", "-//KeepThePromise learning bot//EN")
    calendar.add("version", "2.0")
    item = CalendarEvent()
    item.add("uid", f"ktp-event-{event.id}@keepthepromise-bot")
    item.add("sequence", event.version)  # a moved event replaces the old one in calendars
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("dtstamp", event.starts_at)
    if event.place:
        item.add("location", event.place)
    if event.description:
        item.add("description", event.description)
    calendar.add_component(item)
    return bytes(calendar.to_ical())
