"""The dashboard in a real headless Chromium (Debian's), driven by Playwright: what a coordinator does.

Skipped, saying why, where no Chromium is installed; CI installs it and fails rather than skip.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.dashboard_kit import COORD_A, LEARNER, Desk, desk, init_data, sign_in_link

__all__ = ["desk"]
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium")
        pytest.skip("no Chromium found: install Debian's package (apt-get install -y chromium)")
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        launched = await driver.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


async def _context(browser: Any, desk: Desk, telegram: str | None = None) -> Any:
    """A fresh browser profile that reaches only the dashboard; Telegram's script is a stand-in."""
    context = await browser.new_context(accept_downloads=True, viewport={"width": 360, "height": 740},
                                        locale="en-GB")
    context.set_default_timeout(10_000)

    async def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("https://telegram.org/") and telegram is not None:
            app = {"initData": telegram, "themeParams": {}}
            body = f"window.Telegram = {{WebApp: Object.assign({json.dumps(app)}, {{ready() {{}}}})}};"
            await request_route.fulfill(body=body, content_type="application/javascript")
        elif url.startswith(desk.url):
            await request_route.continue_()
        else:  # no test touches the internet
            await request_route.abort()

    await context.route("**/*", route)
    return context


async def _signed_in(browser: Any, desk: Desk, user_id: int = COORD_A) -> Any:
    page = await (await _context(browser, desk)).new_page()
    await page.goto(await sign_in_link(desk.journey, user_id))
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("heading", name="Your cohorts").wait_for()
    return page


async def test_in_the_mini_app_a_coordinator_adds_an_event_and_a_learner_is_reminded(
        browser: Any, desk: Desk) -> None:
    signed = init_data(COORD_A, desk.journey.clock.now())
    page = await (await _context(browser, desk, telegram=signed)).new_page()
    await page.goto(f"{desk.url}/app")
    await page.get_by_role("heading", name="Your cohorts").wait_for()
    assert "Dundee cluster" in await page.content() and "Inverness" not in await page.content()
    await page.get_by_role("link", name=f"{desk.a}. Dundee cluster").click()
    await page.get_by_role("link", name="Events").click()
    await page.get_by_label("Title").fill("Online practice-sharing")
    await page.get_by_label("Online session").check()
    await page.get_by_label("Day", exact=True).fill("2026-11-26")
    await page.get_by_label("Starts", exact=True).fill("15:45")
    await page.get_by_label("Ends", exact=True).fill("16:30")
    await page.get_by_role("button", name="Add the event").click()
    row = page.get_by_role("row", name="Online practice-sharing")
    await row.wait_for()
    assert "Thu 26 Nov 2026, 15:45" in await row.inner_text()
    await desk.journey.drip()
    reminder = await desk.journey.standin.user(LEARNER).wait_for("Online practice-sharing")
    assert reminder.buttons  # going / can't go


async def test_signed_in_by_link_a_coordinator_sets_a_calendar_broadcasts_and_exports(
        browser: Any, desk: Desk) -> None:
    page = await _signed_in(browser, desk)
    await page.goto(f"{desk.url}/cohorts/{desk.a}/calendar")
    await page.get_by_label("Term 1 starts").fill("2027-01-06")
    await page.get_by_label("Term 1 ends").fill("2027-03-31")
    await page.get_by_label("In-service day 1").fill("2027-02-22")
    await page.get_by_role("button", name="Save the calendar").click()
    await page.wait_for_url("**/calendar?saved=1")
    async with desk.journey.services.store.read() as tx:
        cohort = await tx.cohorts.get(desk.a)
    assert cohort is not None and cohort.calendar["in_service"] == ["2027-02-22"]

    await page.get_by_role("link", name="Broadcasts").click()
    await page.get_by_label("Message").fill("Reminder: <b>Thursday</b> session at 15:45.")
    await page.get_by_role("button", name="Preview").click()
    assert await page.locator(".bubble b").inner_text() == "Thursday"
    await page.get_by_role("button", name="Send to 2").click()
    await page.get_by_text("Sending: 0 of 2 handled").wait_for()
    await desk.journey.drip()
    await page.get_by_text("Finished: 2 of 2 handled").wait_for(timeout=10_000)  # the page refreshes itself
    assert "Delivered 2" in await page.locator("#progress").inner_text()

    await page.get_by_role("link", name="Export").click()
    async with page.expect_download() as download:
        await page.get_by_role("link", name="answers.csv").click()
    content = Path(await (await download.value).path()).read_bytes()
    assert content.startswith("\ufefflearner,step,choice,correct,recall,at".encode())


async def test_forged_or_stale_init_data_a_reused_link_and_a_missing_csrf_token_are_refused(
        browser: Any, desk: Desk) -> None:
    now = desk.journey.clock.now()
    forged = init_data(COORD_A, now).replace("Fiona", "Admin")
    stale = init_data(COORD_A, now - timedelta(hours=3))
    for signed in (forged, stale):
        page = await (await _context(browser, desk, telegram=signed)).new_page()
        await page.goto(f"{desk.url}/app")
        await page.get_by_text("Sign in first").wait_for()
        assert "Dundee" not in await page.content()

    link = await sign_in_link(desk.journey, COORD_A)
    first = await (await _context(browser, desk)).new_page()
    await first.goto(link)
    await first.get_by_role("button", name="Sign in").click()
    await first.get_by_role("heading", name="Your cohorts").wait_for()
    second = await (await _context(browser, desk)).new_page()
    await second.goto(link)
    await second.get_by_role("button", name="Sign in").click()
    await second.get_by_text("has been used or has expired").wait_for()
    assert "Dundee" not in await second.content()

    await first.locator(f"#cohort-{desk.a} form.row input[name=csrf]").evaluate("input => input.remove()")
    await first.get_by_label("New name").first.fill("Hijacked")
    await first.get_by_role("button", name="Rename").first.click()
    await first.get_by_text("This form has expired").wait_for()
    async with desk.journey.services.store.read() as tx:
        cohort = await tx.cohorts.get(desk.a)
    assert cohort is not None and cohort.name == "Dundee cluster"


async def test_a_coordinator_moves_an_event_with_the_pickers_and_the_learner_going_is_told(
        browser: Any, desk: Desk) -> None:
    from bot.usecases.events import add_event
    now = desk.journey.clock.now()
    event_id = await add_event(desk.journey.services, COORD_A, desk.a, "Training day", "training",
                               now + timedelta(days=2), now + timedelta(days=2, hours=6), "Dundee")
    async with desk.journey.services.store.transaction() as tx:
        await tx.events.answer(event_id, LEARNER, "going", now)
    page = await _signed_in(browser, desk)
    await page.goto(f"{desk.url}/cohorts/{desk.a}/events")
    await page.get_by_role("link", name="Training day").click()
    await page.get_by_label("Title").fill("Training day, moved")
    await page.get_by_label("Day", exact=True).fill("2026-12-04")
    await page.get_by_label("Starts", exact=True).fill("09:30")
    await page.get_by_label("Ends", exact=True).fill("15:30")
    await page.get_by_label("Place or link").fill("Perth")
    await page.get_by_role("button", name="Save the changes").click()
    await page.get_by_text("Saved. Those going have been told.").wait_for()
    assert "Fri 04 Dec 2026, 09:30" in await page.content()
    await desk.journey.drip()
    changed = await desk.journey.standin.user(LEARNER).wait_for("Changed")
    assert "Training day, moved" in changed.text and "Perth" in changed.text


async def test_an_admin_makes_a_coordinator_invite_that_works_once(browser: Any, desk: Desk) -> None:
    admin = 1  # the journeys' admin
    signed = init_data(admin, desk.journey.clock.now())
    page = await (await _context(browser, desk, telegram=signed)).new_page()
    await page.goto(f"{desk.url}/app")
    await page.get_by_role("link", name="People").click()
    await page.get_by_label("Cohort").select_option(str(desk.b))
    await page.get_by_role("button", name="Make a coordinator invite link").click()
    link = await page.locator("a.invite").inner_text()
    assert link.startswith("https://t.me/ktp_test_bot?start=coord-")
    code = link.split("start=")[1]

    morag = desk.journey.standin.user(700, "Morag")
    await morag.send(f"/start {code}")
    await morag.wait_for("you are now a coordinator of Inverness cluster")
    assert "broadcast" in desk.journey.standin.commands("chat:700")
    await morag.send("/cohorts")
    listed = await morag.wait_for("Your cohorts")
    assert "Inverness cluster" in listed.text and "Dundee" not in listed.text

    euan = desk.journey.standin.user(701, "Euan")
    await euan.send(f"/start {code}")
    await euan.wait_for("already been used or has expired")
    assert "broadcast" not in desk.journey.standin.commands("chat:701")

    await page.get_by_role("link", name="People").click()
    coordinators = page.locator("section", has=page.get_by_role("heading", name=f"Coordinators of {desk.b}."))
    await coordinators.get_by_text("Morag").wait_for()  # the page after the click, not the one before
    await coordinators.get_by_role("button", name="Remove Morag from Inverness cluster").click()
    await page.get_by_text("Morag").wait_for(state="detached")
    async with desk.journey.services.store.read() as tx:
        assert desk.b not in await tx.coordination.cohorts_of(700)
