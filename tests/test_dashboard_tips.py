"""The dashboard's tips queue: publish, or decline with a reason, as in the chat's /tips."""

from __future__ import annotations

import re

import aiohttp

from bot.dashboard.guard import INIT_DATA_HEADER
from tests.dashboard_kit import COORD_A, COORD_B, LEARNER, Desk, desk, init_data

__all__ = ["desk"]


async def _offered(desk: Desk, text: str) -> int:
    """A tip its author confirmed, as the chat leaves it (tests/test_board.py offers through the chat)."""
    now = desk.journey.clock.now()
    async with desk.journey.services.store.transaction() as tx:
        tip_id = await tx.tips.draft(LEARNER, desk.a, "t1", text, now)
        await tx.tips.set_status(tip_id, "offered", from_status=("draft",))
    return tip_id


def _as(desk: Desk, user_id: int) -> dict[str, str]:
    return {INIT_DATA_HEADER: init_data(user_id, desk.journey.clock.now())}


async def test_a_coordinator_publishes_and_declines_from_the_queue_and_the_authors_hear(desk: Desk) -> None:
    keep = await _offered(desk, "A job at the start of the day")
    drop = await _offered(desk, "Sweets at the gate")
    async with aiohttp.ClientSession(headers=_as(desk, COORD_A)) as http:
        async with http.get(f"{desk.url}/cohorts/{desk.a}/tips") as shown:
            page = await shown.text()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert shown.status == 200 and csrf and "A job at the start of the day" in page
        assert "Sweets at the gate" in page and f'href="/cohorts/{desk.a}/tips"' in page
        async with http.post(f"{desk.url}/tips/{keep}/publish", data={}) as refused:
            assert refused.status == 403  # no CSRF token: nothing published
        async with http.post(f"{desk.url}/tips/{keep}/publish", data={"csrf": csrf.group(1)}) as done:
            assert done.status == 200 and "Published: it is on the cohort" in await done.text()
        async with http.post(f"{desk.url}/tips/{drop}/decline", data={"csrf": csrf.group(1),
                                                                      "reason": " "}) as empty:
            assert empty.status == 400 and "write the reason" in await empty.text()
        async with http.post(f"{desk.url}/tips/{drop}/decline",
                             data={"csrf": csrf.group(1), "reason": "Not one for school staff"}) as no:
            page = await no.text()
            assert "Declined" in page and "Nothing waiting." in page
    await desk.journey.drip()
    author = desk.journey.standin.user(LEARNER)
    await author.wait_for("Your tip is now on your cohort's /board")
    assert "Not one for school staff" in (await author.wait_for("didn't publish your tip")).text
    await desk.journey.standin.user(12).send("/board")
    board = await desk.journey.standin.user(12).wait_for("A job at the start of the day")
    assert "Sweets" not in board.text
    async with desk.journey.services.store.read() as tx, tx.conn.execute(
            "SELECT actor, action FROM audit WHERE action LIKE '% tip' ORDER BY id") as cur:
        audited = [tuple(r) for r in await cur.fetchall()]
    assert audited == [(COORD_A, "approve tip"), (COORD_A, "decline tip")]


async def test_another_cohorts_coordinator_can_neither_see_nor_publish_the_tip(desk: Desk) -> None:
    tip = await _offered(desk, "A job at the start of the day")
    async with aiohttp.ClientSession(headers=_as(desk, COORD_B)) as http:
        async with http.get(f"{desk.url}/cohorts/{desk.a}/tips") as refused:
            assert refused.status == 403 and "A job" not in await refused.text()
        async with http.get(f"{desk.url}/cohorts/{desk.b}/events") as own:  # a form of their own
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', await own.text())
        assert csrf
        async with http.post(f"{desk.url}/tips/{tip}/publish", data={"csrf": csrf.group(1)}) as forged:
            assert forged.status == 403
    async with desk.journey.services.store.read() as tx:
        found = await tx.tips.get(tip)
    assert found is not None and found.status == "offered"
