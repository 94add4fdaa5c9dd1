"""The certificate of completion: something to show a line manager, with a number to check."""

from __future__ import annotations

from typing import Any

from bot.usecases.record import Record
from bot.views.documents import ACCENT, COURSE, PROGRAMME, long_date, new_pdf
from storage.certificates import Certificate

WIDTH, HEIGHT = 297.0, 210.0  # A4 landscape, in mm


def hours(minutes: float) -> str:
    """Learning time to the nearest half hour, at least half an hour: '4.5 hours', '1 hour'."""
    value = max(0.5, round(minutes / 30) / 2)
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} hour" if value == 1 else f"{text} hours"


def _border(pdf: Any) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.6)
    pdf.rect(8, 8, WIDTH - 16, HEIGHT - 16)
    pdf.set_line_width(0.4)
    pdf.rect(12, 12, WIDTH - 24, HEIGHT - 24)


def _centred(pdf: Any, text: str, size: float, style: str = "", height: float = 0,
             colour: tuple[int, int, int] | None = None) -> None:
    pdf.set_font("DejaVu", style, size)
    if colour:
        pdf.set_text_color(*colour)
    pdf.multi_cell(0, height or size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(33, 37, 41)


def _name(pdf: Any, name: str) -> None:
    """A long name is set smaller, then wrapped, so it never runs past the margin."""
    size = 30
    pdf.set_font("DejaVu", "B", size)
    while size > 14 and pdf.get_string_width(name) > pdf.epw:
        size -= 1
        pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, name, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 2
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.3)
    pdf.line(WIDTH / 2 - 60, y, WIDTH / 2 + 60, y)
    pdf.set_y(y + 4)


def _qr(pdf: Any, text: str, x: float, y: float, size: float) -> None:
    """The QR code drawn as squares, so it stays sharp at any print size."""
    import segno

    code = segno.make(text, error="m")
    rows = list(code.matrix_iter(border=0))
    cell = size / len(rows)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(x + c * cell, y + r * cell, cell, cell, style="F")


def certificate_pdf(record: Record, issued: Certificate) -> bytes:
    """One landscape page: issuer, name, course and its modules, date, hours, number and QR code."""
    pdf = new_pdf("Certificate of completion", "landscape")
    pdf.set_margins(30, 22, 30)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _border(pdf)
    pdf.set_y(28)
    _centred(pdf, PROGRAMME.upper(), 10, "B", colour=ACCENT)
    pdf.ln(5)
    _centred(pdf, "Certificate of Completion", 30, "B", 15)
    pdf.ln(7)
    _centred(pdf, "This certifies that", 12)
    pdf.ln(3)
    _name(pdf, issued.name)
    _centred(pdf, "has completed the eLearning course", 12)
    pdf.ln(1)
    _centred(pdf, COURSE, 14, "B", 7)
    pdf.ln(3)
    for module in record.modules:
        _centred(pdf, f"Module {module.module.number}: {module.module.title}", 11, height=6)
    pdf.ln(8)
    _centred(pdf, f"{hours(issued.minutes)} of professional learning  ·  "
                  f"completed on {long_date(issued.completed_on)}", 12, "B", 7)
    _qr(pdf, issued.number, WIDTH - 52, HEIGHT - 52, 26)
    pdf.set_xy(30, HEIGHT - 40)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 5, f"Certificate number {issued.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 5, "The programme's coordinators can confirm this certificate from its number.")
    return bytes(pdf.output())
