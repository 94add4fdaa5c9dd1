"""Editing an event from the dashboard, and the after-session answers on its page."""

from __future__ import annotations

import re
from datetime import timedelta

import aiohttp

from bot.dashboard.guard import INIT_DATA_HEADER
from bot.usecases.events import add_event
from tests.dashboard_kit import COORD_A, COORD_B, LEARNER, Desk, desk, init_data

__all__ = ["desk"]


def _as(desk: Desk, user_id: int) -> dict[str, str]:
    return {INIT_DATA_HEADER: init_data(user_id, desk.journey.clock.now())}


async def _training_day(desk: Desk, days: float = 2) -> int:
    now = desk.journey.clock.now()
    event_id = await add_event(desk.journey.services, COORD_A, desk.a, "Training day", "training",
                               now + timedelta(days=days), now + timedelta(days=days, hours=6), "Dundee")
    async with desk.journey.services.store.transaction() as tx:
        await tx.events.answer(event_id, LEARNER, "going", now)
        await tx.events.answer(event_id, 12, "not", now)
    return event_id


async def test_an_edit_from_the_dashboard_tells_those_going_with_the_chats_changed_notice(desk: Desk) -> None:
    event_id = await _training_day(desk)
    headers = _as(desk, COORD_A)
    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.get(f"{desk.url}/events/{event_id}") as shown:
            page = await shown.text()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert shown.status == 200 and csrf and 'value="Training day"' in page
        form = {"csrf": csrf.group(1), "title": "Training day: trauma-informed practice", "day": "2026-12-04",
                "start": "09:30", "end": "15:30", "place": "Perth"}
        async with http.post(f"{desk.url}/events/{event_id}/edit", data=form, allow_redirects=False) as done:
            assert done.status == 303
        async with http.post(f"{desk.url}/events/{event_id}/edit", data={**form, "end": "08:00"}) as bad:
            assert bad.status == 400 and "Nothing was changed" in await bad.text()
    await desk.journey.drip()
    changed = await desk.journey.standin.user(LEARNER).wait_for("Changed")
    assert "trauma-informed practice" in changed.text and "Fri 4 Dec" in changed.text
    assert "Perth" in changed.text
    assert not [m for m in desk.journey.standin.user(12).messages if "Changed" in m.text]
    async with desk.journey.services.store.read() as tx, tx.conn.execute(
            "SELECT actor, count FROM audit WHERE action = 'edit event'") as cur:
        assert [tuple(r) for r in await cur.fetchall()] == [(COORD_A, 1)]


async def test_another_cohorts_coordinator_cannot_see_the_event(desk: Desk) -> None:
    event_id = await _training_day(desk)
    async with aiohttp.ClientSession(headers=_as(desk, COORD_B)) as http, http.get(
            f"{desk.url}/events/{event_id}") as refused:
        assert refused.status == 403 and "Training day" not in await refused.text()


async def test_what_learners_will_try_is_on_the_event_page_without_their_names(desk: Desk) -> None:
    event_id = await _training_day(desk, days=-1)  # it happened yesterday
    async with desk.journey.services.store.transaction() as tx:
        await tx.events.will_try(event_id, LEARNER, "A calm-down corner in the base")
    async with aiohttp.ClientSession(headers=_as(desk, COORD_A)) as http:
        async with http.get(f"{desk.url}/cohorts/{desk.a}/events") as listed:
            assert f'href="/events/{event_id}"' in await listed.text()
        async with http.get(f"{desk.url}/events/{event_id}") as shown:
            page = await shown.text()
    tried = page.split("What learners will try")[1]
    assert "A calm-down corner in the base" in tried
    assert re.search(r"L-[0-9a-f]{10}", tried) and "Learner" not in tried
    assert "Edit the event" not in page  # a past event is not moved
