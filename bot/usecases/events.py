"""Events: added by coordinators, reminded through the outbox, answered by learners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot.services import Services
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.export import pseudonyms
from scheduler.outgoing import EventCancelled, EventFacts, EventFollowUp, EventReminder
from scheduler.reminders import due_reminder, quiet_at
from storage.events import Event

RECENT = timedelta(days=30)  # finished events stay on the dashboard this long, for their answers


@dataclass(frozen=True)
class EventDetail:
    """One event as its coordinator sees it: who is going (first names, as the privacy notice says)
    and what learners said they will try (pseudonymous: the notice promises no names there)."""

    event: Event
    going: list[str]
    will_try: list[tuple[str, str]]


def _facts(event: Event, tz: str) -> EventFacts:
    return EventFacts(title=event.title, kind=event.kind, starts_at=event.starts_at, ends_at=event.ends_at,
                      place=event.place, description=event.description, tz=tz)


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
            theme = await tx.tips.attached(event.id)
            tips = tuple(t.text for t in await tx.tips.most_useful(event.cohort_id, theme)) if theme else ()
            facts = _facts(event, services.settings.timezone)
            reminders = {going: EventReminder(event_id=event.id, going=going, facts=facts, tips=tips[:3])
                         for going in (False, True)}
            # Someone who said they can't go is not reminded again (they can change it in /sessions).
            rows = [
                (f"event:{event.id}:v{event.version}:{label}:{le.user_id}", le.chat_id,
                 reminders[answers.get(le.user_id) == "going"], le.user_id)
                for le in await tx.learners.reachable(event.cohort_id) if answers.get(le.user_id) != "not"]
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
            question = EventFollowUp(event_id=event.id, title=event.title)
            rows = [(f"event:{event.id}:after:{uid}", uid, question, uid) for uid in going]
            queued += len(await tx.outbox.add_many(rows, now))
    return queued


async def plan(services: Services, now: datetime) -> None:
    """The events' share of each drip tick: due reminders, then after-event questions."""
    await queue_reminders(services, now)
    await queue_follow_ups(services, now)


async def add_event(services: Services, actor: int, cohort_id: int, title: str, kind: str,
                    starts: datetime, ends: datetime, place: str = "", description: str = "") -> int:
    """A coordinator adds an event to their cohort; its reminders follow from the drip."""
    if ends <= starts or not title.strip() or kind not in {"training", "online"}:
        raise ValueError("an event needs a title, a kind and an end after its start")
    await Coordination(services, actor).check(cohort_id)
    now = services.clock.now()
    async with services.store.transaction() as tx:
        event_id = await tx.events.add(cohort_id, title[:120], kind, starts, ends, place[:300],
                                       description[:600], actor, now)
        await tx.coordination.audit(actor, "add event", now, cohort_id=cohort_id, detail=title[:120])
    return event_id


async def cancel_event(services: Services, actor: int, event_id: int) -> tuple[Event, int]:
    """Cancel it and tell everyone who said they were going; returns the event and how many."""
    async with services.store.read() as tx:
        event = await tx.events.get(event_id)
    if event is None:
        raise NotAllowed
    await Coordination(services, actor).check(event.cohort_id)
    now = services.clock.now()
    async with services.store.transaction() as tx:
        await tx.events.cancel(event.id)
        going = [uid for uid, answer in (await tx.events.answers(event.id)).items() if answer == "going"]
        await tx.outbox.add_many([(f"event:{event.id}:cancel:{uid}", uid,
                                   EventCancelled(title=event.title), uid)
                                  for uid in going], now)
        await tx.coordination.audit(actor, "cancel event", now, cohort_id=event.cohort_id,
                                    detail=str(event.id), count=len(going))
    return event, len(going)


async def _coordinated(services: Services, actor: int, event_id: int) -> Event:
    async with services.store.read() as tx:
        event = await tx.events.get(event_id)
    if event is None:
        raise NotAllowed
    await Coordination(services, actor).check(event.cohort_id)
    return event


async def edit_event(services: Services, actor: int, event_id: int, starts: datetime, ends: datetime,
                     place: str | None = None, title: str | None = None) -> tuple[Event, int]:
    """Move or rename an event; those who said they are going get the changed notice. Returns the
    event as it now is and how many were told. None for place or title keeps what it was."""
    event = await _coordinated(services, actor, event_id)
    if ends <= starts or event.cancelled or (title is not None and not title.strip()):
        raise ValueError("an event needs a title and an end after its start")
    now = services.clock.now()
    async with services.store.transaction() as tx:
        await tx.events.reschedule(event.id, starts, ends, (event.place if place is None else place)[:300],
                                   None if title is None else title.strip()[:120])
        changed = await tx.events.get(event.id)
        assert changed is not None
        going = [uid for uid, answer in (await tx.events.answers(event.id)).items() if answer == "going"]
        notice = EventReminder(event_id=event.id, changed=True,
                               facts=_facts(changed, services.settings.timezone))
        await tx.outbox.add_many([(f"event:{event.id}:v{changed.version}:changed:{uid}", uid, notice, uid)
                                  for uid in going], now)
        await tx.coordination.audit(actor, "edit event", now, cohort_id=event.cohort_id,
                                    detail=str(event.id), count=len(going))
    return changed, len(going)


async def event_detail(services: Services, actor: int, event_id: int) -> EventDetail:
    event = await _coordinated(services, actor, event_id)
    async with services.store.read() as tx:
        going = [name for name, answer, _ in await tx.events.rsvp_list(event.id) if answer == "going"]
        tried = await tx.events.will_try_list(event.id)
    names = await pseudonyms(services.store, [uid for uid, _ in tried])
    return EventDetail(event, going, [(name, text) for name, (_, text) in zip(names, tried, strict=True)])


async def finished_events(services: Services, actor: int, cohort_id: int) -> list[Event]:
    """The cohort's events of the last month, newest first: where after-session answers arrive."""
    await Coordination(services, actor).check(cohort_id)
    now = services.clock.now()
    async with services.store.read() as tx:
        ended = await tx.events.finished(now, now - RECENT)
    return sorted((e for e in ended if e.cohort_id == cohort_id), key=lambda e: e.starts_at, reverse=True)


async def cohort_events(services: Services, actor: int, cohort_id: int) -> list[tuple[Event, list[str]]]:
    """The cohort's upcoming events, each with the first names of those who said they are going."""
    await Coordination(services, actor).check(cohort_id)
    async with services.store.read() as tx:
        events = await tx.events.upcoming(services.clock.now(), cohort_id)
        return [(e, [name for name, answer, _ in await tx.events.rsvp_list(e.id) if answer == "going"])
                for e in events]


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
