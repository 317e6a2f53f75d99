"""The JSON API under ``/api`` (documented at ``/docs``)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from web.articles import fetch_article
from web.export import ExportWalk, csv_chunks, jsonl_chunks
from web.health import health_report
from web.models import ErrorBody, Health, PersonSummary, SearchResponse, SuggestResponse
from web.persons import person_summary
from web.request_params import search_params, statement_params
from web.search_params import SearchParams
from web.search_service import resolve_interval
from web.services import Services, get_services
from web.statement_models import StatementSearchResponse
from web.statement_params import StatementParams
from web.statement_service import search_statements
from web.suggest import suggest

router = APIRouter(prefix="/api", tags=["api"])


def model_response(model: BaseModel) -> Response:
    """Serialise a response model straight to JSON (pydantic's serializer; the model is already valid, so
    FastAPI's second validation pass is skipped). The route's ``response_model`` still documents it."""
    return Response(model.model_dump_json(), media_type="application/json")


ServicesDep = Annotated[Services, Depends(get_services)]
ParamsDep = Annotated[SearchParams, Depends(search_params)]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The request was refused; detail says why."},
    503: {"model": ErrorBody, "description": "Search is unavailable: Elasticsearch is unreachable, did not "
          "answer in time, or has no index."},
}


@router.get("/search", response_model=SearchResponse, responses={**_ERRORS, 410: {"model": ErrorBody}})
async def api_search(services: ServicesDep, params: ParamsDep) -> Response:
    """Search articles: text, filters, sort, page or cursor; facet counts and the publication timeline."""
    return model_response(await services.search.search_async(params))


@router.get("/statements", response_model=StatementSearchResponse, responses=_ERRORS)
async def api_statements(
    services: ServicesDep, params: Annotated[StatementParams, Depends(statement_params)]
) -> Response:
    """Search statements (who said what): words of the content, speaker, stances, publication range, direct
    quotes or reported speech; each hit is a statement with its article and the content highlighted. Pages
    count articles (newest first by default), each with its matching statements."""
    return model_response(await search_statements(services, params))


@router.get("/articles/{article_id}", responses={**_ERRORS, 404: {"model": ErrorBody}})
def api_article(services: ServicesDep, article_id: str) -> dict[str, Any]:
    """One article as stored: text, metadata and enrichment (entities, dates, statements)."""
    return fetch_article(services.es, services.alias, article_id, services.timeout)


@router.get("/persons/{name}", response_model=PersonSummary, responses={**_ERRORS, 404: {"model": ErrorBody}})
def api_person(
    services: ServicesDep,
    name: str,
    interval: Annotated[Literal["auto", "day", "week", "month", "year"], Query()] = "auto",
) -> PersonSummary:
    """A person: article count, stance breakdown, co-mentioned persons, countries and organisations, and
    articles over time."""
    corpus = services.search.corpus_range.get(services.es, services.alias)
    resolved = resolve_interval(SearchParams(interval=interval), corpus)
    return person_summary(services.es, services.alias, name, resolved, services.timeout)


@router.get("/suggest", response_model=SuggestResponse, responses=_ERRORS)
def api_suggest(
    services: ServicesDep,
    field: Annotated[str, Query(description="person, country, org or source")] = "person",
    prefix: Annotated[str, Query(description="What the reader typed (matches the start of any word).")] = "",
    size: Annotated[int, Query(description="1-20 suggestions.")] = 10,
) -> SuggestResponse:
    """Autocomplete: values of a facet in which a word starts with ``prefix``, most frequent first."""
    return suggest(services.es, services.alias, field, prefix, size, services.timeout)


@router.get(
    "/export",
    responses={
        **_ERRORS,
        200: {"content": {"text/csv": {}, "application/x-ndjson": {}}, "description": "Every hit, streamed."},
    },
)
def api_export(
    services: ServicesDep,
    params: ParamsDep,
    format: Annotated[Literal["csv", "jsonl"], Query(description="csv or jsonl")] = "csv",
) -> StreamingResponse:
    """Every hit of a search (no 10,000 limit), streamed in the search's sort order as CSV or JSON Lines."""
    walk = ExportWalk(
        services.es, services.alias, dataclasses.replace(params, page=1, cursor=None), timeout=services.timeout
    )
    if format == "jsonl":
        return StreamingResponse(
            jsonl_chunks(walk.rows()),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="newsarchive-export.jsonl"'},
        )
    return StreamingResponse(
        csv_chunks(walk.rows()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="newsarchive-export.csv"'},
    )


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def api_health(services: ServicesDep) -> Response:
    """Which part answers: the web app, Elasticsearch (cluster status) and the articles alias (exists,
    document count); 503 when Elasticsearch is unreachable, does not answer in time, or is red."""
    body, status_code = health_report(services.es, services.alias)
    return Response(body.model_dump_json(), status_code=status_code, media_type="application/json")
