"""ktp-bot preview: a module printed drop by drop, as the learner sees it in the chat."""

from __future__ import annotations

from pathlib import Path

from bot.views.screen import Screen
from bot.views.steps import quiz_answered, step_screen
from lessons.loader import load_course
from lessons.markup import plain
from lessons.models import QuizStep, ReadStep
from lessons.rules import drop_minutes


def render(screen: Screen) -> str:
    """A screen as terminal text: formatting dropped, buttons as [labels]."""
    lines = [plain(screen.text)]
    for row in screen.buttons:
        lines.append("  ".join(f"[{b.label}]" for b in row))
    return "\n".join(lines)


def preview(number: int, folder: Path) -> int:
    course = load_course(folder)
    module = next((m for m in course.modules if m.number == number), None)
    if module is None:
        numbers = ", ".join(str(m.number) for m in course.modules)
        print(f"There is no module {number}; the course has modules {numbers}.")
        return 2
    print(f"Module {module.number}: {module.title}\n\n{module.aim}\n")
    for index, drop in enumerate(module.drops, start=1):
        print("=" * 60)
        print(f"Drop {index} of {len(module.drops)} · about {drop_minutes(drop):.1f} min")
        for step in drop.steps:
            print("-" * 60)
            print(render(step_screen(module, drop, step)))
            if isinstance(step, ReadStep):
                # For the reviewer only: learners never see where a card's facts come from.
                print("\n[source: " + ("; ".join(step.sources) or "none given") + "]")
            if isinstance(step, QuizStep):
                # Every answer a learner might give, with the reason they would then read.
                for choice in range(len(step.options)):
                    which = "correctly" if choice == step.answer else f"with {'ABCDE'[choice]}"
                    print(f"\n(after answering {which})\n" + render(quiz_answered(step, choice)))
    return 0
