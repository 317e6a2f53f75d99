"""The HTML pages (search, quotes, article, person) and the Atom feed."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from web.articles import fetch_article, paragraphs, split_evidence
from web.feeds import atom_feed
from web.page_views import article_url, bucket_params, hit_views, search_page_view
from web.persons import person_summary
from web.provenance import provenance_view
from web.quote_views import quotes_page_view
from web.request_params import page_search_params, page_statement_params
from web.search_params import SearchParams
from web.search_service import resolve_interval
from web.services import Services, get_services
from web.stance_chart_svg import render_stance_chart
from web.statement_params import StatementParams
from web.statement_service import search_statements
from web.timeline_svg import render_timeline
from web.url_state import url_for

router = APIRouter(include_in_schema=False)

ServicesDep = Annotated[Services, Depends(get_services)]
ParamsDep = Annotated[SearchParams, Depends(page_search_params)]

FEED_SIZE = 50


def render(services: Services, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with ``context`` (autoescaped)."""
    return services.templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, services: ServicesDep, params: ParamsDep) -> HTMLResponse:
    """The search page: box, chips, facets, timeline, sorted and paginated hits. ``async``: the search
    runs on the event loop with the asyncio client, and building the page is pure computation."""
    result = await services.search.search_async(dataclasses.replace(params, cursor=None))
    view = search_page_view(params, result, services.settings.page_size)
    return render(services, request, "search.html", params=params, result=result, view=view)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, services: ServicesDep, article_id: str) -> HTMLResponse:
    """One article: metadata, entities as links, who said what, the text."""
    document = fetch_article(services.es, services.alias, article_id, services.timeout)
    statements = [
        {**s, "parts": split_evidence(str(s.get("evidence", "")), str(s.get("cue", "")))}
        for s in document.get("statements") or []
        if isinstance(s, dict)
    ]
    return render(
        services,
        request,
        "article.html",
        article=document,
        statements=statements,
        paragraphs=paragraphs(str(document.get("text") or "")),
        provenance=provenance_view(document),
    )


@router.get("/persons/{name:path}", response_class=HTMLResponse)
def person_page(request: Request, services: ServicesDep, name: str, interval: str = "auto") -> HTMLResponse:
    """A person: counts, stance breakdown, timeline, statements, co-mentions, recent articles."""
    corpus = services.search.corpus_range.get(services.es, services.alias)
    safe_interval = interval if interval in ("auto", "day", "week", "month", "year") else "auto"
    resolved = resolve_interval(SearchParams(interval=safe_interval), corpus)  # type: ignore[arg-type]
    person = person_summary(services.es, services.alias, name, resolved, services.timeout)
    base = SearchParams(filters={"person": (person.name,)})
    svg = render_timeline(
        person.timeline,
        lambda b: url_for("/", bucket_params(base, b), default_size=services.settings.page_size),
        title=f"Articles mentioning {person.name} over time",
    )
    chart = render_stance_chart(person.stance_months, title=f"Statements by {person.name} per month")
    peak = max((s.count for s in person.stances), default=0)
    return render(
        services,
        request,
        "person.html",
        person=person,
        recent=hit_views(person.recent_articles),
        timeline_svg=svg,
        stance_chart_svg=chart,
        stance_peak=peak,
        search_url=url_for("/", base, default_size=services.settings.page_size),
    )


@router.get("/quotes", response_class=HTMLResponse)
async def quotes_page(
    request: Request, services: ServicesDep, params: Annotated[StatementParams, Depends(page_statement_params)]
) -> HTMLResponse:
    """Who said what: the quote search form (words, speaker, stances, dates), the statements with their
    stance, highlighted content and article, pagination."""
    result = await search_statements(services, params)
    view = quotes_page_view(params, result)
    return render(services, request, "quotes.html", params=params, result=result, view=view)


@router.get("/feed.atom")
async def feed(request: Request, services: ServicesDep, params: ParamsDep) -> Response:
    """An Atom feed of any search, newest first (the search's own sort is ignored)."""
    feed_params = dataclasses.replace(params, sort="newest", page=1, size=FEED_SIZE, cursor=None)
    result = await services.search.search_async(feed_params)
    base = str(request.base_url).rstrip("/")
    search_link = base + url_for("/", dataclasses.replace(params, page=1), default_size=services.settings.page_size)
    described = params.q.strip() or "all articles"
    filters = [f"{name}: {', '.join(values)}" for name, values in params.filters.items()]
    title = "newsarchive — " + described + (f" ({'; '.join(filters)})" if filters else "")
    body = atom_feed(
        result.hits,
        title=title,
        feed_url=str(request.url),
        search_url=search_link,
        article_url=lambda article_id: base + article_url(article_id),
    )
    return Response(body, media_type="application/atom+xml; charset=utf-8")
