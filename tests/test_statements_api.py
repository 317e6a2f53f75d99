"""The quote search: its pure query builders, and ``/api/statements`` against the real Elasticsearch node.

Every expected number is computed from the corpus in ``test_web_corpus`` (no hard-coded results).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from test_web_corpus import WEB_DOCUMENTS, XSS_QUOTE, web_settings  # noqa: F401

from newsarchive.config import Settings
from web.app import create_app
from web.search_params import SearchParamError
from web.statement_params import MAX_STATEMENT_PAGE_SIZE, STATEMENT_STANCES, make_statement_params
from web.statement_query import CONTENT_FIELD, statement_clause, statements_body

Doc = dict[str, Any]
Said = tuple[Doc, Doc]  # (article, statement)


# --- pure: parameters and builders ---------------------------------------------------------------


def _filters(clause: dict[str, Any]) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = clause["bool"]["filter"]
    return filters


def test_no_parameter_matches_every_statement() -> None:
    clause = statement_clause(make_statement_params())
    assert clause == {"bool": {"filter": []}}


def test_q_searches_the_content_field_only_with_the_search_syntax() -> None:
    clause = statement_clause(make_statement_params(q="sanctions OR talks"))
    (query,) = clause["bool"]["must"]
    sqs = query["simple_query_string"]
    assert sqs["fields"] == [CONTENT_FIELD]
    assert sqs["query"] == "sanctions | talks" and sqs["default_operator"] == "and"
    assert sqs["quote_field_suffix"] == ".exact"


def test_speaker_is_case_insensitive_and_resolved_only() -> None:
    (speaker,) = _filters(statement_clause(make_statement_params(speaker="  Dmitry Peskov ")))
    assert _filters(speaker) == [{"term": {"statements.speaker.lc": "Dmitry Peskov"}}]
    # Unresolved statements are out; statements stored before issue 18 (no ``resolved``) were all resolved.
    assert speaker["bool"]["must_not"] == [{"term": {"statements.resolved": False}}]


def test_stances_are_alternatives_and_direct_is_a_term() -> None:
    params = make_statement_params(stances=["denies", "SAYS", "denies", ""], direct=False)
    stances, direct = _filters(statement_clause(params))
    assert stances == {"terms": {"statements.stance": ["denies", "says"]}}
    assert direct == {"term": {"statements.direct": False}}


def test_body_filters_publication_range_sorts_and_pages_articles() -> None:
    params = make_statement_params(date_from="2023", date_to="2024-02", page=3, size=5, sort="oldest")
    body = statements_body(params, timeout="10ms")
    (date_range,) = body["query"]["bool"]["filter"]
    assert date_range == {"range": {"published": {"format": "yyyy-MM-dd", "gte": "2023-01-01", "lt": "2024-03-01"}}}
    assert body["from"] == 10 and body["size"] == 5 and body["timeout"] == "10ms"
    assert body["sort"][0] == {"published": {"order": "asc", "missing": "_last"}}
    nested = body["query"]["bool"]["must"][0]["nested"]
    assert nested["path"] == "statements" and nested["inner_hits"]["name"] == "statements"
    assert "highlight" not in nested["inner_hits"]  # nothing to mark without words
    assert body["aggs"]["statement_count"]["aggs"]["matching"]["filter"] == nested["query"]


def test_relevance_sorts_by_score_and_highlights_the_content() -> None:
    body = statements_body(make_statement_params(q="talks", sort="relevance"))
    assert body["sort"][0] == {"_score": "desc"}
    inner = body["query"]["bool"]["must"][0]["nested"]["inner_hits"]
    assert "sort" not in inner
    assert inner["highlight"]["encoder"] == "html"
    assert list(inner["highlight"]["fields"]) == [CONTENT_FIELD]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"stances": ["bogus"]}, "Unknown stance"),
        ({"size": 0}, "size must be between"),
        ({"size": MAX_STATEMENT_PAGE_SIZE + 1}, "size must be between"),
        ({"page": 0}, "page starts at 1"),
        ({"page": 9999, "size": 50}, "reaches past"),
        ({"date_from": "2025", "date_to": "2024"}, r"from \(2025\) is after to \(2024\)"),
        ({"date_from": "yesterday"}, "Invalid date"),
        ({"q": "x" * 301}, "at most 300"),
        ({"sort": "loudest"}, "Unknown sort"),
        ({"speaker": "x" * 201}, "at most 200"),
    ],
)
def test_bad_values_are_refused_with_a_message(values: dict[str, Any], message: str) -> None:
    with pytest.raises(SearchParamError, match=message):
        make_statement_params(**values)


# --- integration: /api/statements --------------------------------------------------------------------



@pytest.fixture(scope="module")
def client(web_settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(web_settings, es_client)) as test_client:
        yield test_client


def said(predicate: Callable[[Doc, Doc], bool]) -> list[Said]:
    """Every (article, statement) of the corpus for which ``predicate`` holds."""
    return [(d, s) for d in WEB_DOCUMENTS for s in d["statements"] if predicate(d, s)]


def keys(pairs: list[Said]) -> set[tuple[str, str]]:
    return {(d["id"], s["evidence"]) for d, s in pairs}


def hit_keys(body: dict[str, Any]) -> set[tuple[str, str]]:
    return {(h["article_id"], h["evidence"]) for h in body["hits"]}


def words_of(statement: Doc) -> str:
    return (statement["content"] or "").lower()


@pytest.mark.es
def test_q_matches_words_of_the_content_not_of_the_sentence_around_it(client: TestClient) -> None:
    # "Tuesday" stands in a statement's evidence, outside its content: the article search finds it, the
    # quote search does not.
    assert said(lambda d, s: "tuesday" in s["evidence"].lower()) and not said(lambda d, s: "tuesday" in words_of(s))
    assert client.get("/api/search", params={"q": "Tuesday"}).json()["total"] >= 1
    body = client.get("/api/statements", params={"q": "Tuesday"}).json()
    assert body["total"] == 0 and body["hits"] == []
    expected = said(lambda d, s: "sanctions" in words_of(s))
    found = client.get("/api/statements", params={"q": "sanctions"}).json()
    assert found["total"] == len(expected) > 0
    assert hit_keys(found) == keys(expected)
    assert all("<mark>sanctions</mark>" in h["content_html"] for h in found["hits"])


@pytest.mark.es
def test_each_hit_carries_its_article(client: TestClient) -> None:
    body = client.get("/api/statements", params={"q": "fiction"}).json()
    ((document, statement),) = said(lambda d, s: "fiction" in words_of(s))
    (hit,) = body["hits"]
    assert hit["article_id"] == document["id"] and hit["article_title"] == document["title"]
    assert hit["published"] == document["published"] and hit["article_url"] == f"/articles/{document['id']}"
    assert (hit["speaker"], hit["resolved"], hit["stance"], hit["direct"]) == (
        statement["speaker"], statement["resolved"], statement["stance"], statement["direct"]
    )


@pytest.mark.es
def test_speaker_filter_is_case_insensitive_and_skips_unresolved_speakers(client: TestClient) -> None:
    expected = said(lambda d, s: s["resolved"] and s["speaker"] == "Dmitry Peskov")
    body = client.get("/api/statements", params={"speaker": "dmitry PESKOV"}).json()
    assert body["total"] == len(expected) > 1
    assert hit_keys(body) == keys(expected)
    assert said(lambda d, s: not s["resolved"] and s["speaker"] == "officials")
    assert client.get("/api/statements", params={"speaker": "officials"}).json()["total"] == 0


@pytest.mark.es
def test_stances_are_alternatives_and_combine_with_speaker_and_dates(client: TestClient) -> None:
    either = said(lambda d, s: s["stance"] in ("says", "denies"))
    body = client.get("/api/statements", params=[("stance", "says"), ("stance", "denies"), ("size", 50)]).json()
    assert body["total"] == len(either) and hit_keys(body) == keys(either)
    recent = said(
        lambda d, s: s["speaker"] == "Dmitry Peskov" and s["resolved"] and s["stance"] != "says"
        and (d["published"] or "") >= "2024-01-01"
    )
    stances = [x for x in STATEMENT_STANCES if x != "says"]
    narrowed = client.get(
        "/api/statements",
        params=[("speaker", "Dmitry Peskov"), ("from", "2024"), *[("stance", x) for x in stances]],
    ).json()
    assert hit_keys(narrowed) == keys(recent) and len(recent) >= 1
    upto = said(lambda d, s: d["published"] is not None and d["published"] <= "2022-12-31")
    early = client.get("/api/statements", params={"to": "2022", "size": 50}).json()
    assert hit_keys(early) == keys(upto) and upto


@pytest.mark.es
def test_direct_quotes_or_reported_speech(client: TestClient) -> None:
    def quoted(flag: bool) -> Callable[[Doc, Doc], bool]:
        return lambda d, s: s["direct"] is flag

    for flag in (True, False):
        expected = said(quoted(flag))
        body = client.get("/api/statements", params={"direct": str(flag).lower(), "size": 50}).json()
        assert body["total"] == len(expected) and hit_keys(body) == keys(expected)


@pytest.mark.es
def test_pages_count_articles_newest_first(client: TestClient) -> None:
    articles = sorted({d["id"]: d for d, _ in said(lambda d, s: True)}.values(),
                      key=lambda d: (d["published"] is None, "" if d["published"] is None else d["published"]))
    newest = sorted([d for d in articles if d["published"]], key=lambda d: d["published"], reverse=True)
    seen: list[str] = []
    gathered: set[tuple[str, str]] = set()
    first = client.get("/api/statements", params={"size": 1}).json()
    assert first["articles"] == len(articles) and first["pages"] == len(articles)
    for page in range(1, first["pages"] + 1):
        body = client.get("/api/statements", params={"size": 1, "page": page}).json()
        assert len({h["article_id"] for h in body["hits"]}) == 1
        seen.append(body["hits"][0]["article_id"])
        gathered |= hit_keys(body)
    assert seen[: len(newest)] == [d["id"] for d in newest]
    assert gathered == keys(said(lambda d, s: True)) and first["total"] == len(gathered)
    oldest = client.get("/api/statements", params={"size": 1, "sort": "oldest"}).json()
    assert oldest["hits"][0]["article_id"] == newest[-1]["id"]


@pytest.mark.es
def test_content_is_html_escaped_with_and_without_highlight(client: TestClient) -> None:
    marked = client.get("/api/statements", params={"q": "fake"}).json()
    (hit,) = marked["hits"]
    assert hit["content"] == XSS_QUOTE
    assert "<script>" not in hit["content_html"] and "&lt;script&gt;" in hit["content_html"]
    assert "<mark>fake</mark>" in hit["content_html"]
    plain = client.get("/api/statements", params={"speaker": "Jane <Doe>", "stance": "says"}).json()
    (same,) = plain["hits"]
    assert "<script>" not in same["content_html"] and "&lt;script&gt;" in same["content_html"]
    assert "<mark>" not in same["content_html"]


@pytest.mark.es
@pytest.mark.parametrize(
    "params",
    [
        {"stance": "bogus"},
        {"size": "0"},
        {"size": "51"},
        {"page": "zero"},
        {"from": "2025", "to": "2024"},
        {"from": "not a date"},
        {"direct": "maybe"},
        {"q": "x" * 301},
        {"sort": "loudest"},
    ],
)
def test_bad_parameters_are_400_with_a_message(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/statements", params=params)
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.es
def test_the_endpoint_is_documented_in_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/statements"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "q", "speaker", "stance", "from", "to", "direct", "page", "size", "sort"
    }
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "StatementSearchResponse"
    )
