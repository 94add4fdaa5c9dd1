"""What the bot says is Telegram HTML by construction, within Telegram's limits, whatever people typed."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.callbacks import Action, parse
from bot.handlers.buttons import ROUTES
from bot.usecases.cohort_stats import ModuleLine, Summary
from bot.views.charts import completion_chart
from bot.views.html import Markup, escape, html
from bot.views.screen import WebAppButton
from standin.errors import ApiError
from standin.html import parse as parse_telegram_html
from standin.html import utf16_len
from tests.conftest import FakeClock
from tests.every_view import every_screen
from tests.journey import Journey

ADMIN, COORDINATOR = 1, 500  # Journey.settings names user 1 as the admin
TEXT_LIMIT, CAPTION_LIMIT, DATA_LIMIT, LABEL_LIMIT = 4096, 1024, 64, 64

HOSTILE = ["<", "&", ">", "<b>", "</i>", "&amp;", "&#0;", "\"'", "$x^2$", "$$", "a" * 4096, "😀" * 2048,
           "\u202eRTL עברית العربية", "<Telegram user id>", "Tea & cake (<30 min)", "<a href='x'>", ""]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4096),
                   st.text(alphabet="<>&\"'$;#x0123456789abc", max_size=300))
numbers = st.one_of(st.integers(min_value=0, max_value=10**18), st.sampled_from([0, 1, 10**18]))


def test_values_are_escaped_unless_they_are_markup() -> None:
    assert html("<b>{name}</b>", name="<i>&") == "<b>&lt;i&gt;&amp;</b>"
    assert html("<b>{name}</b>", name=Markup("<i>x</i>")) == "<b><i>x</i></b>"
    assert Markup("<b>x</b>") + "<" == "<b>x</b>&lt;"
    assert "<" + Markup("<b>x</b>") == "&lt;<b>x</b>"
    assert isinstance(Markup("\n").join(["<", Markup("<b>y</b>")]), Markup)
    assert Markup("\n").join(["<", Markup("<b>y</b>")]) == "&lt;\n<b>y</b>"
    assert html("{:.1f} of {}", 2.25, 10**30) == "2.2 of " + str(10**30)
    assert escape(escape("<")) == "&lt;"


def _check(text: str, limit: int) -> None:
    plain, _ = parse_telegram_html(text, "HTML")
    assert utf16_len(plain.strip()) <= limit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values, numbers)
def test_every_view_is_telegram_html_within_telegram_limits(value: str, number: int) -> None:
    for said in every_screen(value, number):
        try:
            _check(said.screen.text, CAPTION_LIMIT if said.caption else TEXT_LIMIT)
        except ApiError as refused:
            pytest.fail(f"{said.view}: Telegram would refuse it ({refused})")
        for row in said.screen.buttons:
            for button in row:
                assert 0 < len(button.label) <= LABEL_LIMIT, said.view
                if isinstance(button, WebAppButton):
                    assert button.url.startswith("https://"), said.view  # Telegram opens no other
                else:
                    assert len(button.data.encode()) <= DATA_LIMIT, said.view


def test_every_button_a_view_can_show_parses_and_routes_to_a_handler() -> None:
    seen: set[Action] = set()
    for value, number in (("x", 1), ("<&>", 10**9)):
        for said in every_screen(value, number):
            for row in said.screen.buttons:
                for button in row:
                    if isinstance(button, WebAppButton):
                        continue
                    callback = parse(button.data)
                    assert callback is not None, f"{said.view}: {button.data!r} is not one of ours"
                    assert callback.encode() == button.data
                    assert inspect.iscoroutinefunction(ROUTES[callback.action]), callback
                    seen.add(callback.action)
    assert seen == set(Action), f"no view shows {set(Action) - seen}"


def test_every_action_has_a_handler() -> None:
    assert set(ROUTES) == set(Action)


def test_a_cohort_name_with_dollars_draws_the_stats_chart() -> None:
    summary = Summary(3, 1, [ModuleLine(1, "Promise", 2, 2.0, 3.5)], [("Drop one", 1)], [], 0)
    png = completion_chart(summary, "Budget $5 a day$ and $\\frac{1}{$ cluster")
    assert png.startswith(b"\x89PNG")


async def test_usage_lines_with_angle_brackets_arrive(journey: Journey) -> None:
    admin = journey.standin.user(ADMIN, "Admin")
    for command, usage in (("/promote", "/promote <Telegram user id> <cohort number>"),
                           ("/demote", "/demote <Telegram user id> <cohort number>"),
                           ("/move", "/move <Telegram user id> <cohort number>"),
                           ("/rename", "/rename <cohort number> <new name>")):
        await admin.send(command)
        said = await admin.wait_for(lambda m, u=usage: u in m.plain)  # type: ignore[misc]
        assert said.plain.startswith(f"Use it like this: {usage}\n")


async def test_a_cohort_and_an_event_named_with_angle_brackets_are_confirmed(
        journey: Journey, clock: FakeClock) -> None:
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Tea <3 & cake")
    invite = await admin.wait_for(lambda m: "Invite link" in m.plain)
    assert invite.plain.startswith("Tea <3 & cake\nInvite link: https://t.me/ktp_test_bot?start=")
    qr = await admin.wait_for(lambda m: m.photo is not None)
    assert qr.plain == "QR code for Tea <3 & cake"
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    await journey.standin.user(COORDINATOR).send("/help")
    await admin.send(f"/promote {COORDINATOR} {cohort.id}")
    promoted = await admin.wait_for(lambda m: "is now a coordinator" in m.plain)
    assert promoted.plain == f"Done: {COORDINATOR} is now a coordinator of Tea <3 & cake."
    await journey.enrol(31, code=cohort.invite_code)
    await admin.send(f"/addevent {cohort.id} | Circle <time> | online | 2026-12-03 15:45 | "
                     "2026-12-03 17:00 | https://meet.example/ktp | Bring a <mug>")
    await admin.wait_for(lambda m: m.plain.startswith("Added: Circle <time>."))
    clock.set(datetime(2026, 12, 3, 15, 45, tzinfo=UTC) - timedelta(days=7))
    await journey.drip()
    learner = journey.standin.user(31)
    reminder = await learner.wait_for(lambda m: "Circle <time>" in m.plain and "Bring a <mug>" in m.plain)
    await learner.press("📅 Add to calendar", message=reminder)
    ics = await learner.wait_for(lambda m: m.document is not None)
    assert ics.plain == "Circle <time>"


async def test_the_explanation_of_bad_broadcast_markup_arrives(journey: Journey) -> None:
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    await admin.send(f"/broadcast {cohort.id}")
    await admin.wait_for("Send me the message for")
    await admin.send("<div>Training on Thursday</div>")
    said = await admin.wait_for(lambda m: "formatting Telegram can't show" in m.plain)
    assert "tag <div> is not one Telegram accepts" in said.plain


async def test_stats_for_a_cohort_named_with_dollars_come_with_their_chart(journey: Journey) -> None:
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Budget $5 a day$ and $^$ cluster")  # $^$ is mathtext it cannot parse
    await admin.wait_for(lambda m: m.photo is not None)
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    await admin.send(f"/stats {cohort.id}")
    await admin.wait_for(lambda m: "Enrolled" in m.plain)
    chart = await admin.wait_for(lambda m: m.photo is not None and m.plain.startswith("Progress chart"))
    assert chart.photo is not None and chart.photo.startswith(b"\x89PNG")
