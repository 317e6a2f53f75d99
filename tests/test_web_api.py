"""The JSON API through FastAPI's test client against the real Elasticsearch node.

Every expected number is computed from the corpus in ``test_web_corpus`` (no hard-coded results).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from elasticsearch import AsyncElasticsearch, Elasticsearch
from fastapi.testclient import TestClient
from test_web_corpus import FORMULA_TITLE, WEB_DOCUMENTS, XSS_TITLE, names, web_settings  # noqa: F401

from newsarchive.config import Settings
from web.app import create_app
from web.export import ExportWalk
from web.feeds import ATOM_NS
from web.search_params import make_search_params

pytestmark = pytest.mark.es

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def client(web_settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(web_settings, es_client)) as test_client:
        yield test_client


def matching(predicate: Callable[[Doc], bool]) -> list[Doc]:
    return [d for d in WEB_DOCUMENTS if predicate(d)]


def mentions(text: str) -> Callable[[Doc], bool]:
    return lambda d: text.lower() in (d["title"] + " " + d["text"]).lower()


def has(field: str, *values: str) -> Callable[[Doc], bool]:
    wanted = {v.lower() for v in values}
    return lambda d: bool(wanted & {n.lower() for n in names(d, field)})


def counts(docs: list[Doc], field: str) -> dict[str, int]:
    counter: Counter[str] = Counter()
    for d in docs:
        if field in ("persons", "countries", "organizations"):
            counter.update(set(names(d, field)))
        elif isinstance(d[field], list):
            counter.update(set(d[field]))
        else:
            counter[d[field]] += 1
    return dict(counter)


def facet_counts(body: dict[str, Any], facet: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"][facet]["values"]}


def ids(body: dict[str, Any]) -> list[str]:
    return [h["id"] for h in body["hits"]]


def test_search_finds_the_articles_naming_a_person(client: TestClient) -> None:
    expected = matching(mentions("peskov"))
    body = client.get("/api/search", params={"q": "Peskov"}).json()
    assert body["total"] == len(expected) > 0
    assert set(ids(body)) == {d["id"] for d in expected}
    hit = body["hits"][0]
    assert set(hit) >= {"id", "title", "published", "source", "url", "snippet_html", "title_html"}
    assert "<mark>Peskov</mark>" in hit["snippet_html"] + hit["title_html"]


def test_search_facets_count_source_and_publication_months(client: TestClient) -> None:
    expected = matching(mentions("call"))
    body = client.get("/api/search", params={"q": "call", "interval": "month"}).json()
    assert body["total"] == len(expected)
    assert facet_counts(body, "source") == counts(expected, "source")
    timeline = body["timeline"]
    assert timeline["interval"] == "month"
    dated = Counter(d["published"][:7] for d in expected if d["published"])
    assert {b["start"][:7]: b["count"] for b in timeline["buckets"] if b["count"]} == dict(dated)


def test_stemming_and_folding_reach_the_search(client: TestClient) -> None:
    expected = matching(lambda d: any(w in d["text"].lower() for w in ("denied", "denies", "deny")))
    body = client.get("/api/search", params={"q": "deny", "size": 50}).json()
    assert {d["id"] for d in expected} <= set(ids(body))


def test_phrase_and_exclusion(client: TestClient) -> None:
    phrase = client.get("/api/search", params={"q": '"phone call"'}).json()
    assert set(ids(phrase)) == {d["id"] for d in matching(mentions("phone call"))}
    excluded = client.get("/api/search", params={"q": '"phone call" -Putin'}).json()
    assert set(ids(excluded)) == {
        d["id"] for d in matching(lambda d: mentions("phone call")(d) and not mentions("putin")(d))
    }
    either = client.get("/api/search", params={"q": "Magnitogorsk OR Zelenskyy"}).json()
    assert set(ids(either)) == {
        d["id"] for d in matching(lambda d: mentions("magnitogorsk")(d) or mentions("zelenskyy")(d))
    }


def test_selecting_a_person_narrows_hits_and_keeps_the_person_facet_counts(client: TestClient) -> None:
    everything = client.get("/api/search").json()
    body = client.get("/api/search", params={"person": "Dmitry Peskov"}).json()
    selected = matching(has("persons", "Dmitry Peskov"))
    assert body["total"] == len(selected) < everything["total"]
    # The person facet ignores its own filter: same counts as before, Peskov flagged.
    assert facet_counts(body, "person") == facet_counts(everything, "person") == counts(WEB_DOCUMENTS, "persons")
    flagged = [v["value"] for v in body["facets"]["person"]["values"] if v["selected"]]
    assert flagged == ["Dmitry Peskov"]
    # Other facets count within the selection.
    assert facet_counts(body, "source") == counts(selected, "source")
    assert facet_counts(body, "country") == counts(selected, "countries")


def test_values_of_one_filter_are_alternatives_and_filters_combine(client: TestClient) -> None:
    either = client.get("/api/search", params=[("person", "Dmitry Peskov"), ("person", "Xi Jinping")]).json()
    assert either["total"] == len(matching(has("persons", "Dmitry Peskov", "Xi Jinping")))
    both = client.get("/api/search", params={"person": "Vladimir Putin", "source": "Wire Service"}).json()
    expected = matching(lambda d: has("persons", "Vladimir Putin")(d) and d["source"] == "Wire Service")
    assert set(ids(both)) == {d["id"] for d in expected}
    assert facet_counts(both, "source") == counts(matching(has("persons", "Vladimir Putin")), "source")


def test_filters_are_case_insensitive_and_countries_accept_codes(client: TestClient) -> None:
    upper = client.get("/api/search", params={"person": "Dmitry Peskov"}).json()
    lower = client.get("/api/search", params={"person": "dmitry peskov"}).json()
    assert ids(upper) == ids(lower)
    by_code = client.get("/api/search", params={"country": "ru"}).json()
    by_name = client.get("/api/search", params={"country": "Russia"}).json()
    assert set(ids(by_code)) == set(ids(by_name)) == {d["id"] for d in matching(has("countries", "Russia"))}


def test_stance_and_speaker_stance_filters(client: TestClient) -> None:
    body = client.get("/api/search", params={"stance": "denies"}).json()
    assert set(ids(body)) == {d["id"] for d in matching(lambda d: "denies" in d["stances"])}
    assert facet_counts(body, "stance") == counts(WEB_DOCUMENTS, "stances")
    pair = client.get("/api/search", params={"speaker_stance": "Dmitry Peskov|denies"}).json()
    assert set(ids(pair)) == {d["id"] for d in matching(lambda d: "Dmitry Peskov|denies" in d["speaker_stance"])}
    all_pairs = client.get("/api/search", params={"facet_size": 50}).json()
    assert facet_counts(all_pairs, "speaker_stance") == counts(WEB_DOCUMENTS, "speaker_stance")


def test_org_filter(client: TestClient) -> None:
    body = client.get("/api/search", params={"org": "european union"}).json()
    assert set(ids(body)) == {d["id"] for d in matching(has("organizations", "European Union"))}


def test_publication_and_mentioned_date_ranges(client: TestClient) -> None:
    body = client.get("/api/search", params={"published_from": "2022-06", "published_to": "2023"}).json()
    expected = matching(lambda d: bool(d["published"]) and "2022-06-01" <= d["published"] <= "2023-12-31")
    assert set(ids(body)) == {d["id"] for d in expected}
    mentioned = client.get("/api/search", params={"mentioned_from": "2024-11-07", "mentioned_to": "2024-11-07"}).json()
    assert set(ids(mentioned)) == {d["id"] for d in matching(lambda d: "2024-11-07" in d["dates"])}


def test_sort_newest_and_oldest_put_undated_articles_last(client: TestClient) -> None:
    dated = sorted((d for d in WEB_DOCUMENTS if d["published"]), key=lambda d: (d["published"], d["id"]))
    undated = [d["id"] for d in WEB_DOCUMENTS if not d["published"]]
    newest = client.get("/api/search", params={"sort": "newest", "size": 50}).json()
    oldest = client.get("/api/search", params={"sort": "oldest", "size": 50}).json()
    newest_dated = sorted(dated, key=lambda d: d["id"])
    newest_dated.sort(key=lambda d: d["published"], reverse=True)
    assert ids(newest) == [d["id"] for d in newest_dated] + undated
    assert ids(oldest) == [d["id"] for d in dated] + undated


def test_pages_partition_the_hits(client: TestClient) -> None:
    size = 3
    first = client.get("/api/search", params={"sort": "oldest", "size": size}).json()
    assert first["pages"] == -(-len(WEB_DOCUMENTS) // size)
    seen: list[str] = []
    for page in range(1, first["pages"] + 1):
        seen += ids(client.get("/api/search", params={"sort": "oldest", "size": size, "page": page}).json())
    everything = ids(client.get("/api/search", params={"sort": "oldest", "size": 50}).json())
    assert seen == everything and len(set(seen)) == len(WEB_DOCUMENTS)


def test_paging_past_the_window_is_refused_with_directions(client: TestClient) -> None:
    response = client.get("/api/search", params={"page": 101, "size": 100})
    assert response.status_code == 400
    assert "cursor=*" in response.json()["detail"]


def test_a_cursor_walk_returns_every_hit_once_in_order(client: TestClient) -> None:
    params = {"sort": "newest", "size": 3}
    everything = ids(client.get("/api/search", params={"sort": "newest", "size": 50}).json())
    body = client.get("/api/search", params={**params, "cursor": "*"}).json()
    walked = ids(body)
    assert body["facets"], "the first page of a walk carries the facets"
    pages = 1
    while body["next_cursor"]:
        body = client.get("/api/search", params={**params, "cursor": body["next_cursor"]}).json()
        walked += ids(body)
        pages += 1
        assert pages <= len(WEB_DOCUMENTS) + 1
    assert walked == everything


def test_a_cursor_of_another_search_or_garbage_is_a_400(client: TestClient) -> None:
    body = client.get("/api/search", params={"size": 2, "cursor": "*"}).json()
    assert body["next_cursor"]
    other = client.get("/api/search", params={"size": 2, "q": "call", "cursor": body["next_cursor"]})
    assert other.status_code == 400 and "different search" in other.json()["detail"]
    garbage = client.get("/api/search", params={"cursor": "not-a-cursor"})
    assert garbage.status_code == 400


NASTY_QUERIES = [
    '"',
    "(",
    ")",
    "((a) | (b",
    "-",
    "|",
    "+",
    "*",
    "a*",
    "\\",
    "a\\",
    "~",
    "foo~2",
    'foo"bar',
    "/",
    "AND",
    "OR OR OR",
    "NOT",
    "title:Peskov",
    "text:(a OR b)",
    "\x00",
    "🙂 Kremlin",
    "<script>alert(1)</script>",
    "&amp;",
    "a" * 300,
    "a" * 301,
    "(" * 5 + "x",
    '"' * 40,
    "-" * 100,
    "Ülm",
    "'; DROP TABLE articles; --",
    "*:*",
    "_id:x",
    "[1 TO 2]",
    "{a}",
    "a^10",
    "@",
    "#",
    "%",
    "a&&b||c",
]


@pytest.mark.parametrize("q", NASTY_QUERIES)
def test_any_query_string_is_answered_without_a_server_error(client: TestClient, q: str) -> None:
    for path in ("/api/search", "/", "/feed.atom"):
        response = client.get(path, params={"q": q})
        assert response.status_code < 500, (path, q, response.text[:300])
        if response.status_code >= 400:
            assert response.status_code == 400
            if path.startswith("/api"):
                assert response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": "-1"},
        {"size": "0"},
        {"size": "1000"},
        {"sort": "best"},
        {"published_from": "last week"},
        {"mentioned_to": "2024-02-30"},
        {"interval": "hour"},
        {"facet_size": "0"},
        {"person": "x" * 500},
    ],
)
def test_bad_parameters_are_400_with_a_message(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_snippets_and_titles_are_html_escaped(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "officials"}).json()
    hit = next(h for h in body["hits"] if h["id"] == "xss-title")
    assert hit["title"] == XSS_TITLE
    for html in (hit["title_html"], hit["snippet_html"]):
        assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in hit["title_html"]
    assert "<mark>Officials</mark>" in hit["title_html"] + hit["snippet_html"]


def test_article_by_id_and_404(client: TestClient) -> None:
    document = WEB_DOCUMENTS[0]
    response = client.get(f"/api/articles/{document['id']}")
    assert response.status_code == 200
    assert response.json() == document
    missing = client.get("/api/articles/no-such-article")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No article with id 'no-such-article'."}


def test_person_summary(client: TestClient) -> None:
    name = "Dmitry Peskov"
    body = client.get("/api/persons/dmitry peskov").json()
    theirs = matching(lambda d: has("persons", name)(d) or name in d["speakers"])
    assert body["name"] == name
    assert body["article_count"] == len(theirs)
    stances = Counter(p.split("|")[1] for d in theirs for p in d["speaker_stance"] if p.startswith(name + "|"))
    assert {s["value"]: s["count"] for s in body["stances"]} == dict(stances)
    co = counts(theirs, "persons")
    co.pop(name)
    assert {p["value"]: p["count"] for p in body["co_persons"]} == co
    assert {c["value"]: c["count"] for c in body["countries"]} == counts(theirs, "countries")
    assert sum(b["count"] for b in body["timeline"]["buckets"]) == len([d for d in theirs if d["published"]])
    said = [s for d in theirs for s in d["statements"] if s["speaker"] == name]
    assert sorted(s["evidence"] for s in body["statements"]) == sorted(s["evidence"] for s in said)
    assert client.get("/api/persons/Nobody Atall").status_code == 404


def test_suggest_matches_word_starts_case_insensitively(client: TestClient) -> None:
    body = client.get("/api/suggest", params={"field": "person", "prefix": "pes"}).json()
    expected = {
        n: c for n, c in counts(WEB_DOCUMENTS, "persons").items() if any(w.lower().startswith("pes") for w in n.split())
    }
    assert {s["value"]: s["count"] for s in body["suggestions"]} == expected
    countries = client.get("/api/suggest", params={"field": "country", "prefix": "UNI"}).json()
    assert [s["value"] for s in countries["suggestions"]] == ["United States"]
    odd = client.get("/api/suggest", params={"field": "person", "prefix": "<D"}).json()
    assert [s["value"] for s in odd["suggestions"]] == ["Jane <Doe>"]
    assert client.get("/api/suggest", params={"field": "stance", "prefix": "d"}).status_code == 400
    assert client.get("/api/suggest", params={"field": "person", "prefix": "(.*"}).status_code == 200


def test_export_csv_has_every_hit_and_defuses_formulas(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "csv", "sort": "oldest"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == ids(client.get("/api/search", params={"sort": "oldest", "size": 50}).json())
    formula = next(r for r in rows if r["id"] == "formula-title")
    assert formula["title"] == "'" + FORMULA_TITLE
    first = next(r for r in rows if r["id"] == WEB_DOCUMENTS[0]["id"])
    assert first["persons"] == "; ".join(names(WEB_DOCUMENTS[0], "persons"))


def test_export_jsonl_follows_the_filters(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "jsonl", "country": "Ukraine"})
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert {r["id"] for r in rows} == {d["id"] for d in matching(has("countries", "Ukraine"))}


def test_export_walks_past_its_batch_size(web_settings: Settings, es_client: Elasticsearch) -> None:  # noqa: F811
    walk = ExportWalk(es_client, web_settings.alias, make_search_params(sort="oldest"), batch_size=2)
    rows = list(walk.rows())
    assert len(rows) == len(WEB_DOCUMENTS) and len({r["id"] for r in rows}) == len(WEB_DOCUMENTS)


def test_atom_feed_lists_the_search_newest_first(client: TestClient) -> None:
    response = client.get("/feed.atom", params={"q": "call", "sort": "oldest"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": ATOM_NS}
    expected = sorted((d for d in matching(mentions("call"))), key=lambda d: d["published"] or "", reverse=True)
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == [d["title"] for d in expected]
    xss = ET.fromstring(client.get("/feed.atom", params={"q": "officials"}).content)
    assert XSS_TITLE in [e.findtext("a:title", namespaces=ns) for e in xss.findall("a:entry", ns)]


def test_health_reports_the_cluster_and_the_alias(client: TestClient, web_settings: Settings) -> None:  # noqa: F811
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["elasticsearch"]["status"] in ("green", "yellow")
    assert body["alias"] == web_settings.alias
    assert body["documents"] == len(WEB_DOCUMENTS)


def test_an_unreachable_cluster_is_a_503_not_a_500(web_settings: Settings) -> None:  # noqa: F811
    dead = Elasticsearch("http://127.0.0.1:9", request_timeout=2, max_retries=0)
    dead_async = AsyncElasticsearch("http://127.0.0.1:9", request_timeout=2, max_retries=0)
    with TestClient(create_app(web_settings, dead, dead_async)) as dead_client:
        health = dead_client.get("/api/health")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        search = dead_client.get("/api/search", params={"q": "x"})
        assert search.status_code == 503 and "cannot reach its search engine" in search.json()["detail"]
        assert "127.0.0.1" not in search.text and "refused" not in search.text.lower()
        page = dead_client.get("/", params={"q": "x"})
        assert page.status_code == 503 and "text/html" in page.headers["content-type"]


def test_an_archive_without_an_index_says_how_to_fill_it(es_settings: Settings, es_client: Elasticsearch) -> None:
    empty = es_settings.model_copy(update={"index_prefix": f"{es_settings.index_prefix}empty-"})
    with TestClient(create_app(empty, es_client)) as empty_client:
        response = empty_client.get("/api/search")
        assert response.status_code == 503
        assert "newsarchive index" in response.json()["detail"]
        health = empty_client.get("/api/health").json()
        assert health["status"] == "degraded" and health["alias_exists"] is False


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/search",
        "/api/articles/{article_id}",
        "/api/persons/{name}",
        "/api/suggest",
        "/api/export",
        "/api/health",
    ):
        assert path in spec["paths"]
    search_params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert search_params >= {
        "q",
        "person",
        "country",
        "org",
        "stance",
        "speaker_stance",
        "source",
        "published_from",
        "published_to",
        "mentioned_from",
        "mentioned_to",
        "sort",
        "page",
        "size",
        "cursor",
    }
    docs = client.get("/docs")
    assert docs.status_code == 200
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css"):
        assert f'"{asset}"' in docs.text or f"'{asset}'" in docs.text
        assert client.get(asset).status_code == 200
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
