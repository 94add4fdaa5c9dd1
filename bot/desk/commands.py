"""Desk commands for the data itself: upkeep, status, export, deletion on request, certificates."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import Settings
from bot.desk.session import EXPORT_FAILED, NO_COHORT, at_desk, opened
from bot.services import Clock, SystemClock
from bot.usecases.roles import DESK
from bot.views.plural import count as counted
from storage.store import Store


async def db_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    async with opened(settings) as store:
        if args.action == "migrate":
            print(f"{settings.database}: schema up to date")
            return 0
        stamp = (clock or SystemClock()).now().strftime("%Y%m%d-%H%M%S")
        target = Path(args.target) if args.target else settings.database.with_name(
            f"{settings.database.stem}-{stamp}.sqlite3")
        await store.db.backup(target)
        problems = await Store.integrity(target)
        if problems:
            print(f"backup {target} failed its integrity check: {problems}")
            return 1
        print(f"backup written to {target} (integrity ok)")
        return 0


async def status_command(settings: Settings, clock: Clock | None = None) -> int:
    from bot.ptb.health import as_text, snapshot, stale_after

    async with opened(settings) as store:
        print(as_text(await snapshot(store, (clock or SystemClock()).now(), stale_after(settings))))
    return 0


async def export_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    from bot.usecases.coordination import NotAllowed
    from bot.usecases.export import ExportFailed, export

    async with at_desk(settings, clock) as services:
        try:
            written = await export(services, DESK, args.cohort, Path(args.out), workbook=args.xlsx)
        except NotAllowed:
            print(NO_COHORT.format(cohort=args.cohort))
            return 2
        except ExportFailed:
            print(EXPORT_FAILED)
            return 1
    for name, rows in written.items():
        print(f"{Path(args.out) / name}: {counted(rows, 'row')}")
    return 0


async def forget_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    from bot.usecases.mydata import forget

    async with at_desk(settings, clock) as services:
        deleted = await forget(services.store, args.user)
        async with services.store.transaction() as tx:
            await tx.coordination.audit(DESK, "forget", services.clock.now(), count=int(deleted))
    print(f"Deleted everything held about user {args.user}." if deleted
          else f"Nothing is held about user {args.user}.")
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
