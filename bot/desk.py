"""Commands for the desk: cohorts and database upkeep, straight on the database file."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from storage.store import Store


def invite_link(username: str, code: str) -> str:
    return f"https://t.me/{username or '<your_bot_username>'}?start={code}"


async def cohort_command(settings: Settings, args: argparse.Namespace) -> int:
    store = await Store.open(settings.database)
    try:
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
    finally:
        await store.close()


async def db_command(settings: Settings, args: argparse.Namespace) -> int:
    store = await Store.open(settings.database)
    try:
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
    finally:
        await store.close()


async def status_command(settings: Settings) -> int:
    from bot.health import as_text, snapshot

    store = await Store.open(settings.database)
    try:
        print(as_text(await snapshot(store, datetime.now(UTC))))
    finally:
        await store.close()
    return 0
