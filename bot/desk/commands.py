"""Commands for the desk: cohorts and database upkeep, straight on the database file."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from bot.config import Settings
from bot.views.plural import count as counted
from scheduler import outgoing
from storage.store import Store


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[Store]:
    """The database for one desk command, closed however the command ends."""
    store = await Store.open(settings.database)
    try:
        yield store
    finally:
        await store.close()


def invite_link(username: str, code: str) -> str:
    return f"https://t.me/{username or '<your_bot_username>'}?start={code}"


async def cohort_command(settings: Settings, args: argparse.Namespace) -> int:
    async with opened(settings) as store:
        if args.action == "create":
            if not args.name:
                print("Give the cohort a name, e.g.: ktp-bot cohort create \"Dundee cluster 2026\"")
                return 2
            async with store.transaction() as tx:
                cohort = await tx.cohorts.create(args.name, datetime.now(UTC))
            print(f"Created cohort {cohort.id}: {cohort.name}")
            print(f"Invite link: {invite_link(settings.bot_username, cohort.invite_code)}")
            return 0
        async with store.read() as tx:
            cohorts = await tx.cohorts.all()
        for cohort in cohorts:
            state = "open" if cohort.invite_open else "closed"
            print(f"{cohort.id}\t{cohort.name}\t{invite_link(settings.bot_username, cohort.invite_code)}"
                  f"\t{state}")
        return 0


async def db_command(settings: Settings, args: argparse.Namespace) -> int:
    async with opened(settings) as store:
        if args.action == "migrate":
            print(f"{settings.database}: schema up to date")
            return 0
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = Path(args.target) if args.target else settings.database.with_name(
            f"{settings.database.stem}-{stamp}.sqlite3")
        await store.db.backup(target)
        problems = await Store.integrity(target)
        if problems:
            print(f"backup {target} failed its integrity check: {problems}")
            return 1
        print(f"backup written to {target} (integrity ok)")
        return 0


async def status_command(settings: Settings) -> int:
    from bot.ptb.health import as_text, snapshot, stale_after

    async with opened(settings) as store:
        print(as_text(await snapshot(store, datetime.now(UTC), stale_after(settings))))
    return 0


async def coordinators_command(settings: Settings, args: argparse.Namespace) -> int:
    async with opened(settings) as store:
        async with store.transaction() as tx:
            if await tx.cohorts.get(args.cohort) is None:
                print(f"There is no cohort {args.cohort}: ktp-bot cohort list shows them.")
                return 2
            if args.action == "remove":
                removed = await tx.coordination.remove_coordinator(args.user, args.cohort)
                await tx.coordination.audit(0, "demote (desk)", datetime.now(UTC), cohort_id=args.cohort,
                                            detail=str(args.user), count=int(removed))
                print(f"User {args.user} no longer coordinates cohort {args.cohort}." if removed else
                      f"User {args.user} wasn't a coordinator of cohort {args.cohort}; nothing changed.")
                return 0
            await tx.coordination.add_coordinator(args.user, args.cohort, 0, datetime.now(UTC))
            await tx.coordination.audit(0, "promote (desk)", datetime.now(UTC), cohort_id=args.cohort,
                                        detail=str(args.user))
        print(f"User {args.user} is now a coordinator of cohort {args.cohort}. Their chat menu shows the "
              "coordinator commands after the bot's next start.")
        return 0


async def stats_command(settings: Settings, args: argparse.Namespace) -> int:
    from bot.usecases.cohort_stats import summarise
    from bot.views.coordinator import stats
    from lessons.loader import load_course
    from lessons.markup import plain
    from storage.stats import cohort_figures

    async with opened(settings) as store:
        async with store.read() as tx:
            cohort = await tx.cohorts.get(args.cohort)
            if cohort is None:
                print(f"There is no cohort {args.cohort}: ktp-bot cohort list shows them.")
                return 2
            figures = await cohort_figures(tx.conn, cohort.id, datetime.now(UTC))
        print(plain(stats(cohort.name, summarise(load_course(settings.course_dir), figures)).text))
        return 0


async def export_command(settings: Settings, args: argparse.Namespace) -> int:
    from bot.usecases.export import export

    async with opened(settings) as store:
        written = await export(store, args.cohort, Path(args.out), workbook=args.xlsx)
        for name, rows in written.items():
            print(f"{Path(args.out) / name}: {counted(rows, 'row')}")
        return 0


async def forget_command(settings: Settings, args: argparse.Namespace) -> int:
    from bot.usecases.mydata import forget

    async with opened(settings) as store:
        deleted = await forget(store, args.user)
        async with store.transaction() as tx:
            await tx.coordination.audit(0, "forget (desk)", datetime.now(UTC), count=int(deleted))
        print(f"Deleted everything held about user {args.user}." if deleted
              else f"Nothing is held about user {args.user}.")
        return 0


async def calendar_command(settings: Settings, args: argparse.Namespace) -> int:
    from scheduler import small_yaml
    from scheduler.cohort_calendar import parse

    try:
        calendar, problems = parse(small_yaml.read_text(Path(args.file)))
    except small_yaml.Refused as exc:
        calendar, problems = None, [str(exc)]
    if calendar is None:
        print(f"{args.file} has problems:")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    async with opened(settings) as store:
        async with store.transaction() as tx:
            if await tx.cohorts.get(args.cohort) is None:
                print(f"There is no cohort {args.cohort}: ktp-bot cohort list shows them.")
                return 2
            await tx.cohorts.set_calendar(args.cohort, calendar.stored())
            await tx.coordination.audit(0, "calendar import (desk)", datetime.now(UTC), cohort_id=args.cohort)
        print(f"Cohort {args.cohort}: {len(calendar.terms)} terms, {len(calendar.holidays)} holidays, "
              f"{len(calendar.in_service)} in-service days.")
        return 0


async def broadcast_command(settings: Settings, args: argparse.Namespace) -> int:
    """Preview a message to a cohort's reachable learners; with --yes, queue it (now or --at a
    time) and the running bot sends it at a safe rate."""
    from zoneinfo import ZoneInfo

    from lessons.markup import check_html, plain
    from scheduler.reminders import quiet_at

    text = Path(args.file).read_text(encoding="utf-8").strip()
    problem = check_html(text) if text else "the file is empty"
    if problem:
        print(f"{args.file}: {problem}")
        return 1
    now, send_at = datetime.now(UTC), None
    if args.at:
        try:
            send_at = datetime.fromisoformat(args.at).replace(tzinfo=ZoneInfo(settings.timezone))
        except ValueError:
            print(f"--at {args.at!r}: write it as 'YYYY-MM-DD HH:MM', e.g. '2026-12-01 12:30'.")
            return 1
        if send_at <= now or quiet_at(send_at, settings.timezone, settings.quiet()):
            print(f"--at {args.at!r}: choose a time in the future, on a weekday, outside quiet hours "
                  f"({settings.quiet()}).")
            return 1
    async with opened(settings) as store:
        async with store.read() as tx:
            cohort = await tx.cohorts.get(args.cohort)
            reachable = await tx.learners.reachable(args.cohort) if cohort else []
        if cohort is None:
            print(f"There is no cohort {args.cohort}: ktp-bot cohort list shows them.")
            return 2
        when_text = f" at {send_at:%a %d %b %H:%M}" if send_at else " as soon as the bot runs"
        print(f"To {counted(len(reachable), 'learner')} of {cohort.name}{when_text}, as they will read it:\n")
        print("    " + plain(text).replace("\n", "\n    ") + "\n")
        if not args.yes:
            print("Nothing is sent yet: run the same command with --yes to queue it.")
            return 0
        async with store.transaction() as tx:
            draft = await tx.coordination.draft(args.cohort, 0, text, now, send_at)
            item = await tx.coordination.broadcast(draft)
            assert item is not None
            count = await tx.coordination.queue_broadcast(item, outgoing.Broadcast(text=item.text), now, 0, 0)
            await tx.coordination.audit(0, "broadcast (desk)", now, cohort_id=args.cohort, count=count)
    print(f"Queued for {counted(count, 'learner')}; the running bot sends it. "
          "`ktp-bot status` shows the queue.")
    return 0


def _event_time(value: object, zone: tzinfo) -> datetime:
    """A time as written: with a UTC offset it is that instant, without one it is local time."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=zone)


async def events_command(settings: Settings, args: argparse.Namespace) -> int:
    """Import events from YAML: a list of {title, kind, start, end, place, description}."""
    from zoneinfo import ZoneInfo

    from scheduler import small_yaml

    try:
        items = small_yaml.load(small_yaml.read_text(Path(args.file))) or []
        if not isinstance(items, list):
            raise small_yaml.Refused("expected a list of events, each starting with '- '")
    except small_yaml.Refused as exc:
        print(f"{args.file}: {exc}")
        return 1
    zone, now, added = ZoneInfo(settings.timezone), datetime.now(UTC), 0
    async with opened(settings) as store, store.transaction() as tx:
        if await tx.cohorts.get(args.cohort) is None:
            print(f"There is no cohort {args.cohort}: ktp-bot cohort list shows them.")
            return 2
        for number, item in enumerate(items, start=1):
            try:
                starts, ends = _event_time(item["start"], zone), _event_time(item["end"], zone)
                if item.get("kind") not in {"training", "online"} or ends <= starts:
                    raise ValueError("kind must be training or online, and the end after the start")
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                print(f"{args.file}: event {number}: {exc}")
                return 1
            await tx.events.add(args.cohort, str(item["title"])[:120], item["kind"], starts, ends,
                                str(item.get("place", ""))[:300], str(item.get("description", ""))[:600],
                                0, now)
            added += 1
        await tx.coordination.audit(0, "events import (desk)", now, cohort_id=args.cohort, count=added)
    print(f"Imported {counted(added, 'event')} into cohort {args.cohort}; reminders will go automatically.")
    return 0


async def verify_command(settings: Settings, args: argparse.Namespace) -> int:
    """A certificate number checked: its name, course and date, nothing else about the learner."""
    from bot.usecases.certificates import normalise, verify

    async with opened(settings) as store:
        found = await verify(store, args.number)
    if found is None:
        print(f"No certificate has the number {args.number}.")
        return 1
    print(f"Certificate {normalise(args.number)}: {found.name}, {found.course}, "
          f"completed on {found.completed_on.day} {found.completed_on:%B %Y}")
    return 0
