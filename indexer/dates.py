"""Dates: publication dates from metadata or a dateline, and the calendar days an article's text mentions.

All functions return ISO ``YYYY-MM-DD`` strings. ``dateparser`` is used with English only and one reused
parser (language detection is slow, and a per-call ``RELATIVE_BASE`` leaks memory); relative
expressions ("yesterday", "last Tuesday", "on 11 November") are resolved here against the publication
date with plain date arithmetic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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
    r"(?<![\w-])(?:(?P<mod>last|next|this|past|coming|on|from|until|since|by|before|after|each|every)\s+)?"
    + _g(_WEEKDAY, "weekday")
    + r"(?:'s|’s)?(?:\s+(?P<part>morning|afternoon|evening|night))?(?![\w-])",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(
    r"(?<![\w-])(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow)(?![\w-])",
    re.IGNORECASE,
)
#: Cheap gates (a literal scan of the lower-cased text) before the dearer patterns: a weekday name, "ago",
#: a holiday name. Python's ``re`` has no fast scan for a pattern that starts with an alternation.
_WEEKDAY_GATE = re.compile(r"day(?:(?<=monday|sunday|friday)|(?<=tuesday)|(?<=thursday|saturday)|(?<=wednesday))")
_HOLIDAY_WORDS = ("Christmas", "Boxing Day", "New Year", "Valentine", "Halloween", "Thanksgiving")
#: Words before a bare weekday that point to the future ("will meet on Friday").
#: A weekday written right before a full date ("Friday, January 4"): part of that date.
_WEEKDAY_BEFORE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?$")
_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|’ll|shall|would|could|might|is to|are to|is due|are due|due to|to be held|upcoming"
    r"|scheduled to (?!expire)|expected to|plans? to|planning to|set to|going to|as soon as|as early as"
    r"|no later than|deadline)\b[^.;!?]{0,60}$",
    re.IGNORECASE,
)
#: Past perfect or a past "had/was" right before the date: the clause is about the past.
_PAST_CUE = re.compile(r"\b(?:had|was|were|did|ago|earlier|last)\b[^.;!?]{0,40}$", re.IGNORECASE)


_NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
# "10 days ago", "two weeks ago", "a week ago": a day counted back from publication.
_AGO = re.compile(
    r"(?<![\w-])(?P<count>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
# Holidays on a fixed day (or, Thanksgiving, a fixed rule): (month, day) or None for Thanksgiving.
_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31), "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "thanksgiving day": None, "thanksgiving": None,
}  # fmt: skip
_HOLIDAY = re.compile(
    r"(?<![\w-])(?P<last>last\s+)?(?P<name>Christmas Eve|Christmas Day|Christmas|Boxing Day|New Year['’]s Eve"
    r"|New Year['’]s Day|Valentine['’]s Day|Halloween|Thanksgiving Day|Thanksgiving)(?![\w-])"
)
_ABBREVIATION = re.compile(r"\b([A-Z][a-z]{0,2})\.")
#: "today's world", "the youth of tomorrow": not a day.
_GENERIC_DAY = re.compile(
    r"^(?:'s|’s)\s+(?:world|youth|society|generation|children|kids|economy|standards|technology|young)\b"
    r"|^\s+(?:is|are)\s+(?:a|an)\b",
    re.IGNORECASE,
)


def _future_clause(text: str, start: int) -> bool:
    """Whether the clause before ``start`` speaks of the future ("will meet on Friday")."""
    before = _ABBREVIATION.sub(r"\1", text[max(0, start - 80) : start])
    sentence = re.split(r"[.;!?]\s", before)[-1]
    return bool(_FUTURE_CUE.search(sentence)) and not _PAST_CUE.search(sentence)


_DATELINE_LINE = re.compile(
    r"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<date>(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Z][a-z]+\.?,?\s+\d{4})|(?:\d{4}-\d{2}-\d{2}))\s*(?:\n|$)"
)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|posted|updated|first published)(?:\s+on)?\s*:?\s*(?P<date>[^\n]{6,40}?)\s*(?:\n|$)",
    re.IGNORECASE | re.MULTILINE,
)
_WRITTEN_YEAR = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")
_REUTERS_STYLE = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")

_parser: Any = None


def _date_parser() -> Any:
    """The one reused English-only dateparser instance (created on first use, per process)."""
    global _parser
    if _parser is None:
        _parser = dateparser.DateDataParser(
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
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
    if not _WRITTEN_YEAR.search(value):
        return None  # "yesterday", "Monday": relative to the time of reading, never a publication date
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
    taken = _TakenSpans()

    for match in _ISO.finditer(text):
        day = _valid(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        if day:
            found.add(day)
            taken.add(match.span())
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(text):
            if taken.overlaps(match.span()):
                continue
            days = _calendar_days(match, published, _future_clause(text, match.start()))
            if days:
                found.update(days)
                weekday = _WEEKDAY_BEFORE.search(text, max(0, match.start() - 16), match.start())
                taken.add((weekday.start() if weekday else match.start(), match.end()))
    if published is not None:
        lowered = text.lower()
        for match in _RELATIVE_DAY.finditer(text):
            if _generic_day(match, text):
                continue
            offset = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1}
            found.add(published + timedelta(days=offset.get(match.group("word").lower(), 2)))
        for match in _AGO.finditer(text) if "ago" in lowered else ():
            count = _NUMBER_WORDS.get(match.group("count").lower()) or int(match.group("count"))
            back = count * (7 if match.group("unit").lower().startswith("week") else 1)
            found.add(published - timedelta(days=back))
            taken.add(match.span())
        holidays = any(word in text for word in _HOLIDAY_WORDS)
        for match in _HOLIDAY.finditer(text) if holidays else ():
            holiday = _holiday(match.group("name"), published, bool(match.group("last")))
            if holiday:
                found.add(holiday)
        for match in _RELATIVE_WEEKDAY.finditer(text) if _WEEKDAY_GATE.search(lowered) else ():
            if taken.overlaps(match.span()) or not match.group("weekday")[0].isupper():
                continue
            if (match.group("mod") or "").lower() in ("each", "every"):
                continue
            found.add(_resolve_weekday(match, text, published))
    return sorted(d.isoformat() for d in found)


def _holiday(name: str, published: date, last: bool) -> date | None:
    """The most recent (or, within two months, the coming) occurrence of a holiday."""
    rule = _HOLIDAYS[name.replace("’", "'").lower()]
    occurrences = []
    for year in (published.year - 1, published.year, published.year + 1):
        if rule is None:  # US Thanksgiving: the fourth Thursday of November
            first = date(year, 11, 1)
            occurrences.append(first + timedelta(days=(3 - first.weekday()) % 7 + 21))
        else:
            occurrences.append(date(year, *rule))
    past = [d for d in occurrences if d <= published]
    ahead = [d for d in occurrences if d > published]
    if ahead and not last and (ahead[0] - published).days <= 62:
        return ahead[0]
    return past[-1] if past else None


def _generic_day(match: re.Match[str], text: str) -> bool:
    """ "today's world", "of tomorrow", "VOA Today": the word does not name a day here."""
    after = text[match.end() : match.end() + 40]
    before = text[max(0, match.start() - 12) : match.start()]
    if _GENERIC_DAY.match(after) or (re.search(r"\bof\s+$", before) and match.group("word").lower() != "yesterday"):
        return True
    word = match.group("word")
    return word[0].isupper() and bool(re.search(r"[A-Za-z][ \t]+$", before))


def _calendar_days(match: re.Match[str], published: date | None, future: bool) -> list[date]:
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
    year = _infer_year(month, days[0], published, future)
    if year is None:
        return []
    return [d for d in (_valid(year, month, day) for day in days) if d]


def _infer_year(month: int, day: int, published: date, future: bool) -> int | None:
    """The year of a day-month date, from the publication date.

    News mostly looks back: the most recent such day up to the publication date, unless the clause
    speaks of the future or the next such day is less than two months ahead while the last one is more
    than two months back ("payable Jan. 2" written in November).
    """
    years = (published.year - 1, published.year, published.year + 1)
    candidates = [d for d in (_valid(year, month, day) for year in years) if d]
    past = [d for d in candidates if d <= published]
    ahead = [d for d in candidates if d > published]
    if not past or (ahead and future and (ahead[0] - published).days <= 183 < (published - past[-1]).days + 176):
        return ahead[0].year if ahead else None
    if ahead and (ahead[0] - published).days <= 62 < (published - past[-1]).days:
        return ahead[0].year
    return past[-1].year


def _resolve_weekday(match: re.Match[str], text: str, published: date) -> date:
    weekday = _WEEKDAYS[match.group("weekday").lower()]
    modifier = (match.group("mod") or "").lower()
    back = (published.weekday() - weekday) % 7  # days since the last such weekday (0 = today)
    ahead = (weekday - published.weekday()) % 7  # days until the next such weekday (0 = today)
    if modifier in ("last", "past"):
        return published - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return published + timedelta(days=ahead or 7)
    if _future_clause(text, match.start()) or (modifier == "until" and match.group(0)[0].islower()):
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


class _TakenSpans:
    """Character spans already read as dates. Overlap checks look only at the spans that can reach the
    asked one (sorted starts, bounded by the longest span), so a text with many dates stays linear."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def add(self, span: tuple[int, int]) -> None:
        index = bisect_right(self._starts, span[0])
        self._starts.insert(index, span[0])
        self._ends.insert(index, span[1])
        self._longest = max(self._longest, span[1] - span[0])

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether ``span`` shares a character with a taken span."""
        index = bisect_left(self._starts, span[1]) - 1  # the spans starting before ``span`` ends
        while index >= 0 and self._starts[index] + self._longest > span[0]:
            if self._ends[index] > span[0]:
                return True
            index -= 1
        return False


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    valid = _valid(year, month, day)
    return valid.isoformat() if valid else None
