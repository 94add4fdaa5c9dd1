"""Documents made on request and never kept: the journal and the certificate, as A4 PDFs."""

from __future__ import annotations

import functools
import unicodedata
from datetime import datetime
from pathlib import Path

import matplotlib
from fpdf import FPDF

from bot.usecases.record import Record
from lessons.markup import plain

# DejaVu ships with matplotlib (already a dependency) and covers the quotes, dashes and
# accented names that PDF core fonts cannot print.
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
COURSE = "#KeepThePromise: supporting care-experienced children and young people"


@functools.cache
def _printable() -> frozenset[int]:
    """The characters the certificate's font can draw."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(_FONTS / "DejaVuSans-Bold.ttf")) as font:
        return frozenset(font.getBestCmap())


def unprintable(text: str) -> str:
    """The characters of text the documents cannot print properly: those the font lacks (they
    would come out blank) and right-to-left letters (they would come out unjoined and reversed)."""
    drawable = _printable()
    return "".join(dict.fromkeys(
        c for c in text if not c.isspace()
        and (ord(c) not in drawable or unicodedata.bidirectional(c) in {"R", "AL"})))


def _pdf(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("#KeepThePromise learning bot")
    pdf.add_font("DejaVu", "", str(_FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(_FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(_FONTS / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str, size: int = 14) -> None:
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _para(pdf: FPDF, text: str, style: str = "", size: int = 11) -> None:
    pdf.set_font("DejaVu", style, size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _confidence(before: float | None, after: float | None) -> str:
    if before is None and after is None:
        return "not rated yet"
    return f"{_rating(before)} at the start, {_rating(after)} at the end"


def _rating(value: float | None) -> str:
    return "not rated" if value is None else f"{value:.1f} of 5"


def journal_pdf(record: Record, now: datetime) -> bytes:
    """Reflections, quiz results and confidence by module, ready for a supervision meeting."""
    pdf = _pdf("Learning journal")
    _heading(pdf, f"Learning journal: {record.first_name}", 18)
    _para(pdf, COURSE, "I")
    _para(pdf, f"Produced {now:%d %B %Y}. About {record.minutes_done:.0f} minutes of learning so far.")
    pdf.ln(4)
    for module in record.modules:
        _heading(pdf, f"Module {module.module.number}: {module.module.title}")
        _para(pdf, f"Drops completed: {module.drops_done} of {module.drops_total}")
        quiz = (f"{module.quiz_right} of {module.quiz_answered} right first time"
                if module.quiz_answered else "none answered yet")
        _para(pdf, f"Quiz checks: {quiz}")
        _para(pdf, f"Confidence: {_confidence(module.before, module.after)}")
        entries = [e for e in record.entries if e.module.id == module.module.id]
        for entry in sorted(entries, key=lambda e: e.reflection.created_at):
            pdf.ln(3)
            _para(pdf, plain(entry.prompt), "I", 10)
            _para(pdf, f"{entry.reflection.created_at:%d %B %Y}", "", 9)
            _para(pdf, entry.reflection.text)
        pdf.ln(6)
    return bytes(pdf.output())


def certificate_pdf(record: Record, name: str, now: datetime) -> bytes:
    """A certificate of completion with the learning hours stated plainly as an estimate."""
    pdf = _pdf("Certificate of completion")
    pdf.ln(30)
    pdf.set_font("DejaVu", "B", 26)
    pdf.cell(0, 14, "Certificate of completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("DejaVu", "", 13)
    pdf.cell(0, 8, "This is to record that", align="C", new_x="LMARGIN", new_y="NEXT")
    size = 20  # a long name is set smaller, then wrapped, so it never runs past the margin
    pdf.set_font("DejaVu", "B", size)
    while size > 12 and pdf.get_string_width(name) > pdf.epw:
        size -= 1
        pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.7, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 13)
    pdf.multi_cell(0, 8, f"completed the course\n{COURSE}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for module in record.modules:
        pdf.cell(0, 7, f"Module {module.module.number}: {module.module.title}", align="C",
                 new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    hours = record.minutes_done / 60
    finished = record.completed_at or now
    pdf.cell(0, 8, f"Completed on {finished:%d %B %Y}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, f"Learning time: about {hours:.1f} hours (an estimate from reading times "
                   "and time to answer and reflect), for a CPD record.", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
