"""Dashboard pages over plain HTTP: certificate checks, the workbook export, learners gone quiet."""

from __future__ import annotations

from datetime import date

import aiohttp

from bot.dashboard.guard import INIT_DATA_HEADER
from storage.certificates import Certificate
from tests.dashboard_kit import COORD_A, LEARNER, Desk, desk, init_data

__all__ = ["desk"]


async def _get(desk: Desk, path: str, user_id: int | None = None) -> tuple[int, bytes, dict[str, str]]:
    headers = {INIT_DATA_HEADER: init_data(user_id, desk.journey.clock.now())} if user_id else {}
    async with aiohttp.ClientSession() as http, http.get(desk.url + path, headers=headers,
                                                        allow_redirects=False) as response:
        return response.status, await response.read(), dict(response.headers)


async def test_anyone_can_check_a_certificate_number_and_sees_only_name_course_and_date(desk: Desk) -> None:
    now = desk.journey.clock.now()
    async with desk.journey.services.store.transaction() as tx:
        await tx.certificates.issue(Certificate("KTP-7F3K-9Q2M", LEARNER, "Morag MacLeod", "The course",
                                                date(2027, 1, 7), 270.0), now)
    status, body, _ = await _get(desk, "/verify/ktp-7f3k-9q2m")  # no sign-in, typed loosely
    page = body.decode()
    assert status == 200
    assert "Morag MacLeod" in page and "The course" in page and "7 January 2027" in page
    assert "270" not in page and str(LEARNER) not in page.replace("2027", "")
    status, body, _ = await _get(desk, "/verify/KTP-2345-6789")
    assert status == 404 and "no certificate with that number" in body.decode()
    assert "Morag" not in body.decode()


async def test_the_workbook_download_has_every_file_as_a_sheet_and_says_what_each_column_means(
        desk: Desk) -> None:
    import io
    import re
    import zipfile
    status, body, headers = await _get(desk, f"/cohorts/{desk.a}/export", COORD_A)
    assert status == 200 and "export.xlsx" in body.decode() and "What each column means" in body.decode()
    status, body, headers = await _get(desk, f"/cohorts/{desk.a}/export/export.xlsx", COORD_A)
    assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in headers["Content-Disposition"]
    book = zipfile.ZipFile(io.BytesIO(body))  # an .xlsx is a zip of XML parts
    sheets = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    assert sheets == ["columns", "answers", "confidence", "feedback", "attendance", "reflections", "tips"]
    assert "1 if right, 0 if not" in book.read("xl/sharedStrings.xml").decode()
    status, body, _ = await _get(desk, f"/cohorts/{desk.a}/export/columns", COORD_A)
    assert status == 200 and "will_try" in body.decode() and "what they said they would try" in body.decode()
    status, _, _ = await _get(desk, f"/cohorts/{desk.b}/export/export.xlsx", COORD_A)
    assert status == 403


async def test_learners_gone_quiet_show_by_first_name_only_when_five_or_more(desk: Desk) -> None:
    from datetime import timedelta
    for uid, name in ((13, "Ailsa"), (14, "Callum"), (15, "Eilidh")):
        await desk.journey.enrol(uid, code="dundee26", first_name=name)
    desk.journey.clock.advance(timedelta(days=15))
    async with desk.journey.services.store.transaction() as tx:
        await tx.progress.drop_completed(13, "t1-d1", desk.journey.clock.now())  # Ailsa carries on
    _, body, _ = await _get(desk, f"/cohorts/{desk.a}", COORD_A)
    quiet = body.decode().split("Gone quiet")[1].split("<h2>")[0]
    assert "4: too few to show" in quiet and "Callum" not in quiet
    for uid, name in ((16, "Iona"), (17, "Morag")):
        await desk.journey.enrol(uid, code="dundee26", first_name=name)
    desk.journey.clock.advance(timedelta(days=15))
    async with desk.journey.services.store.transaction() as tx:  # asked whether to pause, no answer yet
        await tx.conn.execute("UPDATE learners SET status = 'quiet' WHERE user_id = 17")
    _, body, _ = await _get(desk, f"/cohorts/{desk.a}", COORD_A)
    quiet = body.decode().split("Gone quiet")[1].split("<h2>")[0]
    assert "<li>Callum</li>" in quiet and "<li>Morag</li>" in quiet and str(LEARNER) not in quiet


async def test_the_progress_page_keeps_counts_of_fewer_than_five_out_of_the_chart_and_the_table(
        desk: Desk) -> None:
    from datetime import timedelta
    for uid in range(13, 19):
        await desk.journey.enrol(uid, code="dundee26")
    now = desk.journey.clock.now() + timedelta(minutes=1)
    async with desk.journey.services.store.transaction() as tx:
        for uid in range(13, 19):  # six finish the first drop, two the second
            await tx.progress.drop_completed(uid, "t1-d1", now)
        for uid in (13, 14):
            await tx.progress.drop_completed(uid, "t1-d2", now)
    _, body, _ = await _get(desk, f"/cohorts/{desk.a}", COORD_A)
    page = body.decode().split("Where learners are")[1].split("Gone quiet")[0]
    assert "<td>Welcome</td><td>6</td>" in page and "<td>Thinking</td><td>too few to show</td>" in page
    assert 'class="value">6</text>' in page and 'class="value">too few to show</text>' in page
    assert 'class="value">2</text>' not in page and "<td>Thinking</td><td>2</td>" not in page
    _, body, _ = await _get(desk, "/", COORD_A)
    assert "<dt>Finished module 1</dt><dd>0</dd>" in body.decode()
