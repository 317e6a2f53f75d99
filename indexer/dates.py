"""Dates: publication dates from metadata or a dateline, and the calendar days an article's text mentions.

All functions return ISO ``YYYY-MM-DD`` strings. ``dateparser`` is used with English only and one reused
parser (language detection is slow, and a per-call ``RELATIVE_BASE`` leaks memory); relative
expressions ("yesterday", "last Tuesday", "on 11 November") are resolved here against the publication
date with plain date arithmetic.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import dateparser

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[6-9]|20)\d\d)"
_WEEKDAY = r"(?P<{g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_RANGE_SEP = r"\s*(?:-|–|—|to|and|&)\s*"


def _g(pattern: str, name: str) -> str:
    return pattern.format(g=name)


# "Friday, January 4, 2019", "January 4, 2019", "Jan. 4th 2019", "January 4-6, 2019", "January 4"
_MONTH_FIRST = re.compile(
    r"(?<![\w-])"
    + _g(_MONTH, "month")
    + r"\s+"
    + _g(_DAY, "day")
    + r"(?:"
    + _RANGE_SEP
    + _g(_DAY, "day2")
    + r")?"
    + r"(?!\s*(?:[:.]\d|%|\d))(?:,?\s+"
    + _g(_YEAR, "year")
    + r")?(?![\w-])"
)
# "4 January 2019", "4th of January, 2019", "4-6 January 2019", "4 January"
_DAY_FIRST = re.compile(
    r"(?<![\w.,-])"
    + _g(_DAY, "day")
    + r"(?:"
    + _RANGE_SEP
    + _g(_DAY, "day2")
    + r")?"
    + r"\s+(?:of\s+)?"
    + _g(_MONTH, "month")
    + r"(?:,?\s+"
    + _g(_YEAR, "year")
    + r")?(?![\w-])"
)
_ISO = re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-]|-\d)")
_RELATIVE_WEEKDAY = re.compile(
    r"(?<![\w-])(?:(?P<mod>last|next|this|past|coming|on|from|until|since|by|before|after)\s+)?"
    + _g(_WEEKDAY, "weekday")
    + r"(?:'s|’s)?(?:\s+(?P<part>morning|afternoon|evening|night))?(?![\w-])",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(
    r"(?<![\w-])(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow)"
    r"(?:'s|’s)?(?![\w-])",
    re.IGNORECASE,
)
#: Words before a bare weekday that point to the future ("will meet on Friday").
#: A weekday written right before a full date ("Friday, January 4"): part of that date.
_WEEKDAY_BEFORE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?$")
_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|’ll|shall|is to|are to|is due|are due|due to|scheduled|expected|plans? to|planned"
    r"|set to|going to|to be held|upcoming|next|until|by)\b[^.;!?]{0,60}$",
    re.IGNORECASE,
)
_DATELINE_LINE = re.compile(
    r"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<date>(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Z][a-z]+\.?,?\s+\d{4})|(?:\d{4}-\d{2}-\d{2}))\s*(?:\n|$)"
)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|posted|updated|first published)(?:\s+on)?\s*:?\s*(?P<date>[^\n]{6,40}?)\s*(?:\n|$)",
    re.IGNORECASE | re.MULTILINE,
)
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")
_REUTERS_STYLE = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")

_parser: Any = None


def _date_parser() -> Any:
    """The one reused English-only dateparser instance (created on first use, per process)."""
    global _parser
    if _parser is None:
        _parser = dateparser.DateDataParser(
            languages=["en"],
            settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
        )
    return _parser


@lru_cache(maxsize=4096)
def _parse_absolute(value: str) -> date | None:
    """A full date (day, month and year) written in ``value``, or None."""
    try:
        result = _date_parser().get_date_data(value)
    except (ValueError, OverflowError):
        return None
    parsed: datetime | None = result.date_obj
    if parsed is None or result.period != "day":
        return None
    return parsed.date()


def normalise_published(value: str | None) -> str | None:
    """ISO date of a publication-date metadata string, or None when it has no parseable day.

    Accepts ISO dates and timestamps ("2022-06-24T23:23:00Z" -> "2022-06-24", the date as written, no
    time-zone shift), Reuters-21578 style ("26-FEB-1987 15:01:01.79") and anything dateparser reads in
    English with day, month and year ("11 November 2024", "Friday, January 4, 2019"). Month-only or
    year-only values give None; the caller reports them.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    iso = _ISO_PREFIX.match(value)
    if iso:
        return _iso(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    reuters = _REUTERS_STYLE.match(value)
    if reuters and reuters.group(2).lower() in _MONTHS:
        return _iso(int(reuters.group(3)), _MONTHS[reuters.group(2).lower()], int(reuters.group(1)))
    parsed = _parse_absolute(value)
    return parsed.isoformat() if parsed else None


def find_dateline(text: str) -> tuple[str | None, str]:
    """The dateline at the very top of ``text`` and the text without it.

    A dateline is a first line holding only a full date, optionally with its weekday ("Friday, January
    4, 2019", "4 January 2019", "2019-01-04"). Returns ``(iso_date, rest)``; ``(None, text)`` unchanged
    when the text does not begin with one.
    """
    match = _DATELINE_LINE.match(text)
    if not match:
        return None, text
    iso = normalise_published(match.group("date"))
    if iso is None:
        return None, text
    return iso, text[match.end() :].lstrip()


def find_published_line(text: str) -> str | None:
    """ISO date of a "Published: 4 January 2019" style line in the first 500 characters, or None."""
    match = _PUBLISHED_LINE.search(text[:500])
    return normalise_published(match.group("date")) if match else None


def mentioned_dates(text: str, publication_date: str | None) -> list[str]:
    """The specific calendar days ``text`` refers to, sorted, distinct, ISO ``YYYY-MM-DD``.

    Full dates are taken as written. Day-month dates without a year get the year that puts them closest
    to the publication date. Weekdays ("on Sunday", "last Tuesday", "next Friday") and "yesterday",
    "today", "tomorrow" are resolved against the publication date; without a publication date they are
    not dates. Month-only and year-only expressions, durations and times of day are not dates.
    """
    published = date.fromisoformat(publication_date) if publication_date else None
    found: set[date] = set()
    taken: list[tuple[int, int]] = []

    for match in _ISO.finditer(text):
        day = _valid(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        if day:
            found.add(day)
            taken.append(match.span())
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(text):
            if _overlaps(match.span(), taken):
                continue
            days = _calendar_days(match, published)
            if days:
                found.update(days)
                weekday = _WEEKDAY_BEFORE.search(text, max(0, match.start() - 16), match.start())
                taken.append((weekday.start() if weekday else match.start(), match.end()))
    if published is not None:
        for match in _RELATIVE_DAY.finditer(text):
            offset = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1}
            found.add(published + timedelta(days=offset.get(match.group("word").lower(), 2)))
        for match in _RELATIVE_WEEKDAY.finditer(text):
            if _overlaps(match.span(), taken) or not match.group("weekday")[0].isupper():
                continue
            found.add(_resolve_weekday(match, text, published))
    return sorted(d.isoformat() for d in found)


def _calendar_days(match: re.Match[str], published: date | None) -> list[date]:
    month = _MONTHS[match.group("month").rstrip(".").lower()]
    year_text = match.group("year")
    first = int(match.group("day"))
    last = int(match.group("day2")) if match.group("day2") else None
    days = [first] if last is None or last <= first else [first, last]
    if year_text:
        expression = f"{days[0]} {match.group('month').rstrip('.')} {year_text}"
        parsed = _parse_absolute(expression)
        if parsed is None:
            return []
        result = [parsed]
        if len(days) == 2:
            end = _valid(parsed.year, parsed.month, days[1])
            result += [end] if end else []
        return result
    if published is None:
        return []
    year = _infer_year(month, days[0], published)
    if year is None:
        return []
    return [d for d in (_valid(year, month, day) for day in days) if d]


def _infer_year(month: int, day: int, published: date) -> int | None:
    """The year that puts month/day closest to the publication date (past or future)."""
    candidates = [
        d for d in (_valid(y, month, day) for y in (published.year - 1, published.year, published.year + 1)) if d
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - published).days)).year


def _resolve_weekday(match: re.Match[str], text: str, published: date) -> date:
    weekday = _WEEKDAYS[match.group("weekday").lower()]
    modifier = (match.group("mod") or "").lower()
    back = (published.weekday() - weekday) % 7  # days since the last such weekday (0 = today)
    ahead = (weekday - published.weekday()) % 7  # days until the next such weekday (0 = today)
    if modifier in ("last", "past"):
        return published - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return published + timedelta(days=ahead or 7)
    before = text[max(0, match.start() - 80) : match.start()]
    if modifier in ("until", "by") or _FUTURE_CUE.search(before):
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    valid = _valid(year, month, day)
    return valid.isoformat() if valid else None
