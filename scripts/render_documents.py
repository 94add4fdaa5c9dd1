"""Render a sample certificate and journal to PNG so a person can look at them.

    .venv/bin/python scripts/render_documents.py [OUT_DIR]   (default: /tmp/ktp-documents)
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.usecases.record import Entry, ModuleRecord, Record
from bot.views.certificate import certificate_pdf
from bot.views.journal_pdf import journal_pdf
from lessons.loader import DEFAULT_COURSE_DIR, load_course
from storage.certificates import Certificate
from storage.progress import Reflection


def sample() -> Record:
    """A learner who finished the shipped course, with a few reflections."""
    course = load_course(DEFAULT_COURSE_DIR)
    start = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)
    modules = [ModuleRecord(m, len(m.drops), len(m.drops), 3, 4, 2.0 + i / 2, 3.5 + i / 3, 0.0)
               for i, m in enumerate(course.modules)]
    entries = []
    for n, (module, drop) in enumerate((m, d) for m in course.modules for d in m.drops
                                       if any(s.kind == "reflect" for s in d.steps)):
        step = next(s for s in drop.steps if s.kind == "reflect")
        text = ("I want to greet every pupil at the door by name, and ask my line manager for time "
                "to read the support plans before the start of term. " * (1 + n % 3)).strip()
        at = start + timedelta(days=2 * n)
        entries.append(Entry(Reflection(n + 1, step.id, "reflect", text, at, at), module,
                             getattr(step, "prompt", "")))
    return Record("Morag", entries, modules, 272.0, start + timedelta(days=60),
                  (start, start + timedelta(days=60)))


def render(pdf: bytes, out: Path, stem: str) -> list[Path]:
    """Each page as a PNG at 100 dpi (needs pypdfium2, a dev dependency)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    paths = []
    for i in range(len(doc)):
        path = out / f"{stem}-{i + 1}.png"
        doc[i].render(scale=100 / 72).to_pil().save(path)
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "/tmp/ktp-documents")
    out.mkdir(parents=True, exist_ok=True)
    record = sample()
    issued = Certificate("KTP-7F3K-9Q2M", 1, "Morag MacLeod-Ní Bhriain", "", date(2027, 1, 7),
                         record.minutes_done)
    made = render(certificate_pdf(record, issued), out, "certificate")
    made += render(journal_pdf(record, "Morag MacLeod", datetime(2027, 1, 8, tzinfo=UTC)), out, "journal")
    print("\n".join(str(p) for p in made))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
