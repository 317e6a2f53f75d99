"""View model of the quotes page (``/quotes``): the form's state and every link, from the quote search
parameters (pure functions)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import urlencode

from web.page_views import Link, page_links, stance_label
from web.statement_models import StatementSearchResponse
from web.statement_params import DEFAULT_STATEMENT_PAGE_SIZE, STATEMENT_STANCES, StatementParams

QUOTES_PATH = "/quotes"
SORT_LABELS = {"newest": "Newest", "oldest": "Oldest", "relevance": "Relevance"}
DIRECT_CHOICES = (("", "Quoted or reported"), ("true", "Direct quotes only"), ("false", "Reported speech only"))


def quote_pairs(params: StatementParams) -> list[tuple[str, str]]:
    """The query-string pairs of ``params`` (defaults left out)."""
    pairs: list[tuple[str, str]] = []
    if params.q:
        pairs.append(("q", params.q))
    if params.speaker:
        pairs.append(("speaker", params.speaker))
    pairs.extend(("stance", s) for s in params.stances)
    if params.date_from:
        pairs.append(("from", params.date_from))
    if params.date_to:
        pairs.append(("to", params.date_to))
    if params.direct is not None:
        pairs.append(("direct", "true" if params.direct else "false"))
    if params.sort != "newest":
        pairs.append(("sort", params.sort))
    if params.size != DEFAULT_STATEMENT_PAGE_SIZE:
        pairs.append(("size", str(params.size)))
    if params.page != 1:
        pairs.append(("page", str(params.page)))
    return pairs


def quotes_url(params: StatementParams, path: str = QUOTES_PATH) -> str:
    """``path`` with the query string of ``params``."""
    pairs = quote_pairs(params)
    return f"{path}?{urlencode(pairs)}" if pairs else path


@dataclass(frozen=True)
class StanceChoice:
    """A stance checkbox of the form."""

    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QuotesPageView:
    """What the quotes template shows besides the hits: the form state, sort links, pages, the JSON link."""

    stances: list[StanceChoice]
    direct: list[tuple[str, str, bool]]
    sorts: list[Link]
    pages: list[Link | None]
    previous: str | None
    next: str | None
    api_url: str


def quotes_page_view(params: StatementParams, result: StatementSearchResponse) -> QuotesPageView:
    """Build the form state and links of the quotes page for ``params`` and its ``result``."""
    direct_value = "" if params.direct is None else ("true" if params.direct else "false")

    def at_page(number: int) -> str:
        return quotes_url(dataclasses.replace(params, page=number))

    pages, previous, following = page_links(params.page, result.pages, at_page)
    return QuotesPageView(
        stances=[StanceChoice(s, stance_label(s), s in params.stances) for s in STATEMENT_STANCES],
        direct=[(value, label, value == direct_value) for value, label in DIRECT_CHOICES],
        sorts=[
            Link(label, quotes_url(dataclasses.replace(params, sort=key, page=1)), params.sort == key)  # type: ignore[arg-type]
            for key, label in SORT_LABELS.items()
        ],
        pages=pages,
        previous=previous,
        next=following,
        api_url=quotes_url(params, "/api/statements"),
    )
