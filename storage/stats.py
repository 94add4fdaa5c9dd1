"""Cohort figures for coordinators: counts only, grouped in SQL, nothing about any one learner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from storage.db import Conn, iso


@dataclass(frozen=True)
class CohortFigures:
    enrolled: int
    active_7d: int
    drops_completed: dict[str, int]  # drop id -> learners who completed it
    first_answers: dict[str, tuple[int, int]]  # quiz step id -> (wrong, answered), first attempts
    confidence: dict[tuple[str, str], tuple[float, int]]  # (statement, phase) -> (mean, n)
    reflections: int


async def learners_by_status(conn: Conn, now: datetime) -> tuple[int, dict[str, int]]:
    """How many active learners are due by now, and how many learners are in each status."""
    due = await conn.execute(
        "SELECT COUNT(*) FROM learners WHERE status = 'active' AND next_due_at <= ?", (iso(now),))
    statuses = await conn.execute("SELECT status, COUNT(*) FROM learners GROUP BY status")
    return int(due.rows[0][0]), {r[0]: r[1] for r in statuses.rows}


async def cohort_figures(conn: Conn, cohort_id: int, now: datetime) -> CohortFigures:
    members = "SELECT user_id FROM learners WHERE cohort_id = ? AND status != 'joining'"

    async def rows(sql: str, *params: object) -> list[aiosqlite.Row]:
        async with conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    counts = await rows(
        "SELECT COUNT(*), SUM(last_active_at >= ?) FROM learners WHERE cohort_id = ? AND status != 'joining'",
        iso(now - timedelta(days=7)), cohort_id)
    drops = await rows(
        f"SELECT drop_id, COUNT(*) FROM drop_progress WHERE completed_at IS NOT NULL"
        f" AND user_id IN ({members}) GROUP BY drop_id", cohort_id)
    answers = await rows(
        f"SELECT step_id, SUM(NOT correct), COUNT(*) FROM quiz_answers q WHERE recall = 0"
        f" AND user_id IN ({members}) AND id = (SELECT MIN(id) FROM quiz_answers f"
        f" WHERE f.user_id = q.user_id AND f.step_id = q.step_id AND f.recall = 0) GROUP BY step_id",
        cohort_id)
    confidence = await rows(
        f"SELECT statement, phase, AVG(rating), COUNT(*) FROM confidence WHERE user_id IN ({members})"
        f" GROUP BY statement, phase", cohort_id)
    reflections = await rows(
        f"SELECT COUNT(*) FROM reflections WHERE kind = 'reflect' AND user_id IN ({members})", cohort_id)
    return CohortFigures(
        enrolled=int(counts[0][0] or 0), active_7d=int(counts[0][1] or 0),
        drops_completed={r[0]: r[1] for r in drops},
        first_answers={r[0]: (int(r[1]), int(r[2])) for r in answers},
        confidence={(r[0], r[1]): (float(r[2]), int(r[3])) for r in confidence},
        reflections=int(reflections[0][0] or 0))


async def quiet_learners(conn: Conn, cohort_id: int, since: datetime) -> list[str]:
    """First names of learners still on the course (active, asked whether to pause, or paused) who have
    finished no drop since then (nor joined)."""
    async with conn.execute(
        "SELECT l.first_name FROM learners l WHERE l.cohort_id = ?"
        " AND l.status IN ('active', 'quiet', 'paused') AND l.joined_at < ?"
        " AND NOT EXISTS (SELECT 1 FROM drop_progress d WHERE d.user_id = l.user_id"
        " AND d.completed_at >= ?) ORDER BY l.first_name", (cohort_id, iso(since), iso(since))
    ) as cur:
        return [str(r[0]) for r in await cur.fetchall()]
