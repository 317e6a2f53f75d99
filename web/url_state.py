"""The whole search state as URL query parameters: every view is a permalink.

Pure functions from :class:`SearchParams` to query strings; the pages build every link (facet toggles,
chips, sort, pagination, timeline bars, feed, export) with them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote_plus

from web.facets import FACETS, FACETS_BY_NAME
from web.search_params import SearchParams

DEFAULT_PAGE_SIZE = 20


def query_pairs(params: SearchParams, *, default_size: int = DEFAULT_PAGE_SIZE) -> list[tuple[str, str]]:
    """The parameters that reproduce ``params`` (defaults left out; cursor never included)."""
    pairs: list[tuple[str, str]] = []
    if params.q.strip():
        pairs.append(("q", params.q))
    filters = params.filters
    if filters:
        for facet in FACETS:
            values = filters.get(facet.name)
            if values:
                pairs.extend((facet.param, v) for v in values)
    for name, values in (
        ("published_from", params.published_from),
        ("published_to", params.published_to),
        ("mentioned_from", params.mentioned_from),
        ("mentioned_to", params.mentioned_to),
    ):
        if values:
            pairs.extend((name, v) for v in values)
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    if params.interval != "auto":
        pairs.append(("interval", params.interval))
    if params.size != default_size:
        pairs.append(("size", str(params.size)))
    if params.facet_size != 10:
        pairs.append(("facet_size", str(params.facet_size)))
    if params.page > 1:
        pairs.append(("page", str(params.page)))
    return pairs


#: ``quote_plus`` remembered: a search page builds a couple of hundred links that repeat the same names and
#: values (query text, filters), so quoting each once is enough. Same output as ``urlencode``.
_quote = functools.lru_cache(maxsize=4096)(quote_plus)


def url_for(path: str, params: SearchParams, *, default_size: int = DEFAULT_PAGE_SIZE) -> str:
    """``path`` with the query string of ``params``."""
    query = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in query_pairs(params, default_size=default_size))
    return f"{path}?{query}" if query else path


def _replace(params: SearchParams, **changes: object) -> SearchParams:
    changes.setdefault("page", 1)
    changes.setdefault("cursor", None)
    return dataclasses.replace(params, **changes)  # type: ignore[arg-type]


def toggled(params: SearchParams, facet_name: str, value: str) -> SearchParams:
    """``params`` with ``value`` added to (or, when selected, removed from) facet ``facet_name``; page 1."""
    current = params.filters.get(facet_name, ())
    folded = value.casefold()
    if any(v.casefold() == folded for v in current):
        new_values = tuple(v for v in current if v.casefold() != folded)
    else:
        new_values = (*current, value)
    filters: dict[str, tuple[str, ...]] = {k: v for k, v in params.filters.items() if k != facet_name}
    if new_values:
        filters[facet_name] = new_values
    return _replace(params, filters=filters)


def with_published(params: SearchParams, start: str | None, end: str | None) -> SearchParams:
    """``params`` with the publication range replaced (None leaves that side open); page 1."""
    return _replace(
        params,
        published_from=(start,) if start else (),
        published_to=(end,) if end else (),
    )


def with_mentioned(params: SearchParams, start: str | None, end: str | None) -> SearchParams:
    """``params`` with the range of mentioned dates replaced; page 1."""
    return _replace(
        params,
        mentioned_from=(start,) if start else (),
        mentioned_to=(end,) if end else (),
    )


def with_sort(params: SearchParams, sort: str) -> SearchParams:
    """``params`` sorted by ``sort``; page 1."""
    return _replace(params, sort=sort)


def with_page(params: SearchParams, page: int) -> SearchParams:
    """``params`` on page ``page``."""
    return _replace(params, page=page)


def with_interval(params: SearchParams, interval: str) -> SearchParams:
    """``params`` with the timeline resolution ``interval`` (the page stays)."""
    return _replace(params, interval=interval, page=params.page)


@dataclass(frozen=True)
class Chip:
    """An active filter shown as a removable chip."""

    label: str
    value: str
    remove_params: SearchParams


def chips(params: SearchParams) -> list[Chip]:
    """One chip per selected facet value and per date range, each knowing the state without it."""
    result: list[Chip] = []
    for name, values in params.filters.items():
        facet = FACETS_BY_NAME[name]
        for value in values:
            result.append(Chip(facet.label, value, toggled(params, name, value)))
    ranges: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "Published": (params.published_from, params.published_to),
        "Mentions dates": (params.mentioned_from, params.mentioned_to),
    }
    for label, (froms, tos) in ranges.items():
        if froms or tos:
            text = f"{' / '.join(froms) or '…'} – {' / '.join(tos) or '…'}"
            cleared = with_published(params, None, None) if label == "Published" else with_mentioned(params, None, None)
            result.append(Chip(label, text, cleared))
    return result
