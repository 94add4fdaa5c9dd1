"""Property tests of the delivery policy: whatever the windows, zone, calendar and moment, the next
drop is in the future, at one of the learner's times on one of their days, never in quiet hours,
at a weekend, in a holiday or outside term."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.timing import NAMED_SLOTS, SlotTiming, _slot_times, is_quiet
from storage.learners import Learner

ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham", "UTC"]
START = datetime(2026, 1, 1, tzinfo=UTC)

slots = st.lists(st.one_of(st.sampled_from(list(NAMED_SLOTS)),
                           st.builds(lambda h, m: f"{h:02d}{m:02d}", st.integers(0, 23), st.integers(0, 59))),
                 min_size=1, max_size=4, unique=True)
days = st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)
moments = st.integers(0, 3 * 365 * 24 * 60).map(lambda m: START + timedelta(minutes=m))


@st.composite
def calendars(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    def span() -> dict[str, str]:
        first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 3 * 365)))
        last = first + timedelta(days=draw(st.integers(0, 20)))
        return {"start": first.isoformat(), "end": last.isoformat()}
    calendar = {"holidays": [span() for _ in range(draw(st.integers(0, 4)))]}
    if draw(st.booleans()):
        calendar["terms"] = [span() for _ in range(draw(st.integers(1, 6)))]
    return calendar


def _learner(keys: list[str], weekdays: list[int], per_day: int, tz: str) -> Learner:
    return Learner(1, 1, "A", 1, "psa", "v", tuple(keys), tuple(sorted(weekdays)), per_day, tz,
                   "active", None, None, None, START, START, False)


@settings(max_examples=400, deadline=None)
@given(keys=slots, weekdays=days, per_day=st.integers(1, 3), tz=st.sampled_from(ZONES),
       calendar=calendars(), nows=st.lists(moments, min_size=1, max_size=4), today=st.integers(0, 3))
def test_the_next_drop_is_always_in_a_window_and_never_in_quiet_time(
        keys: list[str], weekdays: list[int], per_day: int, tz: str,
        calendar: dict[str, list[dict[str, str]]], nows: list[datetime], today: int) -> None:
    timing, learner = SlotTiming("Europe/London"), _learner(keys, weekdays, per_day, tz)
    allowed = {t.strftime("%H:%M") for t in _slot_times(learner.slots)}
    holidays = [_span(h) for h in calendar["holidays"]]
    terms = [_span(t) for t in calendar.get("terms", [])]
    for now in sorted(nows):
        due = timing.next_due(learner, calendar, now, today)
        if due is None:
            continue
        local = due.astimezone(ZoneInfo(tz))
        assert due > now
        assert local.weekday() in weekdays and local.weekday() < 5
        assert not is_quiet(local.time())
        assert local.strftime("%H:%M") in allowed or local.fold or _shifted_by_dst(local)
        assert not any(a <= local.date() <= b for a, b in holidays)
        assert not terms or any(a <= local.date() <= b for a, b in terms)


def _span(item: dict[str, str]) -> tuple[date, date]:
    return date.fromisoformat(item["start"]), date.fromisoformat(item["end"])


def _shifted_by_dst(local: datetime) -> bool:
    """A slot in a spring-forward gap lands an hour later; that is the one allowed shift."""
    earlier = (local - timedelta(hours=1)).replace(tzinfo=None)
    return earlier.replace(tzinfo=local.tzinfo).astimezone(UTC).astimezone(local.tzinfo) != earlier.replace(
        tzinfo=local.tzinfo)


def test_naive_moments_are_refused() -> None:
    timing = SlotTiming("Europe/London")
    try:
        timing.next_due(_learner(["morning"], [0], 1, "Europe/London"), {}, datetime(2026, 1, 1), 0)
    except ValueError:
        return
    raise AssertionError("a naive datetime was accepted")
