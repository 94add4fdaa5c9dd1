"""How each kind of step looks in the chat, and what a learner sees after answering."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.views.html import NOTHING, Markup, html
from bot.views.screen import Button, Screen
from bot.views.verdicts import LETTERS, verdict
from lessons.models import Drop, FeedbackStep, Module, QuizStep, ReadStep, ReflectStep, Step

CHILD_SAFE_REMINDER = Markup(
    Markup("<i>Please don't name or identify a child or family. This bot is not a way to report a "
    "concern: if you are worried about a child, speak to your school's child protection "
    "coordinator today.</i>")
)

# After the full note once a day, one line is enough to keep it in mind.
CHILD_SAFE_BRIEF = Markup("<i>No names of children or families, please; concerns go to your child "
                          "protection coordinator.</i>")

RECALL_HEADER = Markup("🔁 <b>One from earlier</b>: see if you remember.\n\n")
CONFIDENCE_SCALE = "1 = not at all confident, 5 = very confident"


def _position(drop: Drop, step: Step) -> str:
    index = next(i for i, s in enumerate(drop.steps) if s.id == step.id)
    return f"{index + 1}/{len(drop.steps)}"


def step_screen(module: Module, drop: Drop, step: Step, brief: bool = False) -> Screen:
    """The message that presents one step of a drop; a drop's first step can be put off; brief: the
    child-safety note in one line, for a prompt after the day's first."""
    screen = _step_body(module, drop, step, CHILD_SAFE_BRIEF if brief else CHILD_SAFE_REMINDER)
    if step.id != drop.steps[0].id:
        return screen
    return Screen(screen.text, (*screen.buttons, (Button("⏰ Not now", cb(Action.NOT_NOW, step.id)),)))


def _step_body(module: Module, drop: Drop, step: Step, reminder: Markup) -> Screen:
    place = next((i for i, d in enumerate(module.drops) if d.id == drop.id), 0)
    header = html("<i>Module {number} · drop {place} of {drops}</i>\n<b>{title}</b> · {position}\n\n",
                  number=module.number, place=place + 1, drops=len(module.drops), title=drop.title,
                  position=_position(drop, step))
    if isinstance(step, ReadStep):
        return Screen(header + Markup(step.text), ((Button("Next ›", cb(Action.NEXT, step.id)),),))
    if isinstance(step, QuizStep):
        return quiz_screen(step, header=header)
    if isinstance(step, ReflectStep):
        text = html("{header}✍️ <b>Reflect</b>\n{prompt}\n\nReply with a few lines.\n{reminder}",
                    header=header, prompt=Markup(step.prompt), reminder=reminder)
        return Screen(text, ((Button("Skip this one", cb(Action.SKIP, step.id)),),))
    if isinstance(step, FeedbackStep):
        text = html("{header}💬 <b>Your feedback</b>\n{prompt}\n\nReply with a few lines.\n{reminder}\n"
                    "{seen}", header=header, prompt=Markup(step.prompt), reminder=reminder,
                    seen=FEEDBACK_SEEN)
        return Screen(text, ((Button("Skip", cb(Action.SKIP, step.id)),),))
    return Screen(header + confidence_question(Markup(module.statement(step.statement))),
                  (tuple(Button(str(r), cb(Action.CONFIDENCE, step.id, r)) for r in range(1, 6)),))


def confidence_question(statement: Markup) -> Markup:
    return html("How confident do you feel?\n\n“{statement}”\n\n<i>{scale}</i>",
                statement=statement, scale=CONFIDENCE_SCALE)


def _options(step: QuizStep) -> Markup:
    return Markup("\n").join(html("<b>{letter}.</b> {text}", letter=LETTERS[i], text=Markup(o.text))
                              for i, o in enumerate(step.options))


def quiz_screen(step: QuizStep, header: Markup = NOTHING, action: Action = Action.QUIZ) -> Screen:
    buttons = tuple(Button(LETTERS[i], cb(action, step.id, i)) for i in range(len(step.options)))
    return Screen(html("{header}❓ {question}\n\n{options}", header=header, question=Markup(step.question),
                       options=_options(step)), (buttons,))


def recall_screen(step: QuizStep) -> Screen:
    """An earlier quiz check, back for recall: remembering it is what makes it stick."""
    return quiz_screen(step, RECALL_HEADER, action=Action.RECALL)


def quiz_answered(step: QuizStep, choice: int) -> Screen:
    """The quiz message after answering: the choice, whether it was right, and why."""
    return Screen(html("❓ {question}\n\n{options}\n\n{verdict}", question=Markup(step.question),
                       options=_options(step), verdict=verdict(step, choice)))


def confidence_answered(statement: str, rating: int) -> Screen:
    return Screen(html("How confident do you feel?\n\n“{statement}”\n\n"
                       "You said <b>{rating}</b> of 5. Thank you.",
                       statement=Markup(statement), rating=rating))


FEEDBACK_SEEN = Markup("<i>Your coordinator reads everyone's feedback, under a code rather than your "
                       "name.</i>")


def reflection_saved(kind: str, text: str) -> Screen:
    """The acknowledgement, quoting the start of what was kept so the learner can see it landed."""
    quoted = text if len(text) <= 60 else text[:60].rstrip() + "…"
    if kind == "feedback":
        return Screen(html("Thank you: your feedback is saved and helps improve the course.\n"
                           "<i>“{quoted}”</i>", quoted=quoted))
    return Screen(html("Saved to your journal. 📓 <i>“{quoted}”</i>\n"
                       "You can read it back any time with /journal.", quoted=quoted))


def skipped(kind: str) -> Screen:
    return Screen(Markup("No problem, skipped." if kind == "feedback"
                         else "No problem: you can come back to reflecting another time."))
