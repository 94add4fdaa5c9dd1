"""The journal in the chat: a page of reflections, with Older / Newer, Edit and Delete."""

from __future__ import annotations

from bot.callbacks import cb
from bot.usecases.record import Entry
from bot.views.screen import Button, Screen, safe
from lessons.markup import plain

PAGE = 3
# Three entries must fit one message (4096 characters) with room for headings.
SHOWN_CHARS = 900

EMPTY = ("Your journal is empty for now. Each time you answer a reflective prompt, your reply is "
         "kept here for you, to read back or take into supervision.")
EDIT_PROMPT = ("Send the new text for this entry as your next message. It replaces the old text. "
               "Please don't name or identify a child or family.")
EDITED = "Updated. /journal shows it."
DELETED = "Deleted from your journal."
GONE = "That entry is no longer in your journal."


def page(entries: list[Entry], number: int) -> Screen:
    """One page of the journal, newest first, with each entry's module, prompt and date."""
    if not entries:
        return Screen(EMPTY)
    pages = (len(entries) + PAGE - 1) // PAGE
    number = max(0, min(number, pages - 1))
    shown = entries[number * PAGE:(number + 1) * PAGE]
    lines = [f"📓 <b>Your journal</b> · page {number + 1} of {pages}"]
    module_id, buttons = "", list[tuple[Button, ...]]()
    for index, entry in enumerate(shown, start=1):
        if entry.module.id != module_id:
            module_id = entry.module.id
            lines.append(f"\n<b>Module {entry.module.number}: {safe(entry.module.title)}</b>")
        when = entry.reflection.created_at.strftime("%d %b %Y")
        lines.append(f"\n<b>{index}.</b> <i>{safe(plain(entry.prompt))}</i>\n{when}\n"
                     f"{safe(_short(entry.reflection.text))}")
        buttons.append((Button(f"Edit {index}", cb("je", str(entry.reflection.id))),
                        Button(f"Delete {index}", cb("jd", str(entry.reflection.id)))))
    paging: list[Button] = []
    if number + 1 < pages:
        paging.append(Button("‹ Older", cb("jp", str(number + 1))))
    if number > 0:
        paging.append(Button("Newer ›", cb("jp", str(number - 1))))
    rows = [*buttons, tuple(paging)] if paging else buttons
    rows.append((Button("📄 Send me my journal (PDF)", cb("jpdf", "all")),))
    return Screen("\n".join(lines), tuple(rows))


def confirm_delete(reflection_id: int) -> Screen:
    return Screen("Delete this journal entry? It cannot be undone.",
                  ((Button("Delete it", cb("jx", str(reflection_id))),
                    Button("Keep it", cb("jp", "0"))),))


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS].rstrip() + "… (full text in the PDF)"
