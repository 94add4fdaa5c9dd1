"""The journal in the chat: a page of reflections, with Older / Newer, Edit and Delete."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.usecases.record import Entry
from bot.views.html import Markup, html
from bot.views.screen import Button, Screen
from lessons.markup import plain

PAGE = 3
# Three entries must fit one message (4096 UTF-16 units, where an emoji takes two) with room for headings.
SHOWN_CHARS, SHOWN_UNITS = 900, 1000

EMPTY = (Markup("Your journal is empty for now. Each time you answer a reflective prompt, your reply is "
         "kept here for you, to read back or take into supervision."))
EDIT_PROMPT = (Markup("Send the new text for this entry as your next message. It replaces the old text. "
               "Please don't name or identify a child or family."))
PDF_CAPTION = Markup("Your learning journal, ready to print or share.")
EDITED = Markup("Updated. /journal shows it.")
DELETED = Markup("Deleted from your journal.")
GONE = Markup("That entry is no longer in your journal.")


def page(entries: list[Entry], number: int) -> Screen:
    """One page of the journal, newest first, with each entry's module, prompt and date."""
    if not entries:
        return Screen(EMPTY)
    pages = (len(entries) + PAGE - 1) // PAGE
    number = max(0, min(number, pages - 1))
    shown = entries[number * PAGE:(number + 1) * PAGE]
    lines = [html("📓 <b>Your journal</b> · page {number} of {pages}", number=number + 1, pages=pages)]
    module_id, buttons = "", list[tuple[Button, ...]]()
    for index, entry in enumerate(shown, start=1):
        if entry.module.id != module_id:
            module_id = entry.module.id
            lines.append(html("\n<b>Module {number}: {title}</b>", number=entry.module.number,
                              title=entry.module.title))
        when = entry.reflection.created_at.strftime("%d %b %Y") + (
            " · 🔒 private, never shared" if entry.reflection.flagged else "")
        lines.append(html("\n<b>{index}.</b> <i>{prompt}</i>\n{when}\n{text}", index=index,
                          prompt=plain(entry.prompt), when=when, text=_short(entry.reflection.text)))
        buttons.append((Button(f"Edit {index}", cb(Action.JOURNAL_EDIT, str(entry.reflection.id))),
                        Button(f"Delete {index}", cb(Action.JOURNAL_DELETE, str(entry.reflection.id)))))
    paging: list[Button] = []
    if number + 1 < pages:
        paging.append(Button("‹ Older", cb(Action.JOURNAL_PAGE, str(number + 1))))
    if number > 0:
        paging.append(Button("Newer ›", cb(Action.JOURNAL_PAGE, str(number - 1))))
    rows = [*buttons, tuple(paging)] if paging else buttons
    rows.append((Button("📄 Send me my journal (PDF)", cb(Action.JOURNAL_PDF, "all")),))
    return Screen(Markup("\n").join(lines), tuple(rows))


def confirm_delete(reflection_id: int) -> Screen:
    return Screen(Markup("Delete this journal entry? It cannot be undone."),
                  ((Button("Delete it", cb(Action.JOURNAL_DELETE_CONFIRMED, str(reflection_id))),
                    Button("Keep it", cb(Action.JOURNAL_PAGE, "0"))),))


def _short(text: str) -> str:
    units = 0
    for end, char in enumerate(text[:SHOWN_CHARS + 1]):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > SHOWN_UNITS or end == SHOWN_CHARS:
            return text[:end].rstrip() + "… (full text in the PDF)"
    return text
