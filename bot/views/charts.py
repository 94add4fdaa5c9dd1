"""The /stats chart: learners completing each drop, as a PNG made with matplotlib (no display needed)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bot.usecases.cohort_stats import Summary


def completion_chart(summary: Summary, cohort_name: str) -> bytes:
    """Bars of learners still going at each drop, and confidence before and after each module."""
    reached, left = [], summary.enrolled
    for _, stopped in summary.stops:
        left -= stopped
        reached.append(left)
    figure, (bars, confidence) = plt.subplots(2, 1, figsize=(8, 7), height_ratios=(3, 2))
    bars.bar(range(1, len(reached) + 1), reached, color="#2a7f62")
    # A name like "$5 a day$" is text, not a formula: mathtext would fail on it.
    bars.set_title(f"{cohort_name}: learners who completed each drop (of {summary.enrolled})",
                   parse_math=False)
    bars.set_xlabel("drop, in course order")
    bars.set_ylabel("learners")
    labels = [f"Module {m.number}" for m in summary.modules]
    xs = range(len(labels))
    confidence.bar([x - 0.2 for x in xs], [m.before or 0 for m in summary.modules], width=0.4,
                   label="before", color="#c9a227")
    confidence.bar([x + 0.2 for x in xs], [m.after or 0 for m in summary.modules], width=0.4,
                   label="after", color="#2a5d9f")
    confidence.set_xticks(list(xs), labels)
    confidence.set_ylim(0, 5)
    confidence.set_title("Average confidence (1-5)")
    confidence.legend()
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=100)
    plt.close(figure)
    return out.getvalue()
