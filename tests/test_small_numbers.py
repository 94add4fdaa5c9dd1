"""Small numbers: a coordinator's figures never single out a person in a group of fewer than five."""

from __future__ import annotations

import csv
import io

from bot.usecases.export import cohort_csv
from tests.journey import Journey

ADMIN = 1
QUESTION = "Which is right?"


async def _cohort_of(journey: Journey, size: int) -> int:
    """A cohort whose learners all missed the first question and rated their confidence."""
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Dundee cluster")
    await admin.wait_for(lambda m: m.photo is not None)
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    now = journey.clock.now()
    for uid in range(11, 11 + size):
        await journey.enrol(uid, code=cohort.invite_code)
        async with journey.services.store.transaction() as tx:
            await tx.progress.add_answer(uid, "t1-d1-q1", 0, False, now)
            await tx.progress.rate(uid, "t1-d1-cb", "t1-s1", "before", 2, now)
    return cohort.id


async def _stats(journey: Journey, cohort: int) -> tuple[str, str]:
    admin = journey.standin.user(ADMIN)
    await admin.send(f"/stats {cohort}")
    text = await admin.wait_for("Enrolled")
    chart = await admin.wait_for(lambda m: m.photo is not None, timeout=60)  # drawn on a loaded machine
    return text.plain, chart.plain


async def test_a_group_of_one_is_never_singled_out_in_stats_chart_or_export(journey: Journey) -> None:
    cohort = await _cohort_of(journey, 1)
    text, caption = await _stats(journey, cohort)
    assert "1 of 1" not in text and QUESTION not in text
    assert "Missed questions answered by fewer than 5: too few to show (1)" in text
    assert "confidence too few to show → not yet" in text
    assert "Module 1 too few to show → not yet" in caption
    exported = (await cohort_csv(journey.services, ADMIN, cohort, "confidence.csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[1][0] == "too few to show (fewer than 5 learners)" and len(rows) == 2
    answers = (await cohort_csv(journey.services, ADMIN, cohort, "answers.csv")).decode("utf-8-sig")
    assert "L-" not in answers and "too few to show" in answers


async def test_five_learners_are_enough_to_show_the_figures(journey: Journey) -> None:
    cohort = await _cohort_of(journey, 5)
    text, caption = await _stats(journey, cohort)
    assert f"5 of 5: {QUESTION}" in text
    assert "confidence 2.0 → not yet" in text and "Module 1 2.0 → not yet" in caption
    exported = (await cohort_csv(journey.services, ADMIN, cohort, "confidence.csv")).decode("utf-8-sig")
    assert exported.count("L-") == 5


async def _finishing(journey: Journey, cohort: int) -> None:
    """Of eleven learners, six finish the first drop, five the second, two the third."""
    now = journey.clock.now()
    async with journey.services.store.transaction() as tx:
        for drop, learners in (("t1-d1", range(11, 17)), ("t1-d2", range(11, 16)), ("t1-d3", (11, 12))):
            for uid in learners:
                await tx.progress.drop_completed(uid, drop, now)


async def test_where_learners_stop_and_each_drops_count_keep_to_the_small_number_rule(
        journey: Journey) -> None:
    cohort = await _cohort_of(journey, 11)
    await _finishing(journey, cohort)
    text, caption = await _stats(journey, cohort)
    assert "Module 1: too few to show" in text  # two finished it
    stops = text.split("Where learners stop")[1]
    assert "Welcome: 5" in stops  # five stopped before finishing the first drop: shown
    assert "Thinking: 1" not in stops and "Closing: 3" not in stops and "More: 2" not in stops
    assert "Drops where fewer than 5 stopped: too few to show (3)." in stops
    assert "Module 1: 6, 5, too few to show; Module 2: 0, 0" in caption
