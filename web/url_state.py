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


_DATE_FIELDS = ("published_from", "published_to", "mentioned_from", "mentioned_to")


def _sections(params: SearchParams, default_size: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """The query parameters of ``params`` in their fixed order, grouped by what a link may change: ``q``,
    one section per facet, each date bound, ``sort``, ``interval``, ``size``, ``facet_size``, ``page``.
    Defaults are left out (empty sections); the cursor is never included."""
    filters = params.filters
    sections: list[tuple[str, list[tuple[str, str]]]] = [("q", [("q", params.q)] if params.q.strip() else [])]
    for facet in FACETS:
        values = filters.get(facet.name) if filters else None
        sections.append((facet.name, [(facet.param, v) for v in values] if values else []))
    for name in _DATE_FIELDS:
        sections.append((name, [(name, v) for v in getattr(params, name)]))
    sections.append(("sort", [("sort", params.sort)] if params.sort != "relevance" else []))
    sections.append(("interval", [("interval", params.interval)] if params.interval != "auto" else []))
    sections.append(("size", [("size", str(params.size))] if params.size != default_size else []))
    sections.append(("facet_size", [("facet_size", str(params.facet_size))] if params.facet_size != 10 else []))
    sections.append(("page", [("page", str(params.page))] if params.page > 1 else []))
    return sections


def query_pairs(params: SearchParams, *, default_size: int = DEFAULT_PAGE_SIZE) -> list[tuple[str, str]]:
    """The parameters that reproduce ``params`` (defaults left out; cursor never included)."""
    return [pair for _, pairs in _sections(params, default_size) for pair in pairs]


#: ``quote_plus`` remembered: a search page builds a couple of hundred links that repeat the same names and
#: values (query text, filters), so quoting each once is enough. Same output as ``urlencode``.
_quote = functools.lru_cache(maxsize=4096)(quote_plus)


def _encode(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{_quote(k)}={_quote(v)}" for k, v in pairs]


def _join(path: str, parts: list[str]) -> str:
    return f"{path}?{'&'.join(parts)}" if parts else path


def query_url(path: str, pairs: list[tuple[str, str]]) -> str:
    """``path`` with ``pairs`` as its query string (``urlencode``'s output, quoting cached)."""
    return _join(path, _encode(pairs))


def url_for(path: str, params: SearchParams, *, default_size: int = DEFAULT_PAGE_SIZE) -> str:
    """``path`` with the query string of ``params``."""
    return _join(path, _encode(query_pairs(params, default_size=default_size)))


class PageLinks:
    """The links of one search page, each the current state with one change, built from the state's
    query-string pieces quoted once. ``links.toggle(f, v)`` is ``url_for("/", toggled(params, f, v))`` and
    so on (the tests hold them equal), without building a new :class:`SearchParams` per link."""

    def __init__(self, params: SearchParams, default_size: int = DEFAULT_PAGE_SIZE) -> None:
        self.params = params
        self._names: list[str] = []
        self._parts: list[list[str]] = []
        for name, pairs in _sections(params, default_size):
            self._names.append(name)
            self._parts.append(_encode(pairs))
        self._index = {name: i for i, name in enumerate(self._names)}
        self._default_size = default_size

    def _url(self, changes: Mapping[str, list[str]], path: str = "/", *, keep_page: bool = False) -> str:
        parts: list[str] = []
        for name, section in zip(self._names, self._parts, strict=True):
            if name in changes:
                parts.extend(changes[name])
            elif name != "page" or keep_page:
                parts.extend(section)
        return _join(path, parts)

    def current(self, path: str = "/") -> str:
        """The page itself (a permalink), or its state on another ``path``."""
        return self._url({}, path, keep_page=True)

    def toggle(self, facet_name: str, value: str) -> str:
        """The state with ``value`` added to, or (when selected) removed from, facet ``facet_name``; page 1."""
        current = self.params.filters.get(facet_name, ())
        folded = value.casefold()
        facet = FACETS_BY_NAME[facet_name]
        if any(v.casefold() == folded for v in current):
            values = [v for v in current if v.casefold() != folded]
        else:
            values = [*current, value]
        return self._url({facet_name: _encode([(facet.param, v) for v in values])})

    def page(self, number: int, path: str = "/") -> str:
        """The state on page ``number`` (of ``path``)."""
        return self._url({"page": _encode([("page", str(number))]) if number > 1 else []}, path)

    def sort(self, sort: str) -> str:
        """The state sorted by ``sort``; page 1."""
        return self._url({"sort": _encode([("sort", sort)]) if sort != "relevance" else []})

    def interval(self, interval: str) -> str:
        """The state with the timeline resolution ``interval`` (the page stays)."""
        encoded = _encode([("interval", interval)]) if interval != "auto" else []
        return self._url({"interval": encoded}, keep_page=True)

    def published(self, start: str | None, end: str | None) -> str:
        """The state with the publication range replaced (None leaves that side open); page 1."""
        return self._url(
            {
                "published_from": _encode([("published_from", start)]) if start else [],
                "published_to": _encode([("published_to", end)]) if end else [],
            }
        )


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
