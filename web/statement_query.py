"""Pure builders of the Elasticsearch bodies that search statements (dicts in, dicts out; no I/O).

Statements are ``nested`` documents of their article (``newsarchive.mapping.statements_mapping``): a quote
search is a ``nested`` query whose ``inner_hits`` are the matching statements of each article, so speaker,
stance and words must all hold for the same statement. Unresolved speakers ("officials") never match a
speaker filter and never count for a person.
"""

from __future__ import annotations

from typing import Any

from web.facets import PUBLISHED_FIELD
from web.query_builder import date_range_filter, highlight_body, sort_clause
from web.query_text import QUERY_FLAGS
from web.search_params import SearchParams
from web.statement_params import StatementParams

Body = dict[str, Any]

STATEMENTS_PATH = "statements"
CONTENT_FIELD = "statements.content"
STANCE_FIELD = "statements.stance"
#: Matching statements returned per article (``inner_hits``); the article's count says how many match.
STATEMENTS_PER_ARTICLE = 10
#: Statement fields a quote search returns.
STATEMENT_SOURCE_FIELDS = [
    f"{STATEMENTS_PATH}.{name}"
    for name in ("speaker", "speaker_text", "speaker_type", "resolved", "stance", "cue", "content", "direct",
                 "evidence", "target", "start")
]
#: Article fields a quote search returns (never the text).
ARTICLE_SOURCE_FIELDS = ["id", "title", "published"]
#: Stances whose targets the person page lists.
TARGET_STANCES = ("denies", "supports", "opposes")
TOP_TARGETS = 5
#: The person page's latest articles quoting the person (their statements are picked from these).
QUOTE_ARTICLES = 20


def content_query(query_text: str) -> Body:
    """``simple_query_string`` over the statement content only (not the evidence sentence around it), with
    the article search's operators, ``and`` default and quoted phrases on the unstemmed ``.exact``."""
    return {
        "simple_query_string": {
            "query": query_text,
            "fields": [CONTENT_FIELD],
            "quote_field_suffix": ".exact",
            "default_operator": "and",
            "flags": QUERY_FLAGS,
            "lenient": True,
        }
    }


def speaker_clause(name: str) -> Body:
    """Statements of the resolved speaker ``name`` (case-insensitive through ``statements.speaker.lc``).
    A statement without ``resolved`` (stored before issue 18, when every speaker was resolved) counts as
    resolved, as in ``indexer.documents.statement_fields``."""
    return {
        "bool": {
            "filter": [{"term": {f"{STATEMENTS_PATH}.speaker.lc": name}}],
            "must_not": [{"term": {f"{STATEMENTS_PATH}.resolved": False}}],
        }
    }


def statement_clause(params: StatementParams) -> Body:
    """The query one statement must match: its content (``q``), speaker, any of the stances, direct or not."""
    filters: list[Body] = []
    if params.speaker:
        filters.append(speaker_clause(params.speaker))
    if params.stances:
        filters.append({"terms": {f"{STATEMENTS_PATH}.stance": list(params.stances)}})
    if params.direct is not None:
        filters.append({"term": {f"{STATEMENTS_PATH}.direct": params.direct}})
    clause: Body = {"bool": {"filter": filters}}
    if params.query_text:
        clause["bool"]["must"] = [content_query(params.query_text)]
    return clause


def content_highlight() -> Body:
    """The whole content, HTML-escaped (``encoder: html``), with ``<mark>`` around the matched words."""
    return highlight_body(
        {CONTENT_FIELD: {"number_of_fragments": 0, "matched_fields": [CONTENT_FIELD, f"{CONTENT_FIELD}.exact"]}}
    )


def inner_hits(params: StatementParams) -> Body:
    """The matching statements of each article: by score for ``relevance``, else in text order."""
    body: Body = {
        "size": STATEMENTS_PER_ARTICLE,
        "_source": {"includes": STATEMENT_SOURCE_FIELDS},
    }
    if params.query_text:
        body["highlight"] = content_highlight()
    if params.sort != "relevance":
        body["sort"] = [{f"{STATEMENTS_PATH}.start": {"order": "asc"}}]
    return body


def statements_body(params: StatementParams, timeout: str | None = None) -> Body:
    """The request body of one page of a quote search: articles holding a matching statement (sorted by
    publication date or by their best statement's score, ``from``/``size`` over articles), each with its
    matching statements (``inner_hits`` named ``statements``), and the ``statement_count`` aggregation: how
    many statements match in all. ``timeout`` as in :func:`web.query_builder.search_body`."""
    clause = statement_clause(params)
    nested: Body = {
        "nested": {
            "path": STATEMENTS_PATH,
            "score_mode": "max",
            "query": clause,
            "inner_hits": {"name": STATEMENTS_PATH, **inner_hits(params)},
        }
    }
    query: Body = {"bool": {"must": [nested]}}
    published = date_range_filter(PUBLISHED_FIELD, params.published_bounds())
    if published:
        query["bool"]["filter"] = [published]
    body: Body = {
        "query": query,
        "sort": sort_clause(SearchParams(sort=params.sort)),
        "from": params.offset,
        "size": params.size,
        "track_total_hits": True,
        "_source": {"includes": ARTICLE_SOURCE_FIELDS},
        "aggs": {
            "statement_count": {
                "nested": {"path": STATEMENTS_PATH},
                "aggs": {"matching": {"filter": clause}},
            }
        },
    }
    if timeout is not None:
        body["timeout"] = timeout
    return body


def person_statement_aggs(name: str) -> Body:
    """Aggregations of a person's own statements (resolved speaker ``name``), for the person page:
    ``said.months`` (per publication month, the statements per stance: ``by_stance``) and ``said.targets``
    (for each of :data:`TARGET_STANCES`, the :data:`TOP_TARGETS` most frequent targets) and ``said.quotes``
    (their latest articles, newest first, with the statements to pick theirs from)."""
    mine = speaker_clause(name)
    return {
        "said": {
            "filter": {"nested": {"path": STATEMENTS_PATH, "query": mine}},
            "aggs": {
                "months": {
                    "date_histogram": {
                        "field": PUBLISHED_FIELD,
                        "calendar_interval": "month",
                        "format": "yyyy-MM-dd",
                        "min_doc_count": 1,
                    },
                    "aggs": {
                        "statements": {
                            "nested": {"path": STATEMENTS_PATH},
                            "aggs": {
                                "mine": {
                                    "filter": mine,
                                    "aggs": {"by_stance": {"terms": {"field": STANCE_FIELD, "size": 10}}},
                                }
                            },
                        }
                    },
                },
                "quotes": {
                    "top_hits": {
                        "size": QUOTE_ARTICLES,
                        "sort": sort_clause(SearchParams(sort="newest")),
                        "_source": {"includes": [*ARTICLE_SOURCE_FIELDS, STATEMENTS_PATH]},
                    }
                },
                "targets": {
                    "nested": {"path": STATEMENTS_PATH},
                    "aggs": {
                        "mine": {
                            "filter": mine,
                            "aggs": {
                                "by_stance": {
                                    "filters": {
                                        "filters": {
                                            s: {"term": {f"{STATEMENTS_PATH}.stance": s}} for s in TARGET_STANCES
                                        }
                                    },
                                    "aggs": {
                                        "targets": {
                                            "terms": {"field": f"{STATEMENTS_PATH}.target.keyword", "size": TOP_TARGETS}
                                        }
                                    },
                                }
                            },
                        }
                    },
                },
            },
        }
    }
