"""How each kind of step looks in the chat, and what a learner sees after answering."""

from __future__ import annotations

from bot.callbacks import cb
from bot.views.screen import Button, Screen, safe
from lessons.models import Drop, FeedbackStep, Module, QuizStep, ReadStep, ReflectStep, Step

LETTERS = "ABCDE"

CHILD_SAFE_REMINDER = (
    "<i>Please don't name or identify a child or family. This bot is not a way to report a "
    "concern: if you are worried about a child, speak to your school's child protection "
    "coordinator today.</i>"
)

CONFIDENCE_SCALE = "1 = not at all confident, 5 = very confident"


def _position(drop: Drop, step: Step) -> str:
    index = next(i for i, s in enumerate(drop.steps) if s.id == step.id)
    return f"{index + 1}/{len(drop.steps)}"


def step_screen(module: Module, drop: Drop, step: Step) -> Screen:
    """The message that presents one step of a drop; a drop's first step can be put off."""
    screen = _step_body(module, drop, step)
    if step.id != drop.steps[0].id:
        return screen
    return Screen(screen.text, (*screen.buttons, (Button("⏰ Not now", cb("snz", step.id)),)))


def _step_body(module: Module, drop: Drop, step: Step) -> Screen:
    header = f"<b>{drop.title}</b> · {_position(drop, step)}\n\n"
    if isinstance(step, ReadStep):
        return Screen(header + step.text, ((Button("Next ›", cb("n", step.id)),),))
    if isinstance(step, QuizStep):
        return quiz_screen(step, header=header)
    if isinstance(step, ReflectStep):
        text = (f"{header}✍️ <b>Reflect</b>\n{step.prompt}\n\nReply with a few lines.\n"
                f"{CHILD_SAFE_REMINDER}")
        return Screen(text, ((Button("Skip this one", cb("k", step.id)),),))
    if isinstance(step, FeedbackStep):
        text = (f"{header}💬 <b>Your feedback</b>\n{step.prompt}\n\nReply with a few lines.\n"
                f"{CHILD_SAFE_REMINDER}")
        return Screen(text, ((Button("Skip", cb("k", step.id)),),))
    return Screen(header + f"How confident do you feel?\n\n“{module.statement(step.statement)}”" +
                  f"\n\n<i>{CONFIDENCE_SCALE}</i>",
                  (tuple(Button(str(r), cb("c", step.id, r)) for r in range(1, 6)),))


def quiz_screen(step: QuizStep, header: str = "", action: str = "q") -> Screen:
    options = "\n".join(f"<b>{LETTERS[i]}.</b> {o.text}" for i, o in enumerate(step.options))
    buttons = tuple(Button(LETTERS[i], cb(action, step.id, i)) for i in range(len(step.options)))
    return Screen(f"{header}❓ {step.question}\n\n{options}", (buttons,))


def recall_screen(step: QuizStep) -> Screen:
    """An earlier quiz check, back for recall: remembering it is what makes it stick."""
    return quiz_screen(step, "🔁 <b>One from earlier</b>: see if you remember.\n\n", action="r")


def quiz_answered(step: QuizStep, choice: int) -> Screen:
    """The quiz message after answering: the choice, whether it was right, and why."""
    chosen, right = step.options[choice], step.options[step.answer]
    options = "\n".join(f"<b>{LETTERS[i]}.</b> {o.text}" for i, o in enumerate(step.options))
    if chosen.correct:
        verdict = f"✅ <b>{LETTERS[choice]} is right.</b> {chosen.why}"
    else:
        verdict = (f"❌ <b>Not quite: {LETTERS[choice]}.</b> {chosen.why}\n\n"
                   f"The answer is <b>{LETTERS[step.answer]}</b>. {right.why}")
    return Screen(f"❓ {step.question}\n\n{options}\n\n{verdict}")


def confidence_answered(statement: str, rating: int) -> Screen:
    return Screen(f"How confident do you feel?\n\n“{statement}”\n\nYou said <b>{rating}</b> of 5. Thank you.")


def reflection_saved(kind: str, text: str) -> Screen:
    """The acknowledgement, quoting the start of what was kept so the learner can see it landed."""
    quoted = text if len(text) <= 60 else text[:60].rstrip() + "…"
    if kind == "feedback":
        return Screen(f"Thank you: your feedback is saved and helps improve the course.\n"
                      f"<i>“{safe(quoted)}”</i>")
    return Screen(f"Saved to your journal. 📓 <i>“{safe(quoted)}”</i>\n"
                  "You can read it back any time with /journal.")


def skipped(kind: str) -> Screen:
    return Screen("No problem, skipped." if kind == "feedback"
                  else "No problem: you can come back to reflecting another time.")
