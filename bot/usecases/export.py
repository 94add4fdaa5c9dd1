"""Exports for a cohort's coordinator: CSV files (and a workbook) with learners pseudonymised.

Each learner appears as a stable pseudonym (an HMAC of their user id with a key kept in this
database), never as a name or Telegram id. Reflections are exported only for learners who chose
to share them with their coordinator (/share); text kept after a possible disclosure (flagged)
never is.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.services import Services
from bot.usecases.cohort_stats import FEW, shown
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.tables import Row, csv_bytes, private_folder, workbook, write_csv, write_workbook
from storage.exports import CohortExport, Rows
from storage.store import Store


async def _key(store: Store) -> bytes:
    async with store.transaction() as tx:
        key = await tx.meta.get("pseudonym_key")
        if key is None:
            key = secrets.token_hex(32)
            await tx.meta.put("pseudonym_key", key)
    return bytes.fromhex(key)


def pseudonym(key: bytes, user_id: int) -> str:
    return "L-" + hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:10]


async def pseudonyms(store: Store, user_ids: list[int]) -> list[str]:
    """The learners as the exports name them, for pages that show what they wrote without who."""
    key = await _key(store)
    return [pseudonym(key, uid) for uid in user_ids]


# File -> (the rows for it, its header); each row's first column is the learner's user id
# (except in AUTHORLESS files).
FILES: dict[str, tuple[Callable[[CohortExport, int], Awaitable[Rows]], list[str]]] = {
    "answers.csv": (CohortExport.answers, ["learner", "step", "choice", "correct", "recall", "at"]),
    "confidence.csv": (CohortExport.confidence, ["learner", "statement", "phase", "rating", "at"]),
    "feedback.csv": (CohortExport.feedback, ["learner", "step", "feedback", "at"]),
    "attendance.csv": (CohortExport.attendance,
                       ["learner", "event", "title", "answer", "attended", "will_try"]),
    "reflections.csv": (CohortExport.shared_reflections, ["learner", "step", "reflection", "at"]),
    "tips.csv": (CohortExport.published_tips, ["module", "tip", "published", "useful"]),
}
# Files with no learner column: nothing in them to pseudonymise, and nothing says who wrote a tip.
AUTHORLESS = {"tips.csv"}
WORKBOOK = "export.xlsx"
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


def _pseudonymised(key: bytes, rows: Rows) -> list[Row]:
    """The rows with each learner's user id replaced by their pseudonym (one HMAC per learner)."""
    names: dict[int, str] = {}
    out: list[Row] = []
    for row in rows:
        uid = int(row[0])
        name = names.get(uid)
        if name is None:
            name = names[uid] = pseudonym(key, uid)
        out.append([name, *row[1:]])
    return out


# Files of each learner's scores: with fewer than FEW learners in one, even a pseudonym points at a
# person in the room, so its rows are withheld and one line says why (the rule of the cohort's figures).
SCORES = frozenset({"answers.csv", "confidence.csv"})


async def _table(store: Store, key: bytes, name: str, cohort_id: int) -> tuple[Row, list[Row]]:
    query, header = FILES[name]
    async with store.snapshot() as tx:  # its own read-only connection: nobody waits behind it
        rows = await query(tx.export, cohort_id)
    if name in AUTHORLESS:
        return header, [list(row) for row in rows]
    if rows and name in SCORES and not shown(len({row[0] for row in rows})):
        return header, [[f"too few to show (fewer than {FEW} learners)", *[""] * (len(header) - 1)]]
    # A 20,000-learner cohort has some 160,000 rows: hashing them on the event loop held every
    # learner up for a quarter of a second, so it happens in a worker thread (as the writing does).
    return header, await asyncio.to_thread(_pseudonymised, key, rows)


async def cohort_csv(services: Services, actor: int, cohort_id: int, name: str) -> bytes:
    """One export file for a cohort's coordinator: UTF-8 with a BOM (so Excel reads it), audited."""
    if name not in FILES:
        raise NotAllowed
    cohort = await Coordination(services, actor).check(cohort_id)
    header, rows = await _table(services.store, await _key(services.store), name, cohort.id)
    body = await asyncio.to_thread(csv_bytes, header, rows)
    async with services.store.transaction() as tx:
        await tx.coordination.audit(actor, "export", services.clock.now(), cohort_id=cohort.id,
                                    detail=name, count=len(rows))
    return body


async def cohort_workbook(services: Services, actor: int, cohort_id: int) -> bytes:
    """Every export file as a sheet of one .xlsx workbook, after a sheet saying what each column means."""
    cohort = await Coordination(services, actor).check(cohort_id)
    key = await _key(services.store)
    tables = {name: await _table(services.store, key, name, cohort.id) for name in FILES}
    about: list[Row] = [[name.removesuffix(".csv"), column, meaning]
                        for name, columns in COLUMNS.items() for column, meaning in columns.items()]
    sheets = {"columns": (["sheet", "column", "meaning"], about),
              **{name.removesuffix(".csv"): t for name, t in tables.items()}}
    async with services.store.transaction() as tx:
        await tx.coordination.audit(actor, "export", services.clock.now(), cohort_id=cohort.id,
                                    detail=WORKBOOK, count=sum(len(rows) for _, rows in tables.values()))
    return await asyncio.to_thread(workbook, sheets)


def _write_files(folder: Path, tables: dict[str, tuple[Row, list[Row]]],
                 with_workbook: bool) -> dict[str, int]:
    private_folder(folder)
    for name, (columns, lines) in tables.items():
        write_csv(folder / name, columns, lines)
    written = {name: len(lines) for name, (_, lines) in tables.items()}
    if with_workbook:
        write_workbook(folder / WORKBOOK, {name.removesuffix(".csv"): t for name, t in tables.items()})
        written[WORKBOOK] = sum(written.values())
    return written


async def export(services: Services, actor: int, cohort_id: int, folder: Path, *,
                 workbook: bool = False) -> dict[str, int]:
    """Write the cohort's CSV files (and with workbook, one .xlsx of them all) into folder, audited;
    returns rows written per file."""
    cohort = await Coordination(services, actor).check(cohort_id)
    key = await _key(services.store)
    tables = {name: await _table(services.store, key, name, cohort.id) for name in FILES}
    # Writing 160,000 rows takes about a second: in a worker thread, so learners are not kept waiting.
    written = await asyncio.to_thread(_write_files, folder, tables, workbook)
    async with services.store.transaction() as tx:
        await tx.coordination.audit(actor, "export", services.clock.now(), cohort_id=cohort.id,
                                    detail="all files", count=sum(len(lines) for _, lines in tables.values()))
    return written
