"""A course edit never moves a learner: drops added behind their place are offered once as new."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from lessons.loader import load_course
from lessons.models import Course, Drop
from lessons.progress import CourseMap
from scheduler.drip import Planned, Policy, plan_learner
from scheduler.outgoing import DropCard, Nudge
from scheduler.timing import SlotTiming
from storage.learners import Learner
from tests.conftest import tiny_course
from tests.journey import Journey

COURSE = CourseMap(load_course())
ADDED = ("m1-d10", "m1-d11", "m1-d12", "m2-d10", "m3-d11", "m3-d12")  # the second edition's drops
MONDAY = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # a morning slot in London


@dataclass(frozen=True)
class Facts:
    learner: Learner
    completed: frozenset[str] = frozenset()
    delivered: tuple[datetime, ...] = ()
    calendar: dict[str, object] = field(default_factory=dict)
    nudges: tuple[datetime, ...] = ()
    digests: tuple[datetime, ...] = ()
    fresh_tips: int = 0
    offered: frozenset[str] = frozenset()


def _learner(step: str | None = None) -> Learner:
    then = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
    return Learner(1, 1, "A", 1, "psa", "v", ("morning",), (0, 1, 2, 3, 4), 1, "Europe/London",
                   "active", step, None, None, then, then, False)


def _first_edition_up_to(drop_id: str) -> frozenset[str]:
    """Every drop of the first edition up to and including this one, as a learner then did them."""
    ids = [d.id for _, d in COURSE.drops if d.id not in ADDED]
    return frozenset(ids[:ids.index(drop_id) + 1])


def _plan(done: frozenset[str], offered: frozenset[str] = frozenset(), step: str | None = None) -> Planned:
    facts = Facts(_learner(step), done, offered=done | offered)
    return plan_learner(COURSE, SlotTiming("Europe/London"), facts, MONDAY, Policy())


def _sent(plan: Planned) -> DropCard:
    assert plan.message is not None and isinstance(plan.message[1], DropCard)
    return plan.message[1]


def test_a_learner_in_module_two_gets_module_ones_new_drops_once_each_then_goes_on() -> None:
    done = _first_edition_up_to("m2-d3")
    first = _sent(_plan(done))
    assert (first.drop_id, first.new) == ("m1-d10", True)
    assert _sent(_plan(done, frozenset({"m1-d10"}))).drop_id == "m1-d11"
    then = _sent(_plan(done, frozenset({"m1-d10", "m1-d11", "m1-d12"})))
    assert (then.drop_id, then.new) == ("m2-d4", False)  # never sent back into Module 1


def test_a_new_drop_left_open_does_not_hold_the_learners_place() -> None:
    done = _first_edition_up_to("m2-d3")
    plan = _plan(done, frozenset({"m1-d10"}), step="m1-d10-c1")
    assert not (plan.message and isinstance(plan.message[1], Nudge))
    assert _sent(plan).drop_id == "m1-d11" and plan.start == ("m1-d11", "m1-d11-c1")


def test_a_learner_before_the_new_drops_meets_them_in_course_order() -> None:
    done = _first_edition_up_to("m1-d6")
    sent = _sent(_plan(done))
    assert (sent.drop_id, sent.new) == ("m1-d10", False)
    assert COURSE.next_drop(_first_edition_up_to("m2-d7")).id == "m2-d10"  # type: ignore[union-attr]


def test_a_learner_past_the_new_drops_in_module_one_goes_on_to_its_last_drop() -> None:
    done = _first_edition_up_to("m1-d8")  # passed m1-d10, m1-d11 and m1-d12 as they were added
    assert COURSE.next_drop(done).id == "m1-d9"  # type: ignore[union-attr]
    assert [d.id for d in COURSE.new_behind(done)] == ["m1-d10", "m1-d11", "m1-d12"]


def test_a_learner_who_finished_the_first_edition_has_finished_the_second() -> None:
    done = _first_edition_up_to("m3-d10")
    assert COURSE.next_drop(done) is None
    assert [d.id for d in COURSE.new_behind(done)] == list(ADDED)


def test_an_unknown_drop_id_in_progress_is_ignored() -> None:
    assert COURSE.next_drop({"m0-gone", "m1-d1"}).id == "m1-d2"  # type: ignore[union-attr]


def _with_new_drop(course: Course) -> Course:
    """The tiny course with a drop added at the end of Module 1."""
    added = Drop.model_validate({"id": "t1-d4", "title": "Added later", "outcomes": ["t1-o1"],
                                 "steps": [{"kind": "read", "id": "t1-d4-c1", "text": "A new card."}]})
    first = course.modules[0].model_copy(update={"drops": [*course.modules[0].drops, added]})
    return course.model_copy(update={"modules": [first, *course.modules[1:]]})


async def test_a_learner_in_module_two_is_offered_the_new_drop_and_keeps_their_place(
        journey: Journey) -> None:
    await journey.enrol(91)
    async with journey.services.store.transaction() as tx:
        for drop in ("t1-d1", "t1-d2", "t1-d3", "t2-d1"):
            await tx.progress.drop_completed(91, drop, journey.clock.now())
    journey.course = _with_new_drop(tiny_course())
    await journey.restart()
    chat = journey.standin.user(91)
    journey.clock.set(datetime(2026, 11, 23, 10, 30, tzinfo=UTC))
    await journey.drip()
    offer = await chat.wait_for("New in Module 1")
    assert "A new card." in offer.text and "your place in the course is kept" in offer.text
    journey.clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))  # left unread; the next morning
    await journey.drip()
    await chat.wait_for("Card one of module two, drop two.")
    assert not any("New in Module 1" in m.text for m in chat.messages[chat.messages.index(offer) + 1:])
