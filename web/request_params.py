"""The search parameters as FastAPI query parameters (documented in OpenAPI), shared by the API, the pages,
the feed and the export."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from web.errors import BadRequest
from web.facets import FACETS
from web.search_params import SearchParamError, SearchParams, make_search_params
from web.services import Services, get_services
from web.statement_params import StatementParams, make_statement_params

_REPEAT = " Repeatable: values of one filter are alternatives (OR); different filters all apply (AND)."

StrList = Annotated[list[str] | None, Query()]


async def search_params(
    services: Annotated[Services, Depends(get_services)],
    q: Annotated[
        str | None,
        Query(
            description='Search text: words (all required), "phrases", -exclude, OR, parentheses, prefix*. '
            "At most 300 characters, 32 terms, 4 levels of parentheses."
        ),
    ] = None,
    person: Annotated[list[str] | None, Query(description="Person mentioned, e.g. Dmitry Peskov." + _REPEAT)] = None,
    country: Annotated[
        list[str] | None, Query(description="Country mentioned (name or ISO alpha-2 code)." + _REPEAT)
    ] = None,
    org: Annotated[list[str] | None, Query(description="Organisation mentioned." + _REPEAT)] = None,
    stance: Annotated[
        list[str] | None,
        Query(
            description="A stance taken in the article: denies, confirms, no_comment, claims, supports, "
            "opposes, says." + _REPEAT
        ),
    ] = None,
    speaker: Annotated[
        list[str] | None, Query(description="Quoted (a resolved speaker), e.g. Dmitry Peskov." + _REPEAT)
    ] = None,
    speaker_stance: Annotated[
        list[str] | None, Query(description="Speaker and stance, e.g. Dmitry Peskov|denies." + _REPEAT)
    ] = None,
    source: Annotated[list[str] | None, Query(description="Publisher / collection." + _REPEAT)] = None,
    published_from: Annotated[
        list[str] | None, Query(description="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    published_to: Annotated[
        list[str] | None, Query(description="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    mentioned_from: Annotated[
        list[str] | None, Query(description="The text refers to a day on or after this date.")
    ] = None,
    mentioned_to: Annotated[
        list[str] | None, Query(description="The text refers to a day on or before this date.")
    ] = None,
    sort: Annotated[str, Query(description="relevance, newest or oldest.")] = "relevance",
    page: Annotated[int, Query(description="Page number (page * size <= 10,000).")] = 1,
    size: Annotated[int | None, Query(description="Hits per page, 1-100.")] = None,
    cursor: Annotated[
        str | None,
        Query(description="Deep paging: * starts a cursor walk; then pass each answer's next_cursor."),
    ] = None,
    interval: Annotated[str, Query(description="Timeline resolution: auto, day, week, month or year.")] = "auto",
    facet_size: Annotated[int, Query(description="Values per facet, 1-100.")] = 10,
) -> SearchParams:
    """Build and check the :class:`SearchParams` of a request; a bad value is a 400 with a message.

    ``async`` because it is pure computation (no I/O): FastAPI runs it on the event loop, saving a
    threadpool round trip per request."""
    try:
        return make_search_params(
            q=q,
            filters={
                "person": person or [],
                "country": country or [],
                "org": org or [],
                "stance": stance or [],
                "speaker": speaker or [],
                "speaker_stance": speaker_stance or [],
                "source": source or [],
            },
            published_from=published_from or [],
            published_to=published_to or [],
            mentioned_from=mentioned_from or [],
            mentioned_to=mentioned_to or [],
            sort=sort,
            page=page,
            size=size if size is not None else services.settings.page_size,
            cursor=cursor,
            interval=interval,
            facet_size=facet_size,
        )
    except SearchParamError as exc:
        raise BadRequest(str(exc)) from exc


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"{name}: {raw!r} is not a whole number.") from None


async def page_search_params(request: Request, services: Annotated[Services, Depends(get_services)]) -> SearchParams:
    """The same :class:`SearchParams` as :func:`search_params`, read straight from the query string.

    For the HTML pages, which are not in the OpenAPI schema: skipping FastAPI's per-parameter
    validation of 17 declared parameters saves a noticeable share of a page's own time. The values
    are checked by the same :func:`make_search_params`; a bad value is a 400 with a message."""
    query = request.query_params
    size = _int_param(request, "size", services.settings.page_size)
    try:
        return make_search_params(
            q=query.get("q"),
            filters={facet.name: query.getlist(facet.param) for facet in FACETS},
            published_from=query.getlist("published_from"),
            published_to=query.getlist("published_to"),
            mentioned_from=query.getlist("mentioned_from"),
            mentioned_to=query.getlist("mentioned_to"),
            sort=query.get("sort") or "relevance",
            page=_int_param(request, "page", 1),
            size=size,
            cursor=query.get("cursor"),
            interval=query.get("interval") or "auto",
            facet_size=_int_param(request, "facet_size", 10),
        )
    except SearchParamError as exc:
        raise BadRequest(str(exc)) from exc


async def statement_params(
    q: Annotated[
        str | None,
        Query(description="Words of the statement's content (quoted or reported words only, not the sentence "
              'around them): the search syntax ("phrases", -exclude, OR, prefix*), same limits.'),
    ] = None,
    speaker: Annotated[
        str | None, Query(description="A resolved speaker, exactly (any letter case), e.g. Dmitry Peskov.")
    ] = None,
    stance: Annotated[
        list[str] | None,
        Query(description="denies, confirms, no_comment, claims, supports, opposes or says. Repeatable (OR)."),
    ] = None,
    date_from: Annotated[
        str | None, Query(alias="from", description="Article published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="Article published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    direct: Annotated[bool | None, Query(description="true: direct quotes only; false: reported speech only.")] = None,
    page: Annotated[int, Query(description="Page number (page * size <= 10,000).")] = 1,
    size: Annotated[int, Query(description="Articles per page, 1-50 (each with its matching statements).")] = 20,
    sort: Annotated[str, Query(description="newest, oldest or relevance.")] = "newest",
) -> StatementParams:
    """Build and check the :class:`StatementParams` of an API request; a bad value is a 400 with a message."""
    try:
        return make_statement_params(
            q=q, speaker=speaker, stances=stance or [], date_from=date_from, date_to=date_to, direct=direct,
            page=page, size=size, sort=sort,
        )
    except SearchParamError as exc:
        raise BadRequest(str(exc)) from exc


def _bool_param(request: Request, name: str) -> bool | None:
    raw = (request.query_params.get(name) or "").strip().lower()
    if raw in ("", "any"):
        return None
    if raw in ("true", "1", "yes", "on"):
        return True
    if raw in ("false", "0", "no", "off"):
        return False
    raise BadRequest(f"{name}: {raw[:40]!r} is not true or false.")


async def page_statement_params(request: Request) -> StatementParams:
    """The same :class:`StatementParams` as :func:`statement_params`, read straight from the query string
    (the quotes page; checked by the same :func:`make_statement_params`)."""
    query = request.query_params
    try:
        return make_statement_params(
            q=query.get("q"),
            speaker=query.get("speaker"),
            stances=query.getlist("stance"),
            date_from=query.get("from"),
            date_to=query.get("to"),
            direct=_bool_param(request, "direct"),
            page=_int_param(request, "page", 1),
            size=_int_param(request, "size", 20),
            sort=query.get("sort") or "newest",
        )
    except SearchParamError as exc:
        raise BadRequest(str(exc)) from exc
