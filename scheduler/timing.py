"""Timing for the drip: a learner's slots and days, quiet hours and the cohort calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from scheduler.closed_days import closed_without_calendar
from scheduler.ports import LearnerLike

NAMED_SLOTS: dict[str, time] = {"morning": time(10, 30), "lunch": time(12, 30), "after": time(15, 45)}
QUIET_START, QUIET_END = time(20, 0), time(7, 30)  # the defaults; a deployment may set its own
# On an in-service day staff are in school without pupils: a longer session is offered at this time.
IN_SERVICE_OFFER = time(9, 30)
HORIZON_DAYS = 400


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime")
    return moment


def _slot_times(keys: tuple[str, ...]) -> list[time]:
    times = []
    for key in keys:
        if key in NAMED_SLOTS:
            times.append(NAMED_SLOTS[key])
        elif len(key) == 4 and key.isdigit():
            times.append(time(int(key[:2]), int(key[2:])))
    return sorted(set(times))


Ranges = list[tuple[date, date]]
# A tick plans hundreds of learners against the same few cohort calendars: each calendar (the
# same dict object for every learner of a cohort in a batch) is read once, not once per day tried.
_read: dict[int, tuple[dict[str, Any], tuple[Ranges, Ranges, set[str]]]] = {}


def _calendar(calendar: dict[str, Any]) -> tuple[Ranges, Ranges, set[str]]:
    """Holidays, terms and in-service days of a calendar, read once per calendar object."""
    seen = _read.get(id(calendar))
    if seen is not None and seen[0] is calendar:
        return seen[1]
    if len(_read) > 256:
        _read.clear()
    holidays, terms = _closed_days(calendar)
    read = (holidays, terms, _in_service(calendar))
    _read[id(calendar)] = (calendar, read)
    return read


def _closed_days(calendar: dict[str, Any]) -> tuple[Ranges, Ranges]:
    def ranges(name: str) -> list[tuple[date, date]]:
        return [(date.fromisoformat(str(r["start"])), date.fromisoformat(str(r["end"])))
                for r in calendar.get(name, [])]
    return ranges("holidays"), ranges("terms")


def _in_service(calendar: dict[str, Any]) -> set[str]:
    return {str(d) for d in calendar.get("in_service", [])}


def is_in_service_morning(calendar: dict[str, Any], local: datetime) -> bool:
    """An in-service day, before the first break: the time to offer a longer session."""
    return local.time() < time(10, 0) and local.date().isoformat() in _calendar(calendar)[2]


@dataclass(frozen=True)
class Quiet:
    """Quiet hours: from `start` in the evening to `end` the next morning, nothing is sent."""

    start: time = QUIET_START
    end: time = QUIET_END

    def __post_init__(self) -> None:
        if not self.end < self.start:
            raise ValueError("quiet hours run from an evening time to a morning time, e.g. 20:00-07:30")

    def covers(self, local: time) -> bool:
        return local >= self.start or local < self.end

    @classmethod
    def parse(cls, text: str) -> Quiet:
        """'20:00-07:30' as quiet hours; ValueError with a plain reason otherwise."""
        try:
            start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
        except ValueError:
            raise ValueError("write quiet hours as HH:MM-HH:MM, e.g. 20:00-07:30") from None
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M} to {self.end:%H:%M}"


DEFAULT_QUIET = Quiet()


def is_quiet(local: time, quiet: Quiet = DEFAULT_QUIET) -> bool:
    return quiet.covers(local)


@lru_cache(maxsize=1024)
def _day_start(zone_name: str, moment: datetime) -> datetime:
    zone = ZoneInfo(zone_name)
    return datetime.combine(moment.astimezone(zone).date(), time(0), zone).astimezone(UTC)


Answer = TypeVar("Answer")


class SlotTiming:
    """The next time a learner may get a drop: never in quiet hours, weekends or holidays.

    A tick asks the same questions of thousands of learners who share a handful of schedules and
    cohort calendars, so may_send and next_due remember their answers per schedule, calendar
    object and moment (a calendar is read, never changed, once the drip has it).
    """

    def __init__(self, default_tz: str, quiet: Quiet = DEFAULT_QUIET) -> None:
        self.default_tz = default_tz
        self.quiet = quiet
        self._answers: dict[tuple[Any, ...], tuple[dict[str, Any], Any]] = {}

    def _remembered(self, key: tuple[Any, ...], calendar: dict[str, Any],
                    work: Callable[[], Answer]) -> Answer:
        # The calendar itself is kept with the answer: while it is, no other dict can take its id.
        seen = self._answers.get(key)
        if seen is not None and seen[0] is calendar:
            answer: Answer = seen[1]
            return answer
        if len(self._answers) > 16384:
            self._answers.clear()
        answer = work()
        self._answers[key] = (calendar, answer)
        return answer

    def zone(self, learner: LearnerLike) -> ZoneInfo:
        return ZoneInfo(learner.tz or self.default_tz)

    def day_start(self, learner: LearnerLike, moment: datetime) -> datetime:
        return _day_start(learner.tz or self.default_tz, _aware(moment))

    def open_day(self, learner: LearnerLike, calendar: dict[str, Any], day: date) -> bool:
        holidays, terms, _ = _calendar(calendar)
        if day.weekday() not in learner.weekdays or day.weekday() >= 5:
            return False
        if any(start <= day <= end for start, end in holidays) or closed_without_calendar(calendar, day):
            return False
        return not terms or any(start <= day <= end for start, end in terms)

    def may_send(self, learner: LearnerLike, calendar: dict[str, Any], now: datetime) -> bool:
        """Whether anything may reach this learner now: not in quiet hours, on an open day."""
        key = ("may", learner.tz or self.default_tz, learner.weekdays, id(calendar), now)
        return self._remembered(key, calendar, lambda: self._may_send(learner, calendar, now))

    def _may_send(self, learner: LearnerLike, calendar: dict[str, Any], now: datetime) -> bool:
        local = _aware(now).astimezone(self.zone(learner))
        return not self.quiet.covers(local.time()) and self.open_day(learner, calendar, local.date())

    def next_awake(self, learner: LearnerLike, now: datetime) -> datetime | None:
        """None when a message may reach the learner now; otherwise the end of their quiet time:
        the next weekday's 07:30 (or today's, before it), in their time zone."""
        return self.awake_in(self.zone(learner), now)

    def awake_in(self, zone: ZoneInfo, now: datetime) -> datetime | None:
        """next_awake for anyone in that time zone: what a coordinator is told a broadcast waits for."""
        local = _aware(now).astimezone(zone)
        if not self.quiet.covers(local.time()) and local.weekday() < 5:
            return None
        day = local.date() if local.time() < self.quiet.end else local.date() + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return datetime.combine(day, self.quiet.end, zone).astimezone(UTC)

    def next_due(self, learner: LearnerLike, calendar: dict[str, Any], after: datetime,
                 delivered_today: int) -> datetime | None:
        """The earliest open slot strictly after `after`, within the per-day limit."""
        key = ("due", learner.tz or self.default_tz, learner.slots, learner.weekdays,
               delivered_today >= learner.per_day, id(calendar), after)
        return self._remembered(key, calendar,
                                lambda: self._next_due(learner, calendar, after, delivered_today))

    def _next_due(self, learner: LearnerLike, calendar: dict[str, Any], after: datetime,
                  delivered_today: int) -> datetime | None:
        zone, slots = self.zone(learner), [s for s in _slot_times(learner.slots) if not self.quiet.covers(s)]
        if not slots:
            return None
        start = _aware(after).astimezone(zone).date()
        for offset in range(HORIZON_DAYS):
            day = start + timedelta(days=offset)
            if offset == 0 and delivered_today >= learner.per_day:
                continue
            if not self.open_day(learner, calendar, day):
                continue
            offer = [IN_SERVICE_OFFER] if day.isoformat() in _calendar(calendar)[2] else []
            for slot in sorted({*offer, *slots}):
                moment = datetime.combine(day, slot, zone).astimezone(UTC)
                # A slot in a spring-forward gap comes back shifted; it is still after `after`.
                if moment > after:
                    return moment
        return None

    def _local_midnight(self, learner: LearnerLike, day: date) -> datetime:
        return datetime.combine(day, time(0), self.zone(learner)).astimezone(UTC)

    def snooze(self, learner: LearnerLike, calendar: dict[str, Any], now: datetime,
               option: str) -> datetime | None:
        """When a snoozed drop comes back: later today, tomorrow, or next week."""
        today = _aware(now).astimezone(self.zone(learner)).date()
        if option == "today":
            later = self.next_due(learner, calendar, now, 0)
            if later is not None and later.astimezone(self.zone(learner)).date() == today:
                return later
            two_hours = now + timedelta(hours=2)
            local = two_hours.astimezone(self.zone(learner))
            fits = local.date() == today and not self.quiet.covers(local.time())
            if fits and self.open_day(learner, calendar, today):
                return two_hours
            return later
        days = 1 if option == "tomorrow" else 7
        return self.resume_at(learner, calendar, today + timedelta(days=days))

    def resume_at(self, learner: LearnerLike, calendar: dict[str, Any], day: date) -> datetime | None:
        """The first slot on or after a day (after a pause or a snooze)."""
        return self.next_due(learner, calendar, self._local_midnight(learner, day) - timedelta(seconds=1), 0)
