"""The pacer's slot accounting on a fake clock: replies first, the outbox every slot they leave, never
a 31st send in a second as Telegram counts, one chat a second apart, late wake-ups made up."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import pairwise

from bot.ptb.slots import Slots, Turn


@dataclass
class Sent:
    name: str
    chat: int | None
    start: float
    end: float


@dataclass
class Run:
    """A fake clock driving the slots as the pacer's dispatcher does: wake at the moment asked for
    (plus `late`), hand the slot over, and have each answer come back `answer(n)` after its send."""

    slots: Slots[str]
    late: float = 0.0
    answer: float = 0.003
    slow: dict[int, float] = field(default_factory=dict)  # send number -> its answer's delay
    now: float = 0.0
    sent: list[Sent] = field(default_factory=list)
    pending: list[tuple[float, Turn[str]]] = field(default_factory=list)  # answers on their way

    def until(self, end: float, arrivals: list[tuple[float, Turn[str]]], refill: int = 0) -> None:
        """Run to `end`; `arrivals` join at their moments; `refill` keeps that many bulk sends waiting."""
        queue = sorted(arrivals, key=lambda a: a[0])
        serial = 0
        while self.now < end:
            while queue and queue[0][0] <= self.now:
                self.slots.add(queue.pop(0)[1])
            while refill and len(self.slots.bulk) < refill:
                serial += 1
                self.slots.add(Turn(10_000 + serial, False, self.now, f"bulk {serial}"))
            for moment, back in [p for p in self.pending if p[0] <= self.now]:
                self.pending.remove((moment, back))
                self.slots.answered(back, moment)
            turn, at = self.slots.next_turn(self.now)
            if turn is not None:
                delay = self.slow.get(len(self.sent), self.answer)
                self.sent.append(Sent(turn.token, turn.chat, self.now, self.now + delay))
                self.pending.append((self.now + delay, turn))
                continue
            wake = min([at, *(p[0] for p in self.pending), *(a[0] for a in queue)])
            self.now = max(self.now, wake) + self.late


def _slots() -> Slots[str]:
    return Slots(29.5, lambda chat: 1.0)


def test_replies_take_the_slots_they_need_and_the_outbox_every_slot_they_leave() -> None:
    run = Run(_slots())
    # 10 a second from the second second on, once sending is steady
    replies = [(1 + n / 10, Turn(500 + n, True, 1 + n / 10, f"reply {n}")) for n in range(100)]
    run.until(11.0, replies, refill=8)
    names = [s.name for s in run.sent]
    assert sum(n.startswith("reply") for n in names) == 100
    assert len(names) >= 324  # 29.5 a second for 11 s, less the first slot: nothing idles
    for arrived, turn in replies:  # each reply took the first slot after it came
        start = next(s.start for s in run.sent if s.name == turn.token)
        assert start - arrived <= run.slots.interval + 1e-9


def test_no_second_holds_a_31st_send_however_late_the_answers_come() -> None:
    rng = random.Random(7)
    run = Run(_slots(), slow={n: rng.choice([0.001, 0.02, 0.09, 0.3]) for n in range(0, 400, 3)})
    run.until(12.0, [], refill=8)
    sent = run.sent
    for j in range(30, len(sent)):
        # Telegram counts each send somewhere between its start and its answer: the 31st after
        # any send starts a second after every answer up to that one came back.
        assert sent[j].start - max(s.end for s in sent[: j - 29]) >= 1.0 - 1e-9
    assert len(sent) > 280  # a slow answer holds back only the 30th send after it (354 without)


def test_late_wake_ups_are_made_up_by_the_next_slots() -> None:
    on_time, late = Run(_slots()), Run(_slots(), late=0.004)  # every wake-up 4 ms late
    on_time.until(10.0, [], refill=8)
    late.until(10.0, [], refill=8)
    assert len(late.sent) >= len(on_time.sent) - 1  # against absolute deadlines, nothing drifts
    gaps = [b.start - a.start for a, b in pairwise(late.sent)]
    assert min(gaps) < late.slots.interval  # a late slot was followed by an early one


def test_one_chat_is_sent_to_in_order_a_second_after_its_last_answer_while_others_go() -> None:
    run = Run(_slots())
    drop_end = [(0.0, Turn(5, False, 0.0, f"chat 5 #{n}")) for n in range(3)]
    run.until(3.0, drop_end, refill=8)
    mine = [s for s in run.sent if s.chat == 5]
    assert [s.name for s in mine] == ["chat 5 #0", "chat 5 #1", "chat 5 #2"]
    assert all(b.start - a.end >= 1.0 - 1e-9 for a, b in pairwise(mine))
    assert len(run.sent) >= 29 * 3  # the others filled the slots in between


def test_a_send_given_up_after_its_slot_no_longer_holds_back_the_window() -> None:
    slots: Slots[str] = _slots()
    turns = [Turn(n, False, 0.0, f"bulk {n}") for n in range(31)]
    for turn in turns:
        slots.add(turn)
    given: list[Turn[str]] = []
    now = 0.0
    while len(given) < 30:
        taken, at = slots.next_turn(now)
        if taken is None:
            now = at
            continue
        given.append(taken)
        if len(given) > 1:
            slots.answered(taken, now)
    first = given[0].started
    assert first is not None
    assert slots.next_turn(now) == (None, first + 1.0)  # the first send's answer is awaited, a second at most
    slots.withdraw(given[0], first + 0.5)  # its caller gave up: it counts as answered then
    assert slots.next_turn(first + 1.4)[0] is None
    assert slots.next_turn(first + 1.5)[0] is turns[30]


def test_a_hung_request_holds_the_window_a_second_at_most() -> None:
    slots: Slots[str] = _slots()
    for n in range(31):
        slots.add(Turn(n, False, 0.0, f"bulk {n}"))
    now, given = 0.0, 0
    while given < 30:
        taken, at = slots.next_turn(now)
        if taken is None:
            now = at
            continue
        given += 1
        if given > 1:
            slots.answered(taken, now)  # all answered at once but the first, which hangs
    turn, at = slots.next_turn(now)
    assert turn is None and at == 1.0  # waited for a second after it left, then counted as answered
    assert slots.next_turn(2.0)[0] is not None
