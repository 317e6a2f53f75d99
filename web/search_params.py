"""What a search asks for: the validated, immutable state behind every search page, API call, feed and export.

:func:`make_search_params` is the single place request values are checked; it raises
:class:`SearchParamError` (answered with a 400 and its message) for anything out of range.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

from web.facets import FACETS
from web.query_text import QueryTextError, prepare_query_text

Sort = Literal["relevance", "newest", "oldest"]
Interval = Literal["auto", "day", "week", "month", "year"]
SORTS: tuple[str, ...] = get_args(Sort)
INTERVALS: tuple[str, ...] = get_args(Interval)

#: Elasticsearch's index.max_result_window: from + size beyond it needs a cursor.
MAX_WINDOW = 10_000
MAX_PAGE_SIZE = 100
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_LENGTH = 200
CURSOR_START = "*"
#: Most bars an explicit timeline interval may draw over a selected publication range (Elasticsearch
#: refuses a search of more than 65,536 buckets in all).
MAX_TIMELINE_BARS = 20_000

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class SearchParamError(ValueError):
    """A request value was refused; ``str(error)`` is a message for the reader."""


@dataclass(frozen=True)
class DateBounds:
    """Half-open date range ``[start, end)``; either side may be open."""

    start: date | None = None
    end: date | None = None

    def is_empty(self) -> bool:
        """True when there is no bound at all."""
        return self.start is None and self.end is None


@dataclass(frozen=True)
class SearchParams:
    """A checked search request. ``filters`` maps facet names to the selected values (OR within a facet,
    AND across facets); date bounds are kept as given (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""

    q: str = ""
    query_text: str | None = None
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    published_from: tuple[str, ...] = ()
    published_to: tuple[str, ...] = ()
    mentioned_from: tuple[str, ...] = ()
    mentioned_to: tuple[str, ...] = ()
    sort: Sort = "relevance"
    page: int = 1
    size: int = 20
    cursor: str | None = None
    interval: Interval = "auto"
    facet_size: int = 10

    @property
    def offset(self) -> int:
        """Index of the first hit of this page."""
        return (self.page - 1) * self.size

    def published_bounds(self) -> DateBounds:
        """The effective publication-date range (every given bound applies)."""
        return resolve_bounds(self.published_from, self.published_to)

    def mentioned_bounds(self) -> DateBounds:
        """The effective range of dates the text refers to."""
        return resolve_bounds(self.mentioned_from, self.mentioned_to)

    def has_filters(self) -> bool:
        """True when any facet value or date bound is selected."""
        return bool(
            any(self.filters.values())
            or self.published_from
            or self.published_to
            or self.mentioned_from
            or self.mentioned_to
        )


def parse_date_bound(text: str, *, end: bool) -> date:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into the first day (``end=False``) or the last day
    (``end=True``) it covers. Raises SearchParamError naming the bad value."""
    match = _DATE_RE.match(text.strip())
    if not match:
        raise SearchParamError(f"Invalid date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD.")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    try:
        if match.group(3):
            return date(year, month, int(match.group(3)))
        day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day)
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise SearchParamError(f"Invalid date {text!r}: {exc}.") from exc


def resolve_bounds(froms: Sequence[str], tos: Sequence[str]) -> DateBounds:
    """Intersect every from/to bound into one half-open range (``end`` is the day after the last day)."""
    start = max((parse_date_bound(v, end=False) for v in froms), default=None)
    last = min((parse_date_bound(v, end=True) for v in tos), default=None)
    end = date.fromordinal(last.toordinal() + 1) if last and last < date.max else None
    return DateBounds(start, end)


def check_range_order(from_name: str, froms: Sequence[str], to_name: str, tos: Sequence[str]) -> None:
    """Refuse a range whose latest start falls after its earliest end, naming both values as given
    (``published_from (2100-01-01) is after published_to (1900-01-01).``)."""
    if not froms or not tos:
        return
    latest_from = max(froms, key=lambda v: parse_date_bound(v, end=False))
    earliest_to = min(tos, key=lambda v: parse_date_bound(v, end=True))
    if parse_date_bound(latest_from, end=False) > parse_date_bound(earliest_to, end=True):
        raise SearchParamError(f"{from_name} ({latest_from}) is after {to_name} ({earliest_to}).")


def timeline_bars(bounds: DateBounds, interval: str) -> int:
    """How many ``interval`` bars (day, week, month, year) the timeline of a closed range draws (0 when a
    side is open, or for ``auto``, which picks at most about 70 bars or one per year)."""
    if bounds.start is None or bounds.end is None or interval == "auto":
        return 0
    days = (bounds.end - bounds.start).days
    if interval == "day":
        return days
    if interval == "week":
        return days // 7 + 1
    months = (bounds.end.year - bounds.start.year) * 12 + bounds.end.month - bounds.start.month + 1
    return months if interval == "month" else bounds.end.year - bounds.start.year + 1


def checked_value(name: str, value: str | None) -> str:
    """``value`` stripped (empty for None); raises SearchParamError naming ``name`` when it is longer than
    MAX_FILTER_VALUE_LENGTH."""
    cleaned = (value or "").strip()
    if len(cleaned) > MAX_FILTER_VALUE_LENGTH:
        raise SearchParamError(
            f"A {name} value is {len(cleaned)} characters long; at most {MAX_FILTER_VALUE_LENGTH} are allowed."
        )
    return cleaned


def _clean_values(name: str, values: Sequence[str]) -> tuple[str, ...]:
    cleaned: list[str] = []
    for value in values:
        value = checked_value(name, value)
        if not value:
            continue
        if value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_FILTER_VALUES:
        raise SearchParamError(f"{len(cleaned)} {name} values given; at most {MAX_FILTER_VALUES} are allowed.")
    return tuple(cleaned)


def make_search_params(
    *,
    q: str | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    published_from: Sequence[str] = (),
    published_to: Sequence[str] = (),
    mentioned_from: Sequence[str] = (),
    mentioned_to: Sequence[str] = (),
    sort: str = "relevance",
    page: int = 1,
    size: int = 20,
    cursor: str | None = None,
    interval: str = "auto",
    facet_size: int = 10,
) -> SearchParams:
    """Check every value and build :class:`SearchParams`; raises :class:`SearchParamError` with a message.

    Rules: ``page`` >= 1, 1 <= ``size`` <= 100, ``page * size`` <= 10,000 (beyond, pass ``cursor=*`` and
    follow ``next_cursor``); dates as ``YYYY[-MM[-DD]]``, no ``*_from`` after its ``*_to``, at most
    :data:`MAX_TIMELINE_BARS` bars for an explicit interval over a closed publication range; at most 20
    values of 200 characters per filter; the search text as :func:`web.query_text.prepare_query_text`
    allows.
    """
    raw_q = q or ""
    try:
        query_text = prepare_query_text(raw_q)
    except QueryTextError as exc:
        raise SearchParamError(str(exc)) from exc
    if sort not in SORTS:
        raise SearchParamError(f"Unknown sort {sort!r}: use one of {', '.join(SORTS)}.")
    if interval not in INTERVALS:
        raise SearchParamError(f"Unknown interval {interval!r}: use one of {', '.join(INTERVALS)}.")
    if page < 1:
        raise SearchParamError("page starts at 1.")
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise SearchParamError(f"size must be between 1 and {MAX_PAGE_SIZE}.")
    if not 1 <= facet_size <= 100:
        raise SearchParamError("facet_size must be between 1 and 100.")
    if cursor is None and page * size > MAX_WINDOW:
        raise SearchParamError(
            f"page {page} of size {size} reaches past hit {MAX_WINDOW:,}: page through with cursor=* "
            "and the next_cursor of each answer, or use /api/export."
        )
    if cursor is not None and not cursor.strip():
        cursor = None
    given = dict(filters or {})
    unknown = set(given) - {f.name for f in FACETS}
    if unknown:
        raise SearchParamError(f"Unknown filter(s): {', '.join(sorted(unknown))}.")
    clean_filters = {f.name: values for f in FACETS if (values := _clean_values(f.param, given.get(f.name, ())))}
    dates = {
        "published_from": _clean_values("published_from", published_from),
        "published_to": _clean_values("published_to", published_to),
        "mentioned_from": _clean_values("mentioned_from", mentioned_from),
        "mentioned_to": _clean_values("mentioned_to", mentioned_to),
    }
    for name, values in dates.items():
        for value in values:
            parse_date_bound(value, end=name.endswith("_to"))
    check_range_order("published_from", dates["published_from"], "published_to", dates["published_to"])
    check_range_order("mentioned_from", dates["mentioned_from"], "mentioned_to", dates["mentioned_to"])
    bars = timeline_bars(resolve_bounds(dates["published_from"], dates["published_to"]), interval)
    if bars > MAX_TIMELINE_BARS:
        raise SearchParamError(
            f"interval={interval} over the selected publication range would draw {bars:,} timeline bars "
            f"(at most {MAX_TIMELINE_BARS:,}): choose a coarser interval or a shorter range."
        )
    return SearchParams(
        q=raw_q,
        query_text=query_text,
        filters=clean_filters,
        published_from=dates["published_from"],
        published_to=dates["published_to"],
        mentioned_from=dates["mentioned_from"],
        mentioned_to=dates["mentioned_to"],
        sort=sort,  # type: ignore[arg-type]
        page=page,
        size=size,
        cursor=cursor,
        interval=interval,  # type: ignore[arg-type]
        facet_size=facet_size,
    )
