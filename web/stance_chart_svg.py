"""A person's statements per month as a stacked-bar SVG, drawn on the server (no script).

One slot per calendar month from the first month with a statement to the last; a bar (``<g class="month">``)
for each month that has statements, stacked from one ``<rect class="seg stance-<stance>">`` per stance
(colours from the stylesheet's stance classes), with an accessible name and a tooltip. The chart scales with
the page width (``viewBox``); the legend and a table alternative are in the template.
"""

from __future__ import annotations

from datetime import date
from html import escape

from web.models import StanceMonth
from web.page_views import stance_label
from web.timeline_svg import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, WIDTH, chart_frame

HEIGHT = 170
#: Least horizontal distance (viewBox units) between two month labels of the axis.
LABEL_GAP = 64.0
MAX_BAR_WIDTH = 40.0
#: Stacking order (bottom first): the stances that take a side, then ``says``.
STANCE_ORDER = ("denies", "opposes", "claims", "confirms", "supports", "no_comment", "says")


def month_index(day: date) -> int:
    """Months since year 0 (consecutive months differ by one)."""
    return day.year * 12 + day.month - 1


def _plural(count: int) -> str:
    return f"{count:,} statement" + ("" if count == 1 else "s")


def ordered_stances(month: StanceMonth) -> list[tuple[str, int]]:
    """The month's (stance, count) pairs in stacking order (unknown stances last, by name)."""
    counts = {c.value: c.count for c in month.stances if c.count > 0}
    rank = {stance: i for i, stance in enumerate(STANCE_ORDER)}
    return sorted(counts.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))


def month_label(month: StanceMonth) -> str:
    """``2024-10: 2 statements (confirms 1, says 1)``."""
    parts = ", ".join(f"{stance_label(s)} {n:,}" for s, n in ordered_stances(month))
    return f"{month.month.strftime('%Y-%m')}: {_plural(month.total)} ({parts})"


def render_stance_chart(months: list[StanceMonth], *, title: str = "Statements per month") -> str:
    """SVG markup of the stacked bars (every text escaped); an empty string when there are no statements."""
    shown = sorted((m for m in months if m.total > 0), key=lambda m: m.month)
    if not shown:
        return ""
    first = month_index(shown[0].month)
    slots = month_index(shown[-1].month) - first + 1
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    peak = max(m.total for m in shown)
    slot = plot_w / slots
    bar_w = max(min(slot - min(2.0, slot * 0.2), MAX_BAR_WIDTH), 0.5)
    base_y = MARGIN_TOP + plot_h
    total = sum(m.total for m in shown)
    label = f"{title}: {_plural(total)} in {len(shown):,} months, one bar per month"
    parts = chart_frame("stance-chart", HEIGHT, label, peak)
    for month in shown:
        x = MARGIN_LEFT + (month_index(month.month) - first) * slot + (slot - bar_w) / 2
        label = month_label(month)
        parts.append(
            f'<g class="month" role="img" aria-label="{escape(label)}" data-month="{month.month.isoformat()}">'
            f"<title>{escape(label)}</title>"
        )
        top = float(base_y)
        for stance, count in ordered_stances(month):
            height = plot_h * count / peak
            top -= height
            parts.append(
                f'<rect class="seg stance-{escape(stance)}" data-count="{count}" x="{x:.1f}" y="{top:.1f}" '
                f'width="{bar_w:.1f}" height="{height:.1f}"/>'
            )
        parts.append("</g>")
    last_x: float | None = None
    position = 0
    for month in shown:  # a label under a bar, never closer than LABEL_GAP to the previous one
        x = MARGIN_LEFT + (month_index(month.month) - first) * slot + slot / 2
        if last_x is not None and x - last_x < LABEL_GAP:
            continue
        css = "tick minor" if position % 2 else "tick"
        parts.append(
            f'<text class="{css}" x="{max(x, MARGIN_LEFT + LABEL_GAP / 2):.1f}" y="{HEIGHT - 6}" '
            f'text-anchor="middle">{escape(month.month.strftime("%Y-%m"))}</text>'
        )
        last_x, position = x, position + 1
    parts.append("</svg>")
    return "".join(parts)
