"""Desk commands for cohorts: create and list, coordinators, calendars and figures.

Each calls the same use case as the chat, with the desk as the actor, so each is checked and
audited the same way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import Settings
from bot.desk.session import NO_COHORT, at_desk, desk
from bot.services import Clock
from bot.usecases.coordination import NotAllowed, invite_link


async def cohort_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    async with at_desk(settings, clock) as services:
        async with services.store.read() as tx:
            cohorts = await tx.cohorts.all()
        if args.action == "list":
            for cohort in cohorts:
                state = "open" if cohort.invite_open else "closed"
                print(f"{cohort.id}\t{cohort.name}\t{invite_link(settings.bot_username, cohort.invite_code)}"
                      f"\t{state}")
            return 0
        if not args.name or not args.name.strip():
            print("Give the cohort a name, e.g.: ktp-bot cohort create \"Dundee cluster 2026\"")
            return 2
        cohort = await desk(services).create(args.name.strip())
    if any(c.id == cohort.id for c in cohorts):  # the same request again, soon after: not a second cohort
        print(f"Cohort {cohort.id}: {cohort.name} was made a few minutes ago; it is the same cohort.")
    else:
        print(f"Created cohort {cohort.id}: {cohort.name}")
    print(f"Invite link: {invite_link(settings.bot_username, cohort.invite_code)}")
    return 0


async def coordinators_command(settings: Settings, args: argparse.Namespace,
                               clock: Clock | None = None) -> int:
    async with at_desk(settings, clock) as services:
        try:
            if args.action == "remove":
                _, removed = await desk(services).demote(args.user, args.cohort)
                print(f"User {args.user} no longer coordinates cohort {args.cohort}." if removed else
                      f"User {args.user} wasn't a coordinator of cohort {args.cohort}; nothing changed.")
                return 0
            await desk(services).promote(args.user, args.cohort)
        except NotAllowed:
            print(NO_COHORT.format(cohort=args.cohort))
            return 2
    print(f"User {args.user} is now a coordinator of cohort {args.cohort}. Their chat menu shows the "
          "coordinator commands after the bot's next start.")
    return 0


async def calendar_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
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
    async with at_desk(settings, clock) as services:
        try:
            await desk(services).set_calendar(args.cohort, calendar.stored())
        except NotAllowed:
            print(NO_COHORT.format(cohort=args.cohort))
            return 2
    print(f"Cohort {args.cohort}: {len(calendar.terms)} terms, {len(calendar.holidays)} holidays, "
          f"{len(calendar.in_service)} in-service days.")
    return 0


async def stats_command(settings: Settings, args: argparse.Namespace, clock: Clock | None = None) -> int:
    from bot.views.coordinator import stats
    from lessons.markup import plain

    async with at_desk(settings, clock) as services:
        try:
            cohort, summary = await desk(services).stats(args.cohort)
        except NotAllowed:
            print(NO_COHORT.format(cohort=args.cohort))
            return 2
    print(plain(stats(cohort.name, summary).text))
    return 0
