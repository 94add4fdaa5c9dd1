"""Exports for a cohort's coordinator: CSV files (and a workbook) with learners pseudonymised.

Each learner appears as a stable pseudonym (an HMAC of their user id with a key kept in this
database), never as a name or Telegram id. Reflections are exported only for learners who chose
to share them with their coordinator (/share); text kept after a possible disclosure (flagged)
never is. The files are written in another process (bot.usecases.export_files): here the request
is checked, the key found, the result audited.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import tempfile
from pathlib import Path

from bot.services import Services
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.export_files import FILES, WORKBOOK, Job, Table, pseudonym, write
from bot.usecases.tables import private_folder
from storage.store import Store

log = logging.getLogger(__name__)
__all__ = ["COLUMNS", "FILES", "WORKBOOK", "ExportFailed", "cohort_csv", "cohort_workbook", "export",
           "pseudonym", "pseudonyms"]


class ExportFailed(Exception):
    """The files could not be written (the other process failed or died); nothing was changed."""


async def _key(store: Store) -> bytes:
    async with store.transaction() as tx:
        key = await tx.meta.get("pseudonym_key")
        if key is None:
            key = secrets.token_hex(32)
            await tx.meta.put("pseudonym_key", key)
    return bytes.fromhex(key)


async def pseudonyms(store: Store, user_ids: list[int]) -> list[str]:
    """The learners as the exports name them, for pages that show what they wrote without who."""
    key = await _key(store)
    return [pseudonym(key, uid) for uid in user_ids]


_WHEN = "when, in UTC (year-month-day and time)"
# What each column means, for the people who open the files: shown on the dashboard and kept as
# the workbook's first sheet, so the description travels with the download.
COLUMNS: dict[str, dict[str, str]] = {
    "answers.csv": {"learner": "a pseudonym, the same for one learner in every file",
                    "step": "the question's id in the course", "choice": "the option picked, counted from 0",
                    "correct": "1 if right, 0 if not", "recall": "1 when the question came back later to "
                    "check it was remembered", "at": _WHEN},
    "confidence.csv": {"learner": "the pseudonym", "statement": "the confidence statement's id",
                       "phase": "before or after the module", "rating": "1 (not confident) to 5",
                       "at": _WHEN},
    "feedback.csv": {"learner": "the pseudonym", "step": "the feedback question's id",
                     "feedback": "their words, as typed", "at": _WHEN},
    "attendance.csv": {"learner": "the pseudonym", "event": "the event's number on the dashboard",
                       "title": "the event's title", "answer": "going or not", "attended": "1 came, "
                       "0 did not, blank not yet asked",
                       "will_try": "what they said they would try after it"},
    "reflections.csv": {"learner": "the pseudonym (only learners who chose /share)",
                        "step": "the reflection prompt's id", "reflection": "their words", "at": _WHEN},
    "tips.csv": {"module": "the module's id in the course, blank for a tip from a practice-sharing session",
                 "tip": "the published text, as the cohort reads it (who offered it is never exported)",
                 "published": "the day a coordinator published it, in UTC (year-month-day)",
                 "useful": "how many colleagues marked it useful"},
}



def _front() -> Table:
    """The workbook's first sheet: what each column of each file means."""
    return ["sheet", "column", "meaning"], [[name.removesuffix(".csv"), column, meaning]
                                           for name, columns in COLUMNS.items()
                                           for column, meaning in columns.items()]


async def _written(services: Services, job: Job) -> dict[str, int]:
    """The job's files, written in another process; ExportFailed (logged, without any of their
    contents) when that process fails or dies."""
    try:
        return await services.processes.run(write, job)
    except Exception as failure:
        # Only the kind of failure: a message may quote a row, and rows hold learners' words.
        log.warning("export of cohort %d did not go through: %s", job.cohort_id, type(failure).__name__)
        raise ExportFailed from None


async def _audit(services: Services, actor: int, cohort_id: int, detail: str, count: int) -> None:
    async with services.store.transaction() as tx:
        await tx.coordination.audit(actor, "export", services.clock.now(), cohort_id=cohort_id,
                                    detail=detail, count=count)


async def _download(services: Services, actor: int, cohort_id: int, name: str, *,
                    files: tuple[str, ...] = tuple(FILES), workbook: bool = False) -> bytes:
    """One file of the cohort's export as bytes (for the dashboard), written in a private folder
    beside the database that is gone once it is read."""
    cohort = await Coordination(services, actor).check(cohort_id)
    key = await _key(services.store)
    database = services.store.db.path.absolute()  # the other process may not share our directory
    with tempfile.TemporaryDirectory(prefix=".export-", dir=database.parent) as folder:
        job = Job(database, cohort.id, key, Path(folder), files, csv=not workbook, workbook=workbook,
                  front=_front() if workbook else None)
        written = await _written(services, job)
        body = await asyncio.to_thread((Path(folder) / name).read_bytes)
    await _audit(services, actor, cohort.id, name, written[name])
    return body


async def cohort_csv(services: Services, actor: int, cohort_id: int, name: str) -> bytes:
    """One export file for a cohort's coordinator: UTF-8 with a BOM (so Excel reads it), audited."""
    if name not in FILES:
        raise NotAllowed
    return await _download(services, actor, cohort_id, name, files=(name,))


async def cohort_workbook(services: Services, actor: int, cohort_id: int) -> bytes:
    """Every export file as a sheet of one .xlsx workbook, after a sheet saying what each column means."""
    return await _download(services, actor, cohort_id, WORKBOOK, workbook=True)


async def export(services: Services, actor: int, cohort_id: int, folder: Path, *,
                 workbook: bool = False) -> dict[str, int]:
    """Write the cohort's CSV files (and with workbook, one .xlsx of them all) into folder, audited;
    returns rows written per file."""
    cohort = await Coordination(services, actor).check(cohort_id)
    key = await _key(services.store)
    private_folder(folder)
    job = Job(services.store.db.path.absolute(), cohort.id, key, folder.absolute(), workbook=workbook)
    written = await _written(services, job)
    rows = sum(n for name, n in written.items() if name in FILES)
    await _audit(services, actor, cohort.id, "all files", rows)
    return written
