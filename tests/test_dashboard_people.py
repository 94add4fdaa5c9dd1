"""The people page over HTTP: admins make coordinator invites, remove coordinators and see them by name."""

from __future__ import annotations

import re
from datetime import timedelta

import aiohttp

from bot.dashboard.guard import INIT_DATA_HEADER
from bot.usecases.people import INVITE_DAYS
from tests.dashboard_kit import COORD_A, Desk, desk, init_data

__all__ = ["desk"]
ADMIN = 1  # the journeys' admin id


def _as(desk: Desk, user_id: int) -> dict[str, str]:
    return {INIT_DATA_HEADER: init_data(user_id, desk.journey.clock.now())}


async def _get(desk: Desk, path: str, user_id: int) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(desk.url + path, headers=_as(desk, user_id),
                                                        allow_redirects=False) as response:
        return response.status, await response.text()


async def _post(desk: Desk, path: str, user_id: int, **data: str) -> tuple[int, str]:
    _, page = await _get(desk, "/", user_id)
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf
    async with aiohttp.ClientSession() as http, http.post(
            desk.url + path, headers=_as(desk, user_id), data={"csrf": csrf.group(1), **data},
            allow_redirects=False) as response:
        return response.status, await response.text()


async def _invite(desk: Desk, cohort: int) -> str:
    status, page = await _post(desk, "/people/invite", ADMIN, cohort=str(cohort))
    assert status == 200, page
    found = re.search(r'href="(https://t\.me/ktp_test_bot\?start=[^"]+)"', page)
    assert found, page
    return found.group(1).split("start=")[1]


async def test_only_admins_see_the_people_page_or_make_invites(desk: Desk) -> None:
    assert (await _get(desk, "/people", COORD_A))[0] == 403
    status, _ = await _post(desk, "/people/invite", COORD_A, cohort=str(desk.a))
    assert status == 403
    status, page = await _get(desk, "/people", ADMIN)
    assert status == 200 and "Coordinators of 1. Dundee cluster" in page
    _, home = await _get(desk, "/", ADMIN)
    assert 'href="/people"' in home
    _, home = await _get(desk, "/", COORD_A)
    assert 'href="/people"' not in home


async def test_an_invite_makes_its_first_opener_a_coordinator_once_and_is_kept_hashed(desk: Desk) -> None:
    code = await _invite(desk, desk.b)
    person = desk.journey.standin.user(700, "Morag")
    await person.send(f"/start {code}")
    await person.wait_for("you are now a coordinator of Inverness cluster")
    status, page = await _get(desk, f"/cohorts/{desk.b}", 700)
    assert status == 200 and "Inverness cluster" in page
    _, people = await _get(desk, "/people", ADMIN)
    assert "Morag" in people
    other = desk.journey.standin.user(701, "Euan")
    await other.send(f"/start {code}")
    await other.wait_for("already been used or has expired")
    assert (await _get(desk, "/", 701))[0] == 403
    async with desk.journey.services.store.read() as tx:
        async with tx.conn.execute("SELECT code_hash FROM coordinator_invites") as cur:
            kept = [r[0] for r in await cur.fetchall()]
        async with tx.conn.execute("SELECT actor, action, cohort_id FROM audit WHERE action LIKE"
                                   " 'coordinator invite%' ORDER BY id") as cur:
            audit = [tuple(r) for r in await cur.fetchall()]
    assert kept and code not in kept
    assert audit == [(ADMIN, "coordinator invite", desk.b), (700, "coordinator invite used", desk.b)]


async def test_an_invite_expires_after_a_week(desk: Desk) -> None:
    code = await _invite(desk, desk.a)
    desk.journey.clock.advance(timedelta(days=INVITE_DAYS, minutes=1))
    person = desk.journey.standin.user(702, "Isla")
    await person.send(f"/start {code}")
    await person.wait_for("already been used or has expired")


async def test_an_admin_removes_a_coordinator_who_then_loses_the_cohort(desk: Desk) -> None:
    status, _ = await _post(desk, "/people/remove", ADMIN, user=str(COORD_A), cohort=str(desk.a))
    assert status == 303
    assert (await _get(desk, "/", COORD_A))[0] == 403
    status, _ = await _post(desk, "/people/remove", ADMIN, user="x", cohort=str(desk.a))
    assert status == 400


async def test_a_coordinator_removed_on_the_dashboard_has_a_learners_menu_at_once(desk: Desk) -> None:
    code = await _invite(desk, desk.b)
    person = desk.journey.standin.user(703, "Ailsa")
    await person.send(f"/start {code}")
    await person.wait_for("you are now a coordinator of Inverness cluster")
    assert "stats" in desk.journey.standin.commands("chat:703")
    status, _ = await _post(desk, "/people/remove", ADMIN, user="703", cohort=str(desk.b))
    assert status == 303
    assert desk.journey.standin.commands("chat:703") == []  # the learners' menu, without a restart
    assert "stats" not in desk.journey.standin.commands()
