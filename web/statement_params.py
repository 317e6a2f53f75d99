"""What a quote search asks for: the checked, immutable parameters of ``/api/statements`` and ``/quotes``.

:func:`make_statement_params` is the one place their values are checked; it raises
:class:`web.search_params.SearchParamError` (answered with a 400 and its message) for anything out of range.
The search text and the dates follow the article search's rules (:mod:`web.query_text`,
:func:`web.search_params.parse_date_bound`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from web.query_text import QueryTextError, prepare_query_text
from web.search_params import (
    DateBounds,
    SearchParamError,
    check_range_order,
    checked_value,
    parse_date_bound,
    resolve_bounds,
)

StatementSort = Literal["newest", "oldest", "relevance"]
STATEMENT_SORTS: tuple[str, ...] = get_args(StatementSort)
#: Every stance a statement may have (``indexer.enrich.types.STANCES``; web/ does not import the indexer).
STATEMENT_STANCES: tuple[str, ...] = ("denies", "confirms", "no_comment", "claims", "supports", "opposes", "says")
#: Articles per page of a quote search (each brings its matching statements).
MAX_STATEMENT_PAGE_SIZE = 50
DEFAULT_STATEMENT_PAGE_SIZE = 20
#: ``page * size`` stays within Elasticsearch's result window.
MAX_STATEMENT_WINDOW = 10_000


@dataclass(frozen=True)
class StatementParams:
    """A checked quote search: ``query_text`` is the prepared ``q`` (None: any content), ``speaker`` a
    resolved speaker (matched case-insensitively), ``stances`` alternatives (OR), ``date_from``/``date_to``
    the article publication bounds as given, ``direct`` True/False for quoted/reported only."""

    q: str = ""
    query_text: str | None = None
    speaker: str = ""
    stances: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    direct: bool | None = None
    page: int = 1
    size: int = DEFAULT_STATEMENT_PAGE_SIZE
    sort: StatementSort = "newest"

    @property
    def offset(self) -> int:
        """Index of the first article of this page."""
        return (self.page - 1) * self.size

    def published_bounds(self) -> DateBounds:
        """The half-open publication range of ``date_from``/``date_to``."""
        return resolve_bounds([self.date_from] if self.date_from else [], [self.date_to] if self.date_to else [])


def make_statement_params(
    *,
    q: str | None = None,
    speaker: str | None = None,
    stances: Sequence[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    direct: bool | None = None,
    page: int = 1,
    size: int = DEFAULT_STATEMENT_PAGE_SIZE,
    sort: str = "newest",
) -> StatementParams:
    """Check every value and build :class:`StatementParams`; raises SearchParamError with a message.

    Rules: ``q`` as :func:`web.query_text.prepare_query_text` allows; stances among
    :data:`STATEMENT_STANCES` (empty values ignored, duplicates dropped); dates ``YYYY[-MM[-DD]]`` with
    ``from`` not after ``to``; ``page`` >= 1; 1 <= ``size`` <= :data:`MAX_STATEMENT_PAGE_SIZE`;
    ``page * size`` <= :data:`MAX_STATEMENT_WINDOW`; ``sort`` newest, oldest or relevance.
    """
    raw_q = q or ""
    try:
        query_text = prepare_query_text(raw_q)
    except QueryTextError as exc:
        raise SearchParamError(str(exc)) from exc
    chosen: list[str] = []
    for stance in stances:
        stance = stance.strip().lower()
        if not stance:
            continue
        if stance not in STATEMENT_STANCES:
            raise SearchParamError(f"Unknown stance {stance[:40]!r}: use one of {', '.join(STATEMENT_STANCES)}.")
        if stance not in chosen:
            chosen.append(stance)
    if sort not in STATEMENT_SORTS:
        raise SearchParamError(f"Unknown sort {sort[:40]!r}: use one of {', '.join(STATEMENT_SORTS)}.")
    if page < 1:
        raise SearchParamError("page starts at 1.")
    if not 1 <= size <= MAX_STATEMENT_PAGE_SIZE:
        raise SearchParamError(f"size must be between 1 and {MAX_STATEMENT_PAGE_SIZE}.")
    if page * size > MAX_STATEMENT_WINDOW:
        raise SearchParamError(
            f"page {page} of size {size} reaches past article {MAX_STATEMENT_WINDOW:,}: narrow the search."
        )
    start, end = checked_value("from", date_from), checked_value("to", date_to)
    if start:
        parse_date_bound(start, end=False)
    if end:
        parse_date_bound(end, end=True)
    check_range_order("from", [start] if start else [], "to", [end] if end else [])
    return StatementParams(
        q=raw_q,
        query_text=query_text,
        speaker=checked_value("speaker", speaker),
        stances=tuple(chosen),
        date_from=start,
        date_to=end,
        direct=direct,
        page=page,
        size=size,
        sort=sort,  # type: ignore[arg-type]
    )
