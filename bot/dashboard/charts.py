"""Charts as inline SVG drawn on the server: no script, no chart library, readable at 360 px."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from bot.usecases.cohort_stats import ModuleLine, Summary, confidence_words, count_words, shown

_ROW, _BAR_W = 22, 300


def _svg(height: int, title: str, body: str) -> Markup:
    # A viewBox and width 100% scale the chart to the screen; the title is its text alternative.
    return Markup(f'<svg class="chart" viewBox="0 0 360 {height}" role="img" aria-label="{escape(title)}"'
                  f' preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>{body}</svg>')


def funnel(summary: Summary) -> Markup:
    """One bar per drop: how many learners finished it, out of those enrolled."""
    top = max(summary.enrolled, 1)
    parts = []
    for row, (module, title, done) in enumerate(summary.funnel):
        y = row * _ROW * 2
        # One to four learners could be told apart: no bar, and the words say why.
        width = max(round(_BAR_W * done / top), 1) if shown(done) else 1
        parts.append(f'<text x="0" y="{y + 14}" class="label">M{module} · {escape(title[:48])}</text>'
                     f'<rect x="0" y="{y + 19}" width="{width}" height="14" class="bar m{module % 3}"/>'
                     f'<text x="{width + 6}" y="{y + 31}" class="value">{count_words(done)}</text>')
    return _svg(max(len(summary.funnel), 1) * _ROW * 2,
                f"Learners who finished each drop, out of {summary.enrolled} enrolled", "".join(parts))


def confidence(modules: list[ModuleLine]) -> Markup:
    """Average confidence (1 to 5) before and after each module; too few ratings are left out."""
    parts = []
    for row, m in enumerate(modules):
        y = row * 64
        parts.append(f'<text x="0" y="{y + 14}" class="label">Module {m.number}</text>')
        for offset, (phase, value, count) in enumerate((("before", m.before, m.rated_before),
                                                        ("after", m.after, m.rated_after))):
            bar_y = y + 20 + offset * 20
            label = confidence_words(value, count)
            width = round(_BAR_W * 0.8 * (value or 0) / 5)
            parts.append(f'<text x="0" y="{bar_y + 12}" class="value">{phase}</text>'
                         f'<rect x="50" y="{bar_y}" width="{max(width, 1)}" height="14" class="bar {phase}"/>'
                         f'<text x="{56 + width}" y="{bar_y + 12}" class="value">{label}</text>')
    return _svg(max(len(modules), 1) * 64, "Average confidence before and after each module, 1 to 5",
                "".join(parts))
