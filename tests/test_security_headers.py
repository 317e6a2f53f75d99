"""Who gets in (issue 16, web part): security headers on every response, pages without inline script or
style, an OpenAPI document that lists only the archive's own endpoints, no request that reaches
Elasticsearch except the archive's own reads, and ``newsarchive serve`` bound to 127.0.0.1 by default.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from elasticsearch import AsyncElasticsearch, Elasticsearch
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from test_web_corpus import WEB_DOCUMENTS, names, web_settings  # noqa: F401

from newsarchive.config import PROJECT_ROOT, Settings
from web.app import create_app
from web.security_headers import CONTENT_SECURITY_POLICY, SECURITY_HEADERS, harden_cookie, secure_headers

pytestmark = pytest.mark.es

API_PATHS = {
    "/api/search",
    "/api/statements",
    "/api/articles/{article_id}",
    "/api/persons/{name}",
    "/api/suggest",
    "/api/export",
    "/api/health",
}


def _raise_unhandled() -> PlainTextResponse:
    raise RuntimeError("an unhandled failure")


def _set_a_cookie() -> PlainTextResponse:
    response = PlainTextResponse("cookie")
    response.set_cookie("probe", "1")
    return response


@pytest.fixture(scope="module")
def app(web_settings: Settings, es_client: Elasticsearch) -> FastAPI:  # noqa: F811
    """The archive's app plus two probe routes added for this module: one that fails with an unhandled
    exception and one that sets a cookie (the archive itself has neither)."""
    application = create_app(web_settings, es_client)
    application.add_api_route("/probe/unhandled", _raise_unhandled, include_in_schema=False)
    application.add_api_route("/probe/cookie", _set_a_cookie, include_in_schema=False)
    return application


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _one_of_each_response() -> list[str]:
    person = names(WEB_DOCUMENTS[0], "persons")[0]
    return [
        "/",
        "/?q=call&person=Dmitry+Peskov",
        "/?page=0",  # 400 page
        f"/articles/{WEB_DOCUMENTS[0]['id']}",
        "/articles/no-such-article",  # 404 page
        f"/persons/{quote(person)}",
        "/feed.atom?q=call",
        "/api/search?q=call",
        "/api/search?size=1000",  # 400 JSON
        f"/api/articles/{WEB_DOCUMENTS[0]['id']}",
        "/api/articles/no-such-article",  # 404 JSON
        f"/api/persons/{quote(person)}",
        "/api/suggest?field=person&prefix=pe",
        "/api/export?q=call&format=jsonl",
        "/api/health",
        "/openapi.json",
        "/docs",
        "/static/css/site.css",
        "/static/js/suggest.js",
        "/static/swagger/swagger-ui-bundle.js",
        "/no/such/path",
        "/probe/unhandled",  # Starlette's own 500
        "/probe/cookie",
    ]


def test_every_kind_of_response_carries_the_security_headers(client: TestClient) -> None:
    statuses = set()
    for path in _one_of_each_response():
        response = client.get(path)
        statuses.add(response.status_code)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get_list(name) == [value], (path, name, response.headers.get_list(name))
    assert {200, 400, 404, 500} <= statuses


def test_the_content_security_policy_is_strict() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY  # no 'unsafe-inline' nor 'unsafe-eval'
    assert not re.search(r"https?:|\*", CONTENT_SECURITY_POLICY), "no other origin is allowed"


def test_cookies_get_httponly_and_samesite(client: TestClient) -> None:
    cookie = client.get("/probe/cookie").headers["set-cookie"]
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in attributes
    assert sum(a.startswith("samesite=") for a in attributes) == 1
    assert harden_cookie("a=1; SameSite=Strict; HttpOnly") == "a=1; SameSite=Strict; HttpOnly"
    assert harden_cookie("a=1") == "a=1; HttpOnly; SameSite=Lax"
    replaced = secure_headers([(b"X-Frame-Options", b"ALLOWALL"), (b"content-type", b"text/plain")])
    assert (b"X-Frame-Options", b"ALLOWALL") not in replaced
    assert (b"content-type", b"text/plain") in replaced


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block in a page: inline scripts, style elements and attributes,
    event-handler attributes and ``javascript:`` URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            if not attributes.get("src"):
                self.found.append("inline <script>")
            self._in_script = True
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.found.append(f"{name} attribute on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in {name}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("script body")


def test_no_page_holds_inline_script_or_style(client: TestClient) -> None:
    pages = ["/", "/?q=call", "/?q=(unclosed", "/?page=0", "/docs", "/articles/missing", "/quotes", "/quotes?q=fake"]
    pages += [f"/articles/{d['id']}" for d in WEB_DOCUMENTS]
    pages += [f"/persons/{quote(p, safe='')}" for d in WEB_DOCUMENTS for p in names(d, "persons")]
    for path in pages:
        response = client.get(path)
        assert response.headers["content-type"].startswith("text/html"), path
        finder = InlineCodeFinder()
        finder.feed(response.text)
        assert finder.found == [], (path, finder.found)


def test_the_openapi_document_lists_only_the_archive_api(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert set(document["paths"]) == API_PATHS
    assert all(set(operations) == {"get"} for operations in document["paths"].values())
    for page in ("/", "/docs", "/feed.atom", "/articles/kremlin-denies-call"):  # served, but not documented
        assert client.get(page).status_code == 200


class RecordedTransport:
    """Wraps a client transport and records the (method, path) of every request sent to Elasticsearch."""

    def __init__(self, requests: list[tuple[str, str]]) -> None:
        self.requests = requests

    def wrap_sync(self, client: Elasticsearch) -> None:
        send = client.transport.perform_request

        def perform(method: str, target: str, **kwargs: Any) -> Any:
            self.requests.append((method, target.split("?", 1)[0]))
            return send(method, target, **kwargs)

        setattr(client.transport, "perform_request", perform)  # noqa: B010

    def wrap_async(self, client: AsyncElasticsearch) -> None:
        send = client.transport.perform_request

        async def perform(method: str, target: str, **kwargs: Any) -> Any:
            self.requests.append((method, target.split("?", 1)[0]))
            return await send(method, target, **kwargs)

        setattr(client.transport, "perform_request", perform)  # noqa: B010


HOSTILE_PATHS = [
    "/_search",
    "/_cat/indices",
    "/_cluster/settings",
    "/api/_search",
    "/api/_cat/indices",
    "/api/articles/_search",
    "/api/articles/..%2F_search",
    "/api/articles/%2A",
    "/api/articles/_all",
    "/api/persons/..%2F..%2F_cat%2Findices",
    "/persons/../../_cluster/health",
    "/persons/%2E%2E%2F_nodes",
    "/articles/..%2F..%2F_mapping",
    "/api/search?q=%7B%22query%22%3A%7B%22match_all%22%3A%7B%7D%7D%7D",
    "/api/search?source=*&person=_all&sort=_doc",
    "/api/suggest?field=_id&prefix=a",
    "/api/suggest?field=../_search&prefix=a",
    "/api/export?format=jsonl&q=a&org=%22%7D%7D",
    "/static/../newsarchive/config.py",
    "/static/swagger/../../../../etc/passwd",
]


def test_no_request_reaches_elasticsearch_beyond_the_archives_own_reads(
    web_settings: Settings,  # noqa: F811
) -> None:
    """Hostile paths, ids and parameters: Elasticsearch only ever sees the archive's own read requests on
    its alias (search, count, point in time, alias check, cluster health), and raw bodies are refused."""
    assert web_settings.es_url is not None
    seen: list[tuple[str, str]] = []
    recorder = RecordedTransport(seen)
    es = Elasticsearch(web_settings.es_url, request_timeout=30)
    aes = AsyncElasticsearch(web_settings.es_url, request_timeout=30)
    recorder.wrap_sync(es)
    recorder.wrap_async(aes)
    try:
        with TestClient(create_app(web_settings, es, aes), raise_server_exceptions=False) as client:
            answered = {path: client.get(path).status_code for path in HOSTILE_PATHS}
            posted = client.post("/api/search", json={"query": {"match_all": {}}, "size": 10000}).status_code
            deleted = client.delete("/api/articles/kremlin-denies-call").status_code
    finally:
        es.close()
    alias = web_settings.alias
    allowed = {
        ("POST", f"/{alias}/_search"),
        ("POST", f"/{alias}/_count"),
        ("POST", "/_search"),  # a point-in-time search names no index
        ("POST", f"/{alias}/_pit"),
        ("DELETE", "/_pit"),
        ("HEAD", f"/_alias/{alias}"),
        ("GET", "/_cluster/health"),
    }
    assert seen, "the hostile requests that are valid searches do reach Elasticsearch"
    assert set(seen) <= allowed, set(seen) - allowed
    assert posted == 405 and deleted == 405
    assert all(status < 500 for status in answered.values()), answered
    for path in ("/_search", "/_cat/indices", "/api/_search", "/static/../newsarchive/config.py"):
        assert answered[path] == 404, (path, answered[path])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening_addresses(port: int) -> set[str]:
    """Local IPv4/IPv6 addresses (hex, as in /proc/net/tcp*) with a socket listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.add(address)
    return found


def test_serve_binds_to_loopback_by_default(isolated_settings: Settings) -> None:
    assert Settings.model_fields["host"].default == "127.0.0.1"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_HOST"}
    env.update(
        NEWSARCHIVE_ES_URL=str(isolated_settings.es_url),
        NEWSARCHIVE_INDEX_PREFIX=isolated_settings.index_prefix,
        NEWSARCHIVE_DATA_DIR=str(isolated_settings.data_dir),
        NEWSARCHIVE_PORT=str(port),
    )
    command = Path(sys.executable).with_name("newsarchive")
    server = subprocess.Popen(
        [str(command), "serve"], env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        response = None
        while time.monotonic() < deadline and server.poll() is None and response is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5)
            except httpx.TransportError:
                time.sleep(0.3)
        assert response is not None, "newsarchive serve did not answer on 127.0.0.1"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert _listening_addresses(port) == {"0100007F"}, "listens on 127.0.0.1 only"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"on http://127.0.0.1:{port}/" in output


def test_stance_bars_are_sized_by_class_not_inline_style(client: TestClient) -> None:
    """The person page's stance bars (once ``style="width: ..."``) carry a width class in steps of 5%; the
    most frequent stance gets the widest (80%), and the stylesheet defines every class used."""
    css = client.get("/static/css/site.css").text
    page = client.get("/persons/" + quote("Dmitry Peskov")).text
    widths = [int(w) for w in re.findall(r'class="bar stance-[a-z_]+ w-(\d+)"', page)]
    assert widths and max(widths) == 80
    for width in widths:
        assert width % 5 == 0 and 0 <= width <= 80
        assert f".bar.w-{width} {{ width: {width}%; }}" in css
