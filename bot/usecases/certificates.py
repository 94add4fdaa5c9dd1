"""Certificates of completion: issued once with a number, the name kept, the number checkable."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date

from bot.services import Services
from bot.usecases import record
from storage.certificates import Certificate
from storage.store import Store

COURSE = "#KeepThePromise: supporting care-experienced children and young people"
# No 0/O or 1/I/L: a number read off paper is typed back without guessing.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_NUMBER = re.compile(r"KTP-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")


def new_number() -> str:
    part = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"KTP-{part[:4]}-{part[4:]}"


def normalise(typed: str) -> str:
    """A number as someone might type it ('ktp 7f3k 9q2m') in its printed form."""
    letters = re.sub(r"[^0-9A-Za-z]", "", typed).upper()
    letters = letters[3:] if letters.startswith("KTP") else letters
    return f"KTP-{letters[:4]}-{letters[4:]}" if len(letters) == 8 else typed.strip().upper()


@dataclass(frozen=True)
class Verified:
    """What a check of a number shows: the name, the course and the date, nothing more."""

    name: str
    course: str
    completed_on: date


async def verify(store: Store, typed: str) -> Verified | None:
    """The certificate with this number, for the desk or a web page; None if none was issued."""
    number = normalise(typed)
    if not _NUMBER.fullmatch(number):
        return None
    async with store.read() as tx:
        found = await tx.certificates.by_number(number)
    return Verified(found.name, found.course, found.completed_on) if found else None


async def kept(services: Services, user_id: int) -> Certificate | None:
    """The learner's certificate, if one was issued: its name is not asked again."""
    async with services.store.read() as tx:
        return await tx.certificates.of_learner(user_id)


async def issue(services: Services, user_id: int, name: str) -> tuple[Certificate, record.Record] | None:
    """Issue the certificate in this name (or rename the one issued); None before the course ends."""
    built = await record.build(services.store, services.course, user_id)
    if built is None or built.completed_at is None:
        return None
    now = services.clock.now()
    async with services.store.transaction() as tx:
        before = await tx.certificates.of_learner(user_id)
        number = before.number if before else new_number()
        await tx.certificates.issue(Certificate(number, user_id, name, COURSE, built.completed_at.date(),
                                                built.minutes_done), now)
        issued = await tx.certificates.of_learner(user_id)
    assert issued is not None
    return issued, built
