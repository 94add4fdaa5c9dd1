"""Who gets into the dashboard, over plain HTTP: initData, one-time links, sessions, CSRF, roles."""

from __future__ import annotations

import re
from datetime import timedelta

import aiohttp

from bot.dashboard.guard import INIT_DATA_HEADER
from tests.dashboard_kit import COORD_A, LEARNER, Desk, desk, init_data, sign_in_link
from tests.journey import Journey

__all__ = ["desk"]


async def _get(desk: Desk, path: str, headers: dict[str, str]) -> tuple[int, str, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as http, http.get(desk.url + path, headers=headers,
                                                        allow_redirects=False) as response:
        return response.status, await response.text(), response


def _as(desk: Desk, user_id: int, age: timedelta = timedelta(0), token: str | None = None) -> dict[str, str]:
    at = desk.journey.clock.now() - age
    return {INIT_DATA_HEADER: init_data(user_id, at, token) if token else init_data(user_id, at)}


async def test_a_coordinator_in_the_mini_app_sees_their_cohort_and_not_another(desk: Desk) -> None:
    status, body, response = await _get(desk, "/", _as(desk, COORD_A))
    assert status == 200
    assert "Dundee cluster" in body and "Inverness cluster" not in body
    assert "frame-ancestors https://web.telegram.org" in response.headers["Content-Security-Policy"]
    status, body, _ = await _get(desk, f"/cohorts/{desk.b}", _as(desk, COORD_A))
    assert status == 403 and "Inverness" not in body


async def test_forged_stale_or_foreign_init_data_and_learners_are_refused_with_no_data(desk: Desk) -> None:
    good = _as(desk, COORD_A)[INIT_DATA_HEADER]
    forged = {INIT_DATA_HEADER: good.replace("Fiona", "Admin")}
    stale = _as(desk, COORD_A, age=timedelta(hours=2))
    other_bot = _as(desk, COORD_A, token="987654321:AAHanotherbotanotherbotanotherbot1")
    for headers in (forged, stale, other_bot, {}):
        status, body, _ = await _get(desk, "/", headers)
        assert status == 401 and "Dundee" not in body
    status, body, _ = await _get(desk, "/", _as(desk, LEARNER))
    assert status == 403 and "Dundee" not in body


async def test_a_form_without_its_csrf_token_changes_nothing(desk: Desk) -> None:
    headers = _as(desk, COORD_A)
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{desk.url}/cohorts/{desk.a}/rename", headers=headers,
                             data={"name": "Hijacked"}, allow_redirects=False) as refused:
            assert refused.status == 403
        _, page, _ = await _get(desk, "/", headers)
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf
        async with http.post(f"{desk.url}/cohorts/{desk.a}/rename", headers=headers,
                             data={"name": "Dundee and Angus", "csrf": csrf.group(1)},
                             allow_redirects=False) as done:
            assert done.status == 303
    _, page, _ = await _get(desk, "/", headers)
    assert "Dundee and Angus" in page and "Hijacked" not in page
    async with desk.journey.services.store.read() as tx, tx.conn.execute(
            "SELECT actor, action, detail FROM audit WHERE action = 'rename cohort'") as cur:
        assert [tuple(r) for r in await cur.fetchall()] == [(COORD_A, "rename cohort", "Dundee and Angus")]


async def test_a_sign_in_link_works_once_and_sign_out_ends_the_session(desk: Desk) -> None:
    link = await sign_in_link(desk.journey, COORD_A)
    token = link.split("t=", 1)[1]
    async with aiohttp.ClientSession() as http:
        async with http.get(link) as form_page:
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', await form_page.text())
        assert csrf
        form = {"t": token, "csrf": csrf.group(1)}
        async with http.post(f"{desk.url}/signin", data=form, allow_redirects=False) as signed_in:
            assert signed_in.status == 303
            cookie = signed_in.headers["Set-Cookie"]
        async with http.post(f"{desk.url}/signin", data=form, allow_redirects=False) as again:
            assert again.status == 403 and "has been used or has expired" in await again.text()
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Strict" in cookie
    session = {"Cookie": cookie.split(";", 1)[0]}
    status, page, _ = await _get(desk, "/", session)
    assert status == 200 and "Dundee cluster" in page
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf
    async with aiohttp.ClientSession() as http, http.post(f"{desk.url}/signout", headers=session,
                                                          data={"csrf": csrf.group(1)},
                                                          allow_redirects=False) as out:
        assert out.status == 303
    status, page, _ = await _get(desk, "/", session)  # the old cookie, kept by someone: refused
    assert status == 401 and "Dundee" not in page


async def test_a_learner_asking_for_a_sign_in_link_gets_none(desk: Desk) -> None:
    person = desk.journey.standin.user(LEARNER)
    await person.send("/dashboard")
    reply = await person.wait_for("only for the coordinators")
    assert "href" not in reply.text


async def test_confidence_resting_on_fewer_than_five_people_is_too_few_to_show(desk: Desk) -> None:
    async def rate(*learners: int) -> str:
        async with desk.journey.services.store.transaction() as tx:
            for uid in learners:
                await tx.progress.rate(uid, "t1-d1-cb", "t1-s1", "before", 4, desk.journey.clock.now())
        status, page, _ = await _get(desk, f"/cohorts/{desk.a}", _as(desk, COORD_A))
        assert status == 200
        return page.split("Average confidence by module")[1]

    table = await rate(11, 12)
    assert "too few to show" in table and "4.0" not in table
    for uid in (13, 14, 15):
        await desk.journey.enrol(uid, code="dundee26")
    assert "<td>4.0</td>" in await rate(13, 14, 15)


async def test_an_event_lists_who_is_going_by_first_name_only(desk: Desk) -> None:
    from datetime import timedelta as td

    from bot.usecases.events import add_event
    now = desk.journey.clock.now()
    event_id = await add_event(desk.journey.services, COORD_A, desk.a, "Training day", "training",
                               now + td(days=2), now + td(days=2, hours=6))
    async with desk.journey.services.store.transaction() as tx:
        await tx.events.answer(event_id, LEARNER, "going", now)
    _, page, _ = await _get(desk, f"/cohorts/{desk.a}/events", _as(desk, COORD_A))
    assert f"<td>{event_id}</td>" in page and "1 <span class=\"muted\">(Learner)</span>" in page
    assert str(LEARNER) not in page.split("Training day")[1].split("</tr>")[0]


async def test_without_its_address_set_the_dashboard_is_off_and_says_so(journey: Journey) -> None:
    assert journey.app is not None and journey.app.bot_data["dashboard"] is None
    async with journey.services.store.transaction() as tx:
        cohort = await tx.cohorts.create("Dundee", journey.clock.now())
        await tx.coordination.add_coordinator(COORD_A, cohort.id, 1, journey.clock.now())
    person = journey.standin.user(COORD_A)
    await person.send("/dashboard")
    reply = await person.wait_for("not switched on")
    assert "KTP_DASHBOARD_URL" in reply.text


async def test_refusals_carry_the_security_headers_too(desk: Desk) -> None:
    status, _, response = await _get(desk, "/", {})
    assert status == 401
    assert "frame-ancestors" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
