"""What the PDF documents share: A4 pages, fonts that print every name, and checks on names.

fpdf2 and matplotlib (whose DejaVu fonts the documents use) load only when a document is made.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

COURSE = "#KeepThePromise: supporting care-experienced children and young people"
PROGRAMME = "#KeepThePromise Learning Programme for Pupil Support Staff"
INK = (33, 37, 41)
ACCENT = (0, 94, 104)  # a deep teal: prints well in colour and in grey


@functools.cache
def fonts() -> Path:
    """DejaVu ships with matplotlib and covers the quotes, dashes and accented names that PDF core
    fonts cannot print."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@functools.cache
def _printable() -> frozenset[int]:
    """The characters the documents' font can draw."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(fonts() / "DejaVuSans-Bold.ttf")) as font:
        return frozenset(font.getBestCmap())


def unprintable(text: str) -> str:
    """The characters of text the documents cannot print properly: those the font lacks (they
    would come out blank) and right-to-left letters (they would come out unjoined and reversed)."""
    drawable = _printable()
    return "".join(dict.fromkeys(
        c for c in text if not c.isspace()
        and (ord(c) not in drawable or unicodedata.bidirectional(c) in {"R", "AL"})))


def new_pdf(title: str, orientation: str = "portrait") -> Any:
    """An empty A4 document with the fonts added and the margins set."""
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    pdf.set_title(title)
    pdf.set_author(PROGRAMME)
    pdf.add_font("DejaVu", "", str(fonts() / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts() / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(fonts() / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_text_color(*INK)
    return pdf


def long_date(moment: Any) -> str:
    """'7 January 2027', without a leading zero."""
    return f"{moment.day} {moment:%B %Y}"
