"""Publication dates from metadata and datelines; calendar days mentioned in article text."""

from __future__ import annotations

import pytest

from indexer.dates import find_dateline, find_published_line, mentioned_dates, normalise_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-06-24T23:23:00Z", "2022-06-24"),  # press releases: the date as written, no zone shift
        ("2019-01-04", "2019-01-04"),  # Wikinews
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),  # Reuters-21578
        ("11 November 2024", "2024-11-11"),
        ("Friday, January 4, 2019", "2019-01-04"),
        ("Jan. 4, 2019", "2019-01-04"),
        ("  2020-02-29 ", "2020-02-29"),
        ("2019-02-29", None),  # no such day
        ("2024", None),  # a year is not a day
        ("March 2019", None),  # nor a month
        ("yesterday", None),  # relative: not a publication date
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_published(value: str | None, expected: str | None) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize(
    ("text", "date", "rest"),
    [
        (
            "Friday, January 4, 2019 \n\nAn apartment building collapsed on Monday in Magnitogorsk.",
            "2019-01-04",
            "An apartment building collapsed on Monday in Magnitogorsk.",
        ),
        ("Saturday, January 5, 2019\n\nA road accident", "2019-01-05", "A road accident"),
        ("4 January 2019\nText", "2019-01-04", "Text"),
        # a date inside the first sentence is not a dateline
        ("On 11 November, the Kremlin denied the report.", None, "On 11 November, the Kremlin denied the report."),
        ("January 2019 was cold.", None, "January 2019 was cold."),
    ],
)
def test_find_dateline(text: str, date: str | None, rest: str) -> None:
    assert find_dateline(text) == (date, rest)


def test_find_published_line() -> None:
    assert find_published_line("By Jane Doe\nPublished: 3 March 2021\n\nThe council met.") == "2021-03-03"
    assert find_published_line("The council met on 3 March 2021.") is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the reference article (published Monday 11 November 2024)
        (
            "On 11 November, the Kremlin officially denied The Washington Post’s report. In a 10 November "
            "report, The Washington Post cited sources familiar with the 7 November call.",
            "2024-11-11",
            ["2024-11-07", "2024-11-10", "2024-11-11"],
        ),
        # weekdays and relative days resolved against the publication date (Friday 4 January 2019)
        (
            "An apartment building collapsed on Monday in Magnitogorsk; rescuers ended their work yesterday.",
            "2019-01-04",
            ["2018-12-31", "2019-01-03"],
        ),
        ("Search and rescue was suspended on Tuesday.", "2019-01-04", ["2019-01-01"]),
        ("The monarch will meet Bush on Thursday in Kennebunkport.", "2019-01-04", ["2019-01-10"]),
        ("Talks resume next Monday, after last Friday's collapse.", "2019-01-04", ["2018-12-28", "2019-01-07"]),
        ("The vote will be held today; the results come tomorrow.", "2020-01-15", ["2020-01-15", "2020-01-16"]),
        ("Ten days ago the plant closed; two weeks ago it was sold.", "1998-03-22", ["1998-03-08", "1998-03-12"]),
        # day and month without a year: the year that makes sense next to the publication date
        ("The first case was reported on 28 December.", "2019-01-02", ["2018-12-28"]),
        ("The accord of Feb. 23 was signed by both sides.", "1998-03-06", ["1998-02-23"]),
        ("The dividend is payable Jan. 2 to holders of record.", "1989-11-02", ["1990-01-02"]),
        ("The trial could commence on Tuesday, January 21.", "2020-01-15", ["2020-01-21"]),
        ("A deal was struck on August 6.", "1998-02-13", ["1997-08-06"]),
        # full dates as written, ranges give both ends, ISO dates
        ("The war began on February 24, 2022.", "2022-06-02", ["2022-02-24"]),
        ("The summit ran from 4-6 January 2019.", None, ["2019-01-04", "2019-01-06"]),
        ("Filed on 2021-03-15 in Kyiv.", None, ["2021-03-15"]),
        ("Since Thanksgiving Day the talks stalled.", "2000-01-07", ["1999-11-25"]),
        # not dates: months, years, durations, times, generic "today", pronouns, modal "may"
        ("In May 2019 prices fell for 5 days.", "2019-06-01", []),
        ("Prices rose 5% in 2018 and in March.", "2019-06-01", []),
        ("We may see 12 of them; he said we would.", "2019-06-01", []),
        ("The case of Elian is for today's youth what the revolution was.", "2000-01-07", []),
        ("Trains depart each Thursday from the capital.", "1998-02-13", []),
        ("The meeting lasted two hours and ended at 6pm.", "2019-06-01", []),
        # relative expressions need a publication date
        ("He left on Monday and returned yesterday.", None, []),
    ],
)
def test_mentioned_dates(text: str, published: str | None, expected: list[str]) -> None:
    assert mentioned_dates(text, published) == expected
