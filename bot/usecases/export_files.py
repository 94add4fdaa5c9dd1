"""An export's files, written in a process of its own: it reads the rows, pseudonymises them, writes
the CSV files and the workbook into the export's folder, and hands back only how many rows each holds.

A 20,000-learner cohort has some 160,000 rows, and its workbook takes seconds of CPU: in a worker
thread that still held the interpreter's lock away from the event loop, so every learner waited.
Nothing here touches the bot's connections or loop; big row lists never cross between processes.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from bot.usecases.cohort_stats import FEW, shown
from bot.usecases.tables import Row, write_csv, write_workbook
from storage.exports import CohortExport, Rows

# File -> (its query in storage.exports, its header); each row's first column is the learner's
# user id (except in AUTHORLESS files).
FILES: dict[str, tuple[str, list[str]]] = {
    "answers.csv": ("answers", ["learner", "step", "choice", "correct", "recall", "at"]),
    "confidence.csv": ("confidence", ["learner", "statement", "phase", "rating", "at"]),
    "feedback.csv": ("feedback", ["learner", "step", "feedback", "at"]),
    "attendance.csv": ("attendance", ["learner", "event", "title", "answer", "attended", "will_try"]),
    "reflections.csv": ("shared_reflections", ["learner", "step", "reflection", "at"]),
    "tips.csv": ("published_tips", ["module", "tip", "published", "useful"]),
}
# Files with no learner column: nothing in them to pseudonymise, and nothing says who wrote a tip.
AUTHORLESS = {"tips.csv"}
# Files of each learner's scores: with fewer than FEW learners in one, even a pseudonym points at a
# person in the room, so its rows are withheld and one line says why (the rule of the cohort's figures).
SCORES = frozenset({"answers.csv", "confidence.csv"})
WORKBOOK = "export.xlsx"
# A workbook of more rows than this is written a row at a time (xlsxwriter's constant_memory):
# 160,000 rows held whole took 370 MB. Smaller ones keep one table of shared strings (a smaller file).
STREAM_FROM = 20_000

Table = tuple[Row, list[Row]]


def pseudonym(key: bytes, user_id: int) -> str:
    return "L-" + hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:10]


@dataclass(frozen=True)
class Job:
    """What the other process needs: small values only (paths, ids, the pseudonym key)."""

    database: Path
    cohort_id: int
    key: bytes
    folder: Path  # made private by the caller; never created here, so a folder given up stays gone
    files: tuple[str, ...] = tuple(FILES)
    csv: bool = True  # each file as CSV
    workbook: bool = False  # and all of them as one export.xlsx
    front: Table | None = None  # a first sheet ("columns": what each column means), workbook only
    stream_from: int = STREAM_FROM


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


def _table(source: CohortExport, key: bytes, name: str, cohort_id: int) -> Table:
    query, header = FILES[name]
    rows = source.rows(query, cohort_id)
    if name in AUTHORLESS:
        return header, [list(row) for row in rows]
    if rows and name in SCORES and not shown(len({row[0] for row in rows})):
        return header, [[f"too few to show (fewer than {FEW} learners)", *[""] * (len(header) - 1)]]
    return header, _pseudonymised(key, rows)


def write(job: Job) -> dict[str, int]:
    """Write the job's files into its folder; rows written per file (the workbook: all of them)."""
    with CohortExport(job.database) as source:
        tables = {name: _table(source, job.key, name, job.cohort_id) for name in job.files}
    written = {name: len(lines) for name, (_, lines) in tables.items()}
    if job.csv:
        for name, (header, lines) in tables.items():
            write_csv(job.folder / name, header, lines)
    if job.workbook:
        sheets = {"columns": job.front} if job.front is not None else {}
        sheets.update({name.removesuffix(".csv"): table for name, table in tables.items()})
        write_workbook(job.folder / WORKBOOK, sheets, streaming=sum(written.values()) > job.stream_from)
        written[WORKBOOK] = sum(written.values())
    return written
