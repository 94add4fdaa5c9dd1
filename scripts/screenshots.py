"""Screenshots of every dashboard page at 360 px (a phone) and 1280 px (a desk), for people to look at.

The bot runs against the local stand-in Bot API with a made-up cohort; Debian's Chromium takes
the pictures. Nothing leaves 127.0.0.1.

Run: .venv/bin/python scripts/screenshots.py [OUT_FOLDER]   (default: screenshots/)
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from playwright.async_api import async_playwright

from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.lifecycle import running
from bot.services import Services
from bot.usecases import events
from bot.usecases.coordination import Coordination
from bot.usecases.dashboard_access import sign_in_link
from standin import StandIn
from standin.driver import TOKEN

COORDINATOR, ADMIN = 500, 1
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
NAMES = ["Aileen", "Bruce", "Catriona", "Duncan", "Eilidh", "Fraser", "Greer", "Hamish", "Isla", "Jamie"]


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _cohort(services: Services) -> int:
    """A cohort of ten learners, spread along the first module, with one event and a draft broadcast."""
    now = services.clock.now()
    drops = [d.id for m in services.course.course.modules for d in m.drops]
    async with services.store.transaction() as tx:
        cohort = await tx.cohorts.create("Dundee cluster 2027", now)
        await tx.coordination.add_coordinator(COORDINATOR, cohort.id, ADMIN, now)
        await tx.coordinator_invites.name_coordinator(COORDINATOR, "Fiona")
        for number, name in enumerate(NAMES):
            user_id = 1000 + number
            await tx.learners.create(user_id, user_id, name, cohort.id, now)
            await tx.learners.update(user_id, status="active", consent_version="1", last_active_at=now)
            for drop in drops[: (number * 2) % (len(drops) + 1)]:
                await tx.progress.drop_completed(user_id, drop, now)
    await events.add_event(services, COORDINATOR, cohort.id, "Online practice-sharing", "online",
                           now + timedelta(days=3), now + timedelta(days=3, hours=1), "Teams link to follow")
    await Coordination(services, COORDINATOR).draft(cohort.id, "Reminder: <b>Thursday</b> at 15:45.")
    return cohort.id


async def shoot(out: Path) -> list[Path]:
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("no Chromium found: apt-get install -y chromium")
    out.mkdir(parents=True, exist_ok=True)
    port = _port()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        async with StandIn(token=TOKEN) as standin:
            settings = Settings(bot_token=TOKEN, database=Path(folder) / "bot.sqlite3",
                                api_base_url=standin.base_url, bot_username="ktp_test_bot",
                                dashboard_url=f"http://127.0.0.1:{port}", dashboard_port=port,
                                admin_ids=frozenset({ADMIN}))
            async with running(build_application(settings, drip_job=False), polling=True) as app:
                services: Services = app.bot_data["services"]
                cohort = await _cohort(services)
                pages = {"cohorts": "/", "progress": f"/cohorts/{cohort}",
                         "events": f"/cohorts/{cohort}/events", "calendar": f"/cohorts/{cohort}/calendar",
                         "broadcasts": f"/cohorts/{cohort}/broadcasts", "preview": "/broadcasts/1",
                         "exports": f"/cohorts/{cohort}/export"}
                async with async_playwright() as driver:
                    browser = await driver.chromium.launch(executable_path=chromium, args=ARGS)
                    for width in (360, 1280):
                        written += await _pages(browser, services, pages, width, out, COORDINATOR)
                        written += await _pages(browser, services, {"people": "/people"}, width, out, ADMIN)
                    await browser.close()
    return written


async def _pages(browser: Any, services: Services, pages: dict[str, str], width: int,
                 out: Path, user_id: int) -> list[Path]:
    """Each page as this person sees it; the coordinator's pass also shows the sign-in page."""
    context = await browser.new_context(viewport={"width": width, "height": 800}, locale="en-GB")
    page = await context.new_page()
    base = services.settings.dashboard_url
    written = []
    if user_id == COORDINATOR:
        written.append(out / f"signin-{width}.png")
        await page.goto(base + "/signin")
        await page.screenshot(path=str(written[0]), full_page=True)
    link = await sign_in_link(services, user_id)
    assert link is not None
    await page.goto(link)
    await page.get_by_role("button", name="Sign in").click()
    for name, path in pages.items():
        await page.goto(base + path)
        target = out / f"{name}-{width}.png"
        await page.screenshot(path=str(target), full_page=True)
        written.append(target)
    await context.close()
    return written


if __name__ == "__main__":
    for path in asyncio.run(shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))):
        print(path)
