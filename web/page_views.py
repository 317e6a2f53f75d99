"""View models of the HTML pages: every link of a page computed from the search state (pure functions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from markupsafe import Markup

from web.facets import FACETS
from web.models import SearchHit, SearchResponse, Timeline, TimelineBucket
from web.search_params import SearchParams
from web.timeline_svg import render_timeline
from web.url_state import PageLinks, chips, query_url, url_for, with_published

SORT_LABELS = {"relevance": "Relevance", "newest": "Newest", "oldest": "Oldest"}
INTERVAL_LABELS = {"auto": "Auto", "day": "Day", "week": "Week", "month": "Month", "year": "Year"}
STANCE_LABELS = {
    "denies": "denies",
    "confirms": "confirms",
    "no_comment": "no comment",
    "claims": "claims",
    "supports": "supports",
    "opposes": "opposes",
    "says": "says",
}


def stance_label(stance: str) -> str:
    """Readable form of a stance value (``no_comment`` -> ``no comment``)."""
    return STANCE_LABELS.get(stance, stance.replace("_", " "))


def speaker_stance_label(value: str) -> str:
    """``Dmitry Peskov|denies`` -> ``Dmitry Peskov denies``."""
    speaker, _, stance = value.rpartition("|")
    return f"{speaker} {stance_label(stance)}" if speaker else value


def person_url(name: str) -> str:
    """The person page of ``name``."""
    return "/persons/" + quote(name, safe="")


def article_url(article_id: str) -> str:
    """The article page of ``article_id``."""
    return "/articles/" + quote(article_id, safe="")


def filter_url(param: str, value: str) -> str:
    """A fresh search filtered to one value (entity links on article and person pages)."""
    return query_url("/", [(param, value)])


@dataclass(frozen=True)
class Link:
    """A labelled link; ``current`` marks the active choice."""

    label: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class FacetLink:
    """A facet value with its count and the link that toggles it."""

    value: str
    label: str
    count: int
    selected: bool
    href: str
    count_text: str = ""


@dataclass(frozen=True)
class FacetView:
    """A facet box of the search page."""

    name: str
    label: str
    param: str
    values: list[FacetLink]


@dataclass(frozen=True)
class ChipView:
    """An active filter and the link that removes it."""

    label: str
    value: str
    href: str


@dataclass(frozen=True)
class Badge:
    """A stance badge: ``speaker`` empty for a bare stance; ``href`` the search for that speaker and stance."""

    stance: str
    label: str
    speaker: str = ""
    href: str = ""


@dataclass(frozen=True)
class HitView:
    """A hit of a result list with its links and badges computed (templates only read attributes)."""

    hit: SearchHit
    href: str
    badges: list[Badge]
    more_badges: int


MAX_BADGES = 4


def hit_views(hits: list[SearchHit]) -> list[HitView]:
    """The hits of a result list ready to render: article link, at most :data:`MAX_BADGES` speaker-stance
    badges (linking to that filter) and how many more, or the bare stances when no speaker is known."""
    views = []
    for hit in hits:
        badges: list[Badge] = []
        if hit.speaker_stances:
            for value in hit.speaker_stances[:MAX_BADGES]:
                speaker, _, stance = value.rpartition("|")
                if speaker:
                    badges.append(Badge(stance, stance_label(stance), speaker, filter_url("speaker_stance", value)))
                else:
                    badges.append(Badge("", value))
        else:
            badges = [Badge(s, stance_label(s)) for s in hit.stances]
        more = max(0, len(hit.speaker_stances) - MAX_BADGES)
        views.append(HitView(hit, article_url(hit.id), badges, more))
    return views


@dataclass(frozen=True)
class SearchPageView:
    """Everything the search template shows besides the hits themselves."""

    hits: list[HitView]
    facets: list[FacetView]
    chips: list[ChipView]
    sorts: list[Link]
    intervals: list[Link]
    pages: list[Link | None]
    previous: str | None
    next: str | None
    timeline_svg: Markup
    permalink: str
    feed_url: str
    export_csv: str
    export_jsonl: str
    api_url: str
    clear_url: str
    beyond_window: bool


def _value_label(facet_name: str, value: str) -> str:
    if facet_name == "stance":
        return stance_label(value)
    if facet_name == "speaker_stance":
        return speaker_stance_label(value)
    return value


def page_window(current: int, last: int, radius: int = 2) -> list[int | None]:
    """Page numbers to show: first, last and ``radius`` around ``current``; None marks a gap."""
    if last <= 1:
        return [1] if last == 1 else []
    shown = sorted({1, last, *range(max(1, current - radius), min(last, current + radius) + 1)})
    out: list[int | None] = []
    for number in shown:
        previous = out[-1] if out else None
        if previous is not None and number - previous > 1:
            out.append(None)
        out.append(number)
    return out


def page_links(
    current: int, last: int, href: Callable[[int], str]
) -> tuple[list[Link | None], str | None, str | None]:
    """The pagination of a result list: the numbered links of :func:`page_window` (None marks a gap), and
    the previous and next pages' links (None at either end); ``href`` gives a page number's URL."""
    pages = [None if n is None else Link(str(n), href(n), n == current) for n in page_window(current, last)]
    previous = href(current - 1) if current > 1 else None
    following = href(current + 1) if current < last else None
    return pages, previous, following


def bucket_params(params: SearchParams, bucket: TimelineBucket) -> SearchParams:
    """``params`` narrowed to the publication period of one timeline bar."""
    return with_published(params, *_bucket_days(bucket))


def timeline_markup(params: SearchParams, timeline: Timeline | None, default_size: int) -> Markup:
    """The server-drawn SVG timeline with each bar linking to its period (already escaped)."""
    if timeline is None:
        return Markup("")
    links = PageLinks(params, default_size)
    svg = render_timeline(timeline, lambda b: links.published(*_bucket_days(b)))
    return Markup(svg)  # render_timeline escapes every value it writes


def _bucket_days(bucket: TimelineBucket) -> tuple[str, str]:
    last_day = date.fromordinal(bucket.end.toordinal() - 1)
    return bucket.start.isoformat(), last_day.isoformat()


def search_page_view(params: SearchParams, result: SearchResponse, default_size: int) -> SearchPageView:
    """Build the links and widgets of the search page for ``params`` and its ``result``."""
    links = PageLinks(params, default_size)
    facets: list[FacetView] = []
    for facet in FACETS:
        found = result.facets.get(facet.name)
        if found is None or not found.values:
            continue
        facets.append(
            FacetView(
                facet.name,
                facet.label,
                facet.param,
                [
                    FacetLink(
                        v.value,
                        _value_label(facet.name, v.value),
                        v.count,
                        v.selected,
                        links.toggle(facet.name, v.value),
                        f"{v.count:,}",
                    )
                    for v in found.values
                ],
            )
        )
    chip_views = [
        ChipView(c.label, _chip_value(c.label, c.value), url_for("/", c.remove_params, default_size=default_size))
        for c in chips(params)
    ]
    last = result.pages
    pages, previous, following = page_links(params.page, last, links.page)
    export = links.page(1, "/api/export")
    export += "&" if "?" in export else "?"
    return SearchPageView(
        hits=hit_views(result.hits),
        facets=facets,
        chips=chip_views,
        sorts=[Link(label, links.sort(key), params.sort == key) for key, label in SORT_LABELS.items()],
        intervals=[Link(label, links.interval(key), params.interval == key) for key, label in INTERVAL_LABELS.items()],
        pages=pages,
        previous=previous,
        next=following,
        timeline_svg=timeline_markup(params, result.timeline, default_size),
        permalink=links.current(),
        feed_url=links.page(1, "/feed.atom"),
        export_csv=export + "format=csv",
        export_jsonl=export + "format=jsonl",
        api_url=links.current("/api/search"),
        clear_url=url_for("/", SearchParams(q=params.q, sort=params.sort, size=params.size), default_size=default_size),
        beyond_window=result.total > params.size * last and params.page == last,
    )


def _chip_value(label: str, value: str) -> str:
    if label == "Stance":
        return stance_label(value)
    if label == "Who said what":
        return speaker_stance_label(value)
    return value
