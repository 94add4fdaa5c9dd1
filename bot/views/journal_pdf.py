"""The learning journal as a PDF: a record to take into supervision."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.usecases.record import Entry, ModuleRecord, Record
from bot.views.documents import ACCENT, COURSE, PROGRAMME, long_date, new_pdf
from lessons.markup import plain

REPORT = ('Children in Scotland, "#KeepThePromise Learning Programme: What pupil support staff said" '
          "(July 2025)")
# Word for word from the report's recommendations; the questions turn them into a conversation.
RECOMMENDATIONS = (
    ("6", "School leadership should monitor implementation of supervision to ensure that pupil "
          "support staff are given opportunity to seek support and identify their development needs."),
    ("5", "Local authority leaders should allocate regular, ring-fenced time for pupil support staff "
          "to engage in self-directed learning, development and planning activity."),
)
PROMPTS = (
    "What support would help me most in my role just now?",
    "Which of my reflections would I like to talk through, and what would I like to develop next?",
    "When can I have regular, protected time for learning and planning?",
)
LINE = 5.5  # mm per line of body text


def _text(pdf: Any, text: str, style: str = "", size: float = 11, height: float = LINE) -> None:
    pdf.set_font("DejaVu", style, size)
    pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _lines(pdf: Any, text: str, style: str = "", size: float = 11) -> int:
    pdf.set_font("DejaVu", style, size)
    return len(pdf.multi_cell(0, LINE, text, align="L", dry_run=True, output="LINES"))


def _keep_with_next(pdf: Any, height: float) -> None:
    """Start a new page rather than leave a heading at the foot of one, apart from what follows."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _footer(pdf: Any, name: str) -> None:
    pdf.set_y(-14)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(110, 110, 110)
    pdf.cell(0, 5, f"Learning journal: {name}", align="L")
    pdf.set_x(pdf.l_margin)
    pdf.cell(0, 5, f"Page {pdf.page_no()} of {{nb}}", align="R")
    pdf.set_text_color(33, 37, 41)


def _cover(pdf: Any, record: Record, name: str, now: datetime) -> None:
    pdf.set_y(34)
    _text(pdf, PROGRAMME, "B", 10)
    pdf.ln(6)
    _text(pdf, "Learning journal", "B", 28, 13)
    _text(pdf, name, "", 18, 10)
    pdf.ln(3)
    _text(pdf, COURSE, "I", 11)
    pdf.ln(6)
    if record.done_at:
        _text(pdf, f"Learning from {long_date(record.done_at[0])} to {long_date(record.done_at[-1])}")
    _text(pdf, f"Produced on {long_date(now)}. {len(record.entries)} reflections; about "
               f"{record.minutes_done / 60:.1f} hours of learning.")
    pdf.ln(10)
    pdf.set_draw_color(*ACCENT)
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 6)
    pdf.set_left_margin(pdf.l_margin + 6)
    _text(pdf, "For your supervision conversation", "B", 13, 7)
    pdf.ln(1)
    for number, words in RECOMMENDATIONS:
        _text(pdf, f"“{words}”", "I", 10)
        _text(pdf, f"Recommendation {number}", "", 8, 4.5)
        pdf.ln(2)
    _text(pdf, f"Source: {REPORT}.", "", 8, 4.5)
    pdf.ln(3)
    _text(pdf, "Questions to bring:", "B", 10)
    for prompt in PROMPTS:  # a hanging indent: wrapped lines start under the words, not the bullet
        pdf.cell(5, LINE, "•")
        pdf.multi_cell(0, LINE, prompt, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_left_margin(pdf.l_margin - 6)
    pdf.set_line_width(1.2)
    pdf.line(pdf.l_margin, top, pdf.l_margin, pdf.get_y())


def _module(pdf: Any, module: ModuleRecord, entries: list[Entry]) -> None:
    _keep_with_next(pdf, 9 + 3 * LINE + 4 * LINE)
    _text(pdf, f"Module {module.module.number}: {module.module.title}", "B", 15, 8)
    pdf.ln(1)
    _text(pdf, f"Drops completed: {module.drops_done} of {module.drops_total}", "", 10)
    if module.quiz_answered:
        _text(pdf, f"Quiz checks: {module.quiz_right} of {module.quiz_answered} right first time", "", 10)
    if module.before is not None or module.after is not None:
        _text(pdf, f"Confidence (1 to 5): {_rating(module.before)} at the start, "
                   f"{_rating(module.after)} at the end", "", 10)
    for entry in sorted(entries, key=lambda e: e.reflection.created_at):
        pdf.ln(4)
        prompt = plain(entry.prompt)
        # The prompt, its date and the first lines of the answer stay on one page.
        _keep_with_next(pdf, (_lines(pdf, prompt, "B", 10) + 1
                              + min(3, _lines(pdf, entry.reflection.text))) * LINE)
        _text(pdf, prompt, "B", 10)
        _text(pdf, long_date(entry.reflection.created_at), "", 8.5, 4.5)
        _text(pdf, entry.reflection.text)
    pdf.ln(8)


def _rating(value: float | None) -> str:
    return "not rated" if value is None else f"{value:.1f}"


def journal_pdf(record: Record, name: str, now: datetime) -> bytes:
    """A cover with the supervision prompts, then reflections, quiz results and confidence by module."""
    pdf = new_pdf("Learning journal")
    pdf.footer = lambda: _footer(pdf, name)
    pdf.alias_nb_pages()
    pdf.add_page()
    _cover(pdf, record, name, now)
    pdf.add_page()
    for module in record.modules:
        _module(pdf, module, [e for e in record.entries if e.module.id == module.module.id])
    return bytes(pdf.output())
