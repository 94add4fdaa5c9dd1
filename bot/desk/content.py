"""Desk commands that reach learners: a broadcast from a file, events imported from YAML.

The message and the events go through the chat's own use cases, so the desk is held to the
same checks (markup, length, quiet hours) and leaves the same audit trail.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.desk.session import NO_COHORT, at_desk, desk
from bot.services import Clock, Services
from bot.usecases.coordination import BadMessage, NotAllowed, can_send_at
from bot.usecases.roles import DESK
from bot.views.plural import count as counted
from lessons.markup import message_problem, plain


def _send_at(services: Services, at: str) -> datetime | str:
    """The --at time as an instant, or the one line saying why it can't be used."""
    try:
        send_at = datetime.fromisoformat(at).replace(tzinfo=ZoneInfo(services.settings.timezone))
    except ValueError:
        return f"--at {at!r}: write it as 'YYYY-MM-DD HH:MM', e.g. '2026-12-01 12:30'."
    if not can_send_at(services, send_at):
        return (f"--at {at!r}: choose a time in the future, on a weekday, outside quiet hours "
                f"({services.settings.quiet()}).")
    return send_at


async def broadcast_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    """Preview a message to a cohort's reachable learners; with --yes, queue it (now or --at a
    time) and the running bot sends it at a safe rate."""
    text = Path(args.file).read_text(encoding="utf-8").strip()
    problem = message_problem(text)  # said before anything else, as the chat says it
    if problem:
        print(f"{args.file}: {problem}")
        return 1
    async with at_desk(settings, clock) as services:
        send_at = _send_at(services, args.at) if args.at else None
        if isinstance(send_at, str):
            print(send_at)
            return 1
        try:
            cohort, reachable = await desk(services).reachable(args.cohort)
        except NotAllowed:
            print(NO_COHORT.format(cohort=args.cohort))
            return 2
        when_text = f" at {send_at:%a %d %b %H:%M}" if send_at else " as soon as the bot runs"
        print(f"To {counted(reachable, 'learner')} of {cohort.name}{when_text}, as they will read it:\n")
        print("    " + plain(text).replace("\n", "\n    ") + "\n")
        if not args.yes:
            print("Nothing is sent yet: run the same command with --yes to queue it.")
            return 0
        try:
            broadcast_id, _ = await desk(services).draft(cohort.id, text, send_at)
        except BadMessage as refused:
            print(f"{args.file}: {refused}")
            return 1
        count = await desk(services).send_broadcast(broadcast_id) or 0
    print(f"Queued for {counted(count, 'learner')}; the running bot sends it. "
          "`ktp-bot status` shows the queue.")
    return 0


def _event_time(value: object, zone: tzinfo) -> datetime:
    """A time as written: with a UTC offset it is that instant, without one it is local time."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=zone)


Planned = tuple[str, str, datetime, datetime, str, str]


def _planned(items: list[object], zone: tzinfo) -> list[Planned] | str:
    """Every event read and checked before any is added; or the one line about the first bad one."""
    planned: list[Planned] = []
    for number, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise TypeError("each event is a mapping: {title, kind, start, end, place, description}")
            starts, ends = _event_time(item["start"], zone), _event_time(item["end"], zone)
            title, kind = str(item["title"]), item.get("kind")
            if kind not in {"training", "online"} or ends <= starts or not title.strip():
                raise ValueError("kind must be training or online, and the end after the start")
        except (KeyError, TypeError, ValueError) as exc:
            return f"event {number}: {exc}"
        planned.append((title, str(kind), starts, ends, str(item.get("place", "")),
                        str(item.get("description", ""))))
    return planned


async def events_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    """Import events from YAML: a list of {title, kind, start, end, place, description}."""
    from bot.usecases.events import add_event
    from scheduler import small_yaml

    try:
        items = small_yaml.load(small_yaml.read_text(Path(args.file))) or []
        if not isinstance(items, list):
            raise small_yaml.Refused("expected a list of events, each starting with '- '")
    except small_yaml.Refused as exc:
        print(f"{args.file}: {exc}")
        return 1
    planned = _planned(items, ZoneInfo(settings.timezone))
    if isinstance(planned, str):
        print(f"{args.file}: {planned}")
        return 1
    async with at_desk(settings, clock) as services:
        try:
            await desk(services).check(args.cohort)
            for title, kind, starts, ends, place, description in planned:
                await add_event(services, DESK, args.cohort, title, kind, starts, ends,
                                place, description)
        except NotAllowed:
            print(NO_COHORT.format(cohort=args.cohort))
            return 2
    print(f"Imported {counted(len(planned), 'event')} into cohort {args.cohort}; "
          "reminders will go automatically.")
    return 0
