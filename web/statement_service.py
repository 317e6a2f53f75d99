"""Runs a quote search against the articles alias and maps the answer to :mod:`web.statement_models`."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool

from web.errors import elasticsearch_errors
from web.page_views import article_url
from web.services import Services
from web.statement_models import StatementHit, StatementSearchResponse
from web.statement_params import MAX_STATEMENT_WINDOW, StatementParams
from web.statement_query import CONTENT_FIELD, STATEMENTS_PATH, statements_body


def statement_hits(article: Mapping[str, Any]) -> list[StatementHit]:
    """The matching statements (``inner_hits``) of one article hit, in the order Elasticsearch gave them."""
    source = article.get("_source", {})
    article_id = str(source.get("id") or article["_id"])
    published = source.get("published")
    found: list[StatementHit] = []
    inner = article.get("inner_hits", {}).get(STATEMENTS_PATH, {}).get("hits", {}).get("hits", [])
    for raw in inner:
        statement = raw.get("_source", {})
        content = statement.get("content")
        marked = raw.get("highlight", {}).get(CONTENT_FIELD)
        content_html = marked[0] if marked else html.escape(str(content)) if content else ""
        found.append(
            StatementHit(
                article_id=article_id,
                article_title=str(source.get("title") or "(untitled)"),
                published=str(published)[:10] if published else None,
                article_url=article_url(article_id),
                speaker=str(statement.get("speaker") or ""),
                speaker_text=str(statement.get("speaker_text") or ""),
                resolved=statement.get("resolved", True) is not False,  # absent: stored before issue 18
                stance=str(statement.get("stance") or ""),
                cue=str(statement.get("cue") or ""),
                direct=bool(statement.get("direct")),
                content=str(content) if content is not None else None,
                content_html=content_html,
                target=statement.get("target"),
                evidence=str(statement.get("evidence") or ""),
            )
        )
    return found


def statement_response(params: StatementParams, resp: Mapping[str, Any]) -> StatementSearchResponse:
    """Turn the answer to :func:`web.statement_query.statements_body` into a response."""
    articles = int(resp["hits"]["total"]["value"])
    total = int(resp["aggregations"]["statement_count"]["matching"]["doc_count"])
    hits: list[StatementHit] = []
    more = 0
    for article in resp["hits"]["hits"]:
        listed = statement_hits(article)
        hits.extend(listed)
        matching = article.get("inner_hits", {}).get(STATEMENTS_PATH, {}).get("hits", {}).get("total", {})
        more += max(0, int(matching.get("value", len(listed))) - len(listed))
    return StatementSearchResponse(
        total=total,
        articles=articles,
        page=params.page,
        size=params.size,
        pages=math.ceil(min(articles, MAX_STATEMENT_WINDOW) / params.size),
        hits=hits,
        more_in_articles=more,
        took_ms=int(resp.get("took", 0)),
    )


async def search_statements(services: Services, params: StatementParams) -> StatementSearchResponse:
    """One page of the quote search ``params`` through the app's alias, with its search timeout (the asyncio
    client when the app has one; Elasticsearch failures become the archive's own errors, see
    :func:`web.errors.elasticsearch_errors`)."""
    body = statements_body(params, services.timeout)
    aes = services.search.aes
    with elasticsearch_errors(services.alias):
        if aes is not None:
            resp = (await aes.search(index=services.alias, **body)).body
        else:
            resp = (await run_in_threadpool(lambda: services.es.search(index=services.alias, **body))).body
    return statement_response(params, resp)
