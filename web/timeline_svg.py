"""The timeline of matching articles as an inline SVG bar chart, drawn on the server.

Every non-empty bar is a link (to the same search narrowed to that bar's period) with an accessible name
and a tooltip; the chart scales with the page width (``viewBox``).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from web.models import Timeline, TimelineBucket

WIDTH = 720
HEIGHT = 150
MARGIN_LEFT = 36
MARGIN_RIGHT = 8
MARGIN_TOP = 10
MARGIN_BOTTOM = 24
MAX_LABELS = 6
MAX_BAR_WIDTH = 48.0


def bucket_label(bucket: TimelineBucket, interval: str) -> str:
    """How a bucket's period is written: ``2022``, ``2022-03``, ``week of 2022-03-07`` or ``2022-03-07``."""
    if interval == "year":
        return str(bucket.start.year)
    if interval == "month":
        return bucket.start.strftime("%Y-%m")
    if interval == "week":
        return f"week of {bucket.start.isoformat()}"
    return bucket.start.isoformat()


def _axis_label(bucket: TimelineBucket, interval: str) -> str:
    return bucket.start.isoformat() if interval == "week" else bucket_label(bucket, interval)


def _plural(count: int) -> str:
    return f"{count:,} article" + ("" if count == 1 else "s")


def chart_frame(css_class: str, height: int, aria_label: str, peak: int) -> list[str]:
    """The opening of a bar chart's SVG (``WIDTH`` by ``height``, the margins of this module): the ``<svg>``
    tag with its accessible name (escaped here), the base line, and the peak and zero ticks."""
    base_y = height - MARGIN_BOTTOM
    return [
        f'<svg class="{css_class}" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
        f'aria-label="{escape(aria_label)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{base_y}" x2="{WIDTH - MARGIN_RIGHT}" y2="{base_y}"/>',
        f'<text class="tick" x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + 8}" text-anchor="end">{peak:,}</text>',
        f'<text class="tick" x="{MARGIN_LEFT - 4}" y="{base_y}" text-anchor="end">0</text>',
    ]


def render_timeline(
    timeline: Timeline, href: Callable[[TimelineBucket], str], *, title: str = "Articles over time"
) -> str:
    """SVG markup of the timeline (all text escaped); an empty string when there are no buckets."""
    buckets = timeline.buckets
    if not buckets:
        return ""
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    peak = max(b.count for b in buckets) or 1
    slot = plot_w / len(buckets)
    gap = min(2.0, slot * 0.2)
    bar_w = max(min(slot - gap, MAX_BAR_WIDTH), 0.5)
    base_y = MARGIN_TOP + plot_h
    total = sum(b.count for b in buckets)
    parts = chart_frame("timeline", HEIGHT, f"{title}: {_plural(total)}, one bar per {timeline.interval}", peak)
    for i, bucket in enumerate(buckets):
        x = MARGIN_LEFT + i * slot
        label = f"{bucket_label(bucket, timeline.interval)}: {_plural(bucket.count)}"
        if bucket.count == 0:
            continue
        bar_h = max(1.5, plot_h * bucket.count / peak)
        parts.append(
            f'<a href="{escape(href(bucket))}" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>"
            f'<rect class="hit-area" x="{x:.1f}" y="{MARGIN_TOP}" width="{slot:.1f}" height="{plot_h}"/>'
            f'<rect class="tl-bar" x="{x + (slot - bar_w) / 2:.1f}" y="{base_y - bar_h:.1f}" '
            f'width="{bar_w:.1f}" height="{bar_h:.1f}"/></a>'
        )
    step = max(1, round(len(buckets) / MAX_LABELS))
    label_indexes = list(range(0, len(buckets), step))
    for position, i in enumerate(label_indexes):
        css = "tick minor" if position % 2 else "tick"
        x = MARGIN_LEFT + i * slot + slot / 2
        anchor = "start" if i == 0 and slot < 40 else "middle"
        if anchor == "start":
            x = MARGIN_LEFT
        parts.append(
            f'<text class="{css}" x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}">'
            f"{escape(_axis_label(buckets[i], timeline.interval))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
