"""The /stats chart: learners completing each drop and confidence per module, as a PNG.

Drawn for a phone: Telegram shows it about 360 px wide, so the 720 px image is halved and every
font is at least 20 px here (10 px there). matplotlib is imported inside the function, so that
importing the views stays quick, and a Figure is used without pyplot, so it can run in a thread.
"""

from __future__ import annotations

import io
import textwrap
from itertools import groupby

from bot.usecases.cohort_stats import Summary, confidence_words, count_words, shown
from bot.views.html import Markup, html

_DPI = 120
_FONT = 12  # points: 20 px at 120 dpi, 10 px at phone width


def completion_chart(summary: Summary, cohort_name: str) -> bytes:
    """Bars of learners who finished each drop, by module, and confidence before and after."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 7.5), dpi=_DPI)
    bars, confidence = figure.subplots(2, 1, height_ratios=(3, 2))
    # A name like "$5 a day$" is text, not a formula: mathtext would fail on it.
    figure.suptitle("\n".join(textwrap.wrap(cohort_name, 32)[:3]), fontsize=_FONT + 2, parse_math=False)
    done = [n for _, _, n in summary.funnel]
    bars.set_title(f"Learners who finished each drop (of {summary.enrolled})", fontsize=_FONT)
    if not any(done):
        bars.set_axis_off()
        bars.text(0.5, 0.5, "No drops finished yet", ha="center", va="center", fontsize=_FONT + 2,
                  transform=bars.transAxes)
    else:
        _drops(bars, summary)
    modules = summary.modules
    xs = range(len(modules))
    confidence.bar([x - 0.2 for x in xs], [m.before or 0 for m in modules], width=0.4, label="before",
                   color="#c9a227")
    confidence.bar([x + 0.2 for x in xs], [m.after or 0 for m in modules], width=0.4, label="after",
                   color="#2a5d9f")
    for x, m in zip(xs, modules, strict=True):
        for shift, mean, rated in ((-0.2, m.before, m.rated_before), (0.2, m.after, m.rated_after)):
            if mean is None and rated:  # left out by the small-numbers rule: say so, not a zero
                confidence.text(x + shift, 0.15, "too few", ha="center", va="bottom", rotation=90,
                                fontsize=_FONT - 2)
    confidence.set_xticks(list(xs), [f"Module {m.number}" for m in modules], fontsize=_FONT)
    confidence.set_ylim(0, 5)
    confidence.tick_params(labelsize=_FONT)
    confidence.set_title("Average confidence (1 to 5)", fontsize=_FONT)
    confidence.legend(fontsize=_FONT, loc="upper left", ncols=2, frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()


def _drops(axes: object, summary: Summary) -> None:
    """Drops numbered within their module, a line between modules, the module named below."""
    from matplotlib.axes import Axes
    from matplotlib.ticker import MaxNLocator

    assert isinstance(axes, Axes)
    x, ticks, labels, middles = 0, [], [], []
    for number, drops in groupby(summary.funnel, key=lambda f: f[0]):
        counts = [n for _, _, n in drops]
        xs = list(range(x, x + len(counts)))
        # One to four learners could be told apart: no bar, and the words say why.
        axes.bar(xs, [n if shown(n) else 0 for n in counts], color="#2a7f62" if number % 2 else "#4fa383")
        for bar_x, n in zip(xs, counts, strict=True):
            if count_words(n) != str(n):
                axes.text(bar_x, 0.02, "too few", ha="center", va="bottom", rotation=90, fontsize=_FONT - 2,
                          transform=axes.get_xaxis_transform())
        ticks += xs[::2] if len(counts) > 6 else xs
        labels += [str(i + 1) for i in range(len(counts))][:: 2 if len(counts) > 6 else 1]
        middles.append((x + (len(counts) - 1) / 2, f"Module {number}"))
        if x:
            axes.axvline(x - 0.5, color="#888888", linewidth=1)
        x += len(counts)
    axes.set_xticks(ticks, labels, fontsize=_FONT - 1)
    axes.tick_params(labelsize=_FONT)
    axes.set_ylim(0, max(summary.enrolled, 1))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # learners come whole
    for middle, name in middles:
        axes.text(middle, -0.16, name, ha="center", va="top", fontsize=_FONT,
                  transform=axes.get_xaxis_transform())
    axes.set_xlim(-0.6, x - 0.4)


def chart_caption(summary: Summary) -> Markup:
    """The chart's numbers as text, for anyone who cannot see the picture."""
    feeling = "; ".join(f"Module {m.number} {confidence_words(m.before, m.rated_before)} → "
                        f"{confidence_words(m.after, m.rated_after)}" for m in summary.modules)
    if not any(n for _, _, n in summary.funnel):
        return html("Progress chart: no drops finished yet, of {n} enrolled. Average confidence "
                    "before → after: {feeling}", n=summary.enrolled, feeling=feeling)
    parts = [f"Module {number}: " + ", ".join(count_words(n) for _, _, n in drops)
             for number, drops in groupby(summary.funnel, key=lambda f: f[0])]
    return html("Progress chart. Learners who finished each drop, in order (of {n} enrolled): {parts}. "
                "Average confidence before → after: {feeling}", n=summary.enrolled,
                parts="; ".join(parts), feeling=feeling)
