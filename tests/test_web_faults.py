"""The web app when Elasticsearch fails: own words instead of Elasticsearch's, 503 while the node is down or
stuck (bounded in time), recovery without a restart, and huge articles that do not break highlighting.

The app under test reaches the real test node through :class:`tcp_proxy.TcpProxy`, which the tests switch
between forwarding, refusing and black-holing; the shared node itself is never touched.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, ConnectionError, ConnectionTimeout, Elasticsearch
from fastapi.testclient import TestClient
from tcp_proxy import TcpProxy
from test_web_corpus import WEB_DOCUMENTS, web_settings  # noqa: F401

from indexer.lifecycle import setup_indices
from newsarchive.config import Settings
from newsarchive.mapping import INDEX_SETTINGS, index_body
from web.app import create_app
from web.errors import (
    REJECTED_MESSAGE,
    TIMEOUT_MESSAGE,
    UNREACHABLE_MESSAGE,
    BadRequest,
    Unavailable,
    elasticsearch_errors,
)
from web.query_builder import search_body, search_timeout
from web.search_params import MAX_TIMELINE_BARS, SearchParamError, make_search_params

ES_REASON = "[extended_bounds.min][4102444800000] cannot be greater than [extended_bounds.max][-2208988800001]"
HUGE_TEXT_CHARS = 1_500_000


# --- pure: range checks, translation of failures, request bodies -------------------------------------------


def test_a_reversed_publication_range_is_refused_in_own_words() -> None:
    with pytest.raises(SearchParamError) as refused:
        make_search_params(published_from=["2100-01-01"], published_to=["1900-01-01"])
    assert str(refused.value) == "published_from (2100-01-01) is after published_to (1900-01-01)."


def test_a_reversed_mentioned_range_names_the_binding_bounds() -> None:
    with pytest.raises(SearchParamError) as refused:
        make_search_params(mentioned_from=["2019", "2020-06"], mentioned_to=["2021", "2020-05"])
    assert str(refused.value) == "mentioned_from (2020-06) is after mentioned_to (2020-05)."


def test_ranges_within_one_month_or_open_ended_are_accepted() -> None:
    same_month = make_search_params(published_from=["2020-05"], published_to=["2020-05"])
    assert (same_month.published_bounds().end - same_month.published_bounds().start).days == 31  # type: ignore[operator]
    make_search_params(published_from=["2020-05-31"], published_to=["2020-05-31"])
    make_search_params(published_from=["2100"], mentioned_to=["1900"])
    last_year = make_search_params(published_to=["9999"])
    assert last_year.published_bounds().end is None  # the last day there is: no upper bound left


def test_an_explicit_interval_may_not_draw_more_bars_than_elasticsearch_allows() -> None:
    with pytest.raises(SearchParamError) as refused:
        make_search_params(published_from=["1900"], published_to=["2100"], interval="day")
    assert "interval=day" in str(refused.value) and f"{MAX_TIMELINE_BARS:,}" in str(refused.value)
    make_search_params(published_from=["1900"], published_to=["2100"], interval="month")
    make_search_params(published_from=["1900"], published_to=["2100"], interval="auto")


def api_error(status: int, error_type: str, reason: str) -> ApiError:
    meta = ApiResponseMeta(status, "1.1", HttpHeaders(), 0.01, NodeConfig("http", "127.0.0.1", 9))
    body = {"error": {"root_cause": [{"type": error_type, "reason": reason}], "type": error_type, "reason": reason}}
    return ApiError(error_type, meta, body)


def test_an_elasticsearch_400_becomes_the_archives_message_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="web.errors"),
        pytest.raises(BadRequest) as refused,
        elasticsearch_errors("articles"),
    ):
        raise api_error(400, "illegal_argument_exception", ES_REASON)
    assert refused.value.message == REJECTED_MESSAGE
    assert ES_REASON in caplog.text


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (ConnectionError("Connection refused: [Errno 111] secret transport text"), UNREACHABLE_MESSAGE),
        (ConnectionTimeout("Connection timed out: secret transport text"), TIMEOUT_MESSAGE),
        (api_error(503, "cluster_block_exception", "secret blocked text"), None),
        (api_error(429, "es_rejected_execution_exception", "secret queue text"), None),
    ],
)
def test_transport_and_server_failures_become_a_503_in_own_words(
    failure: Exception, message: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="web.errors"),
        pytest.raises(Unavailable) as unavailable,
        elasticsearch_errors("articles"),
    ):
        raise failure
    assert "secret" not in unavailable.value.message
    assert unavailable.value.message.startswith("Search is unavailable:")
    assert message is None or unavailable.value.message == message
    assert unavailable.value.temporary
    assert "secret" in caplog.text


def test_search_bodies_bound_highlighting_and_carry_a_timeout() -> None:
    body = search_body(make_search_params(q="x"), timeout=search_timeout(1.5))
    assert body["timeout"] == "1500ms"
    assert body["highlight"]["max_analyzed_offset"] == INDEX_SETTINGS["highlight"]["max_analyzed_offset"]
    assert "timeout" not in search_body(make_search_params(q="x"))


def test_an_elasticsearch_failure_escaping_a_route_is_still_answered_in_own_words() -> None:
    settings = Settings(es_url="http://127.0.0.1:9", index_prefix="faults-")
    app = create_app(settings)

    def escaping() -> None:
        raise ConnectionError("secret transport text")

    app.add_api_route("/api/escaping", escaping)
    app.add_api_route("/escaping", escaping)
    with TestClient(app) as client:
        api = client.get("/api/escaping")
        assert api.status_code == 503 and api.json() == {"detail": UNREACHABLE_MESSAGE}
        page = client.get("/escaping")
        assert page.status_code == 503 and "Search is unavailable" in page.text and "secret" not in page.text
    app.state.services.es.close()


# --- real Elasticsearch through the app --------------------------------------------------------------------

def proxied(settings: Settings, proxy: TcpProxy, timeout: float) -> Settings:
    """``settings`` pointing at the proxy, with the web app's Elasticsearch timeout set to ``timeout``."""
    return settings.model_copy(update={"es_url": proxy.url, "web_es_timeout": timeout})


@pytest.fixture()
def proxy(es_url: str) -> Iterator[TcpProxy]:
    port = urlsplit(es_url).port
    assert port is not None and urlsplit(es_url).hostname == "127.0.0.1"
    with TcpProxy(port) as running:
        yield running


def assert_unavailable_everywhere(client: TestClient, message: str) -> None:
    api = client.get("/api/search", params={"q": "Peskov"})
    assert api.status_code == 503 and api.json() == {"detail": message}
    assert api.headers["retry-after"].isdigit()
    page = client.get("/", params={"q": "Peskov"})
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "Search is unavailable" in page.text and "temporary" in page.text and "try again" in page.text
    assert message in page.text
    article = client.get(f"/articles/{WEB_DOCUMENTS[0]['id']}")
    assert article.status_code == 503 and "Search is unavailable" in article.text


def assert_working(client: TestClient) -> None:
    api = client.get("/api/search", params={"q": "Peskov"})
    assert api.status_code == 200 and api.json()["total"] > 0
    assert client.get("/", params={"q": "Peskov"}).status_code == 200
    assert client.get(f"/articles/{WEB_DOCUMENTS[0]['id']}").status_code == 200
    health = client.get("/api/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["index"] == "ok"
    assert health.json()["documents"] == len(WEB_DOCUMENTS)


@pytest.mark.es
def test_a_node_that_goes_down_is_a_503_and_coming_back_needs_no_restart(
    web_settings: Settings,  # noqa: F811
    proxy: TcpProxy,
) -> None:
    app = create_app(proxied(web_settings, proxy, timeout=5.0))
    with TestClient(app) as client:
        assert_working(client)
        proxy.set_mode("refuse")
        assert_unavailable_everywhere(client, UNREACHABLE_MESSAGE)
        health = client.get("/api/health")
        assert health.status_code == 503
        assert health.json()["status"] == "unavailable" and health.json()["web"] == "ok"
        assert health.json()["elasticsearch"]["status"] == "unreachable"
        assert health.json()["elasticsearch"]["detail"] == UNREACHABLE_MESSAGE
        assert health.json()["index"] == "unknown" and health.json()["alias"] == web_settings.alias
        proxy.set_mode("forward")
        assert_working(client)
    app.state.services.es.close()


@pytest.mark.es
def test_a_stuck_node_answers_503_within_the_timeout_bound(
    web_settings: Settings,  # noqa: F811
    proxy: TcpProxy,
) -> None:
    timeout = 1.0
    bound = timeout * 2 + 3.0  # one retry, plus a few seconds of slack
    app = create_app(proxied(web_settings, proxy, timeout=timeout))
    with TestClient(app) as client:
        assert_working(client)
        proxy.set_mode("blackhole")
        for path in ("/api/search", "/", "/api/health"):
            started = time.monotonic()
            response = client.get(path, params={"q": "Peskov"} if path != "/api/health" else None)
            elapsed = time.monotonic() - started
            assert response.status_code == 503, path
            assert timeout * 0.9 <= elapsed < bound, (path, elapsed)
            if path == "/api/search":
                assert response.json() == {"detail": TIMEOUT_MESSAGE}
            if path == "/api/health":
                assert response.json()["elasticsearch"]["status"] == "timeout"
        proxy.set_mode("forward")
        assert_working(client)
    app.state.services.es.close()


@pytest.mark.es
def test_reversed_range_through_the_api_and_the_page(web_settings: Settings, es_client: Elasticsearch) -> None:  # noqa: F811
    with TestClient(create_app(web_settings, es_client)) as client:
        query = {"published_from": "2100-01-01", "published_to": "1900-01-01"}
        api = client.get("/api/search", params=query)
        assert api.status_code == 400
        assert api.json() == {"detail": "published_from (2100-01-01) is after published_to (1900-01-01)."}
        page = client.get("/", params=query)
        assert page.status_code == 400 and "is after published_to" in page.text
        assert "extended_bounds" not in page.text
        assert client.get("/api/search", params={"published_to": "9999"}).json()["total"] == len(WEB_DOCUMENTS)


@pytest.mark.es
def test_an_elasticsearch_refusal_reaches_the_reader_in_own_words(
    isolated_settings: Settings, es_client: Elasticsearch, caplog: pytest.LogCaptureFixture
) -> None:
    # An index whose publication date is a keyword: Elasticsearch refuses the date aggregations with a 400.
    index = f"{isolated_settings.index_prefix}articles-broken"
    es_client.indices.create(
        index=index,
        aliases={isolated_settings.alias: {}},
        mappings={"properties": {"id": {"type": "keyword"}, "published": {"type": "keyword"}}},
    )
    es_client.index(index=index, id="a", document={"id": "a", "published": "yesterday"}, refresh=True)
    with TestClient(create_app(isolated_settings, es_client)) as client, caplog.at_level(logging.WARNING):
        api = client.get("/api/search")
        assert api.status_code == 400 and api.json() == {"detail": REJECTED_MESSAGE}
        page = client.get("/")
        assert page.status_code == 400 and REJECTED_MESSAGE in page.text
        assert "keyword" not in api.text + page.text
    assert "keyword" in caplog.text  # Elasticsearch's own reason went to the log


def huge_article(article_id: str) -> dict[str, Any]:
    words, length = ["aardvarkfirst"], len("aardvarkfirst")
    while length < HUGE_TEXT_CHARS:
        words.append(f"filler{len(words) % 997}")
        length += len(words[-1]) + 1
    words.append("zebralast")
    text = " ".join(words)
    assert len(text) > HUGE_TEXT_CHARS
    return {"id": article_id, "title": "A very long article", "text": text, "published": "2024-03-01"}


def assert_huge_article_found(settings: Settings, es_client: Elasticsearch, article_id: str) -> None:
    with TestClient(create_app(settings, es_client)) as client:
        for word in ("aardvarkfirst", "zebralast"):
            api = client.get("/api/search", params={"q": word})
            assert api.status_code == 200, api.text
            assert [h["id"] for h in api.json()["hits"]] == [article_id]
            page = client.get("/", params={"q": word})
            assert page.status_code == 200 and "A very long article" in page.text
        first = client.get("/api/search", params={"q": "aardvarkfirst"}).json()["hits"][0]
        assert "<mark>aardvarkfirst</mark>" in first["snippet_html"]


@pytest.mark.es
def test_a_huge_article_is_found_by_its_first_and_last_words(
    isolated_settings: Settings, es_client: Elasticsearch
) -> None:
    setup_indices(es_client, isolated_settings)
    article_id = f"huge-{uuid.uuid4().hex[:6]}"
    es_client.index(index=isolated_settings.write_alias, id=article_id, document=huge_article(article_id))
    es_client.indices.refresh(index=isolated_settings.alias)
    assert_huge_article_found(isolated_settings, es_client, article_id)


@pytest.mark.es
def test_a_huge_article_without_indexed_offsets_does_not_fail_the_search(
    isolated_settings: Settings, es_client: Elasticsearch
) -> None:
    # Without offsets in the index, highlighting re-analyses the text: only the request's
    # max_analyzed_offset keeps Elasticsearch from refusing the whole search.
    body = index_body()
    for field in ("title", "text"):
        del body["mappings"]["properties"][field]["index_options"]
        del body["mappings"]["properties"][field]["fields"]["exact"]["index_options"]
    index = f"{isolated_settings.index_prefix}articles-nooffsets"
    es_client.indices.create(index=index, aliases={isolated_settings.alias: {}}, **body)
    article_id = f"huge-{uuid.uuid4().hex[:6]}"
    es_client.index(index=index, id=article_id, document=huge_article(article_id), refresh=True)
    assert_huge_article_found(isolated_settings, es_client, article_id)
