"""``newsarchive fetch``: polite fetching into WARC files, and the living archive of feeds.

Every test serves its pages, feeds, sitemaps and robots.txt from its own HTTP server on 127.0.0.1 (a random
port), which records each request with its headers and arrival time. No test reaches anything else.
"""

from __future__ import annotations

import calendar
import gzip
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from indexer.fetch.feeds import parse_feed
from indexer.fetch.http_client import FetchStopped, HostRateLimiter, retry_after_seconds
from indexer.fetch.poll import parse_every, poll, read_sources
from indexer.fetch.rounds import RoundReport, run_round
from indexer.fetch.sitemap import parse_sitemap
from indexer.fetch.state import FetchState, state_path
from indexer.fetch.warc_indexing import WarcIndexer
from indexer.index_summary import IndexSummary
from newsarchive.cli import app
from newsarchive.config import Settings

CONTACT = "http://127.0.0.1/contact-of-the-test-archive"
ROBOTS = "User-agent: *\nDisallow: /private/\n"
PARAGRAPH = ("The harbour authority of {city} said on Tuesday that the new sea wall would be finished before "
             "the winter storms, after two years of delays caused by a shortage of concrete and steel. "
             "Engineers working on the project told reporters that the final section was being poured this "
             "week and that the work on the northern breakwater would follow in the spring. ")


def article_html(slug: str) -> str:
    """A realistic article page about ``slug`` (enough text for an article extractor)."""
    city = slug.replace("-", " ").title()
    paragraphs = "".join(f"<p>{PARAGRAPH.format(city=city)}Paragraph {n} of the {city} report.</p>\n"
                         for n in range(1, 5))
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{city} finishes its sea wall</title>"
            f"<meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='2026-11-2{len(slug) % 9}T08:00:00Z'></head>"
            f"<body><header><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav></header>"
            f"<article><h1>{city} finishes its sea wall</h1>{paragraphs}</article>"
            f"<footer>Copyright The Test Gazette</footer></body></html>")


@dataclass
class Request:
    """One request the test server received."""

    path: str
    at: float
    headers: dict[str, str]


@dataclass
class Site:
    """What the test server serves; tests change it between rounds. Each answer has an ETag (a hash of the
    body) and a fixed Last-Modified, and a matching conditional request gets 304."""

    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (content type, body)
    failures: dict[str, list[int]] = field(default_factory=dict)  # path -> statuses to answer first
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_request: Callable[[str], None] | None = None
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location (301)
    gzipped: set[str] = field(default_factory=set)  # paths served with Content-Encoding: gzip

    def paths(self, prefix: str = "") -> list[str]:
        with self.lock:
            return [request.path for request in self.requests if request.path.startswith(prefix)]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with site.lock:
                site.requests.append(Request(self.path, time.monotonic(), dict(self.headers.items())))
                queued = site.failures.get(self.path)
                status = queued.pop(0) if queued else None
                served = site.pages.get(self.path)
            if site.on_request is not None:
                site.on_request(self.path)
            if status is not None:
                self._answer(status, "text/plain", b"try later", {"Retry-After": "0"})
                return
            if self.path in site.redirects:
                self._answer(301, "text/html", b"moved", {"Location": site.redirects[self.path]})
                return
            if served is None:
                self._answer(404, "text/html", b"<html><body>not found</body></html>", {})
                return
            content_type, text = served
            body = text.encode("utf-8")
            etag = f'"{abs(hash(body)):x}"'
            if self.headers.get("If-None-Match") == etag:
                self._answer(304, None, b"", {"ETag": etag})
                return
            headers = {"ETag": etag, "Last-Modified": formatdate(0, usegmt=True)}
            if self.path in site.gzipped:
                body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
            self._answer(200, content_type, body, headers)

        def _answer(self, status: int, content_type: str | None, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    """A test site on 127.0.0.1 (random port) with robots.txt disallowing /private/; yields (site, base URL)."""
    served = Site()
    served.pages["/robots.txt"] = ("text/plain", ROBOTS)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def rss(base: str, slugs: list[str]) -> str:
    """An RSS 2.0 feed listing the article pages ``/news/<slug>.html``."""
    items = "".join(f"<item><title>{slug}</title><link>{base}/news/{slug}.html</link>"
                    f"<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item>" for slug in slugs)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test Gazette</title><link>{base}/</link>"
            f"<description>news</description>{items}</channel></rss>")


def publish(site: Site, base: str, slugs: list[str]) -> None:
    """Serve the article pages of ``slugs`` and a feed at /feed.xml listing them all."""
    for slug in slugs:
        site.pages[f"/news/{slug}.html"] = ("text/html; charset=utf-8", article_html(slug))
    site.pages["/feed.xml"] = ("application/rss+xml", rss(base, slugs))


def fetch_settings(tmp_path: Path, **changes: Any) -> Settings:
    values: dict[str, Any] = {"data_dir": tmp_path / "data", "fetch_contact_url": CONTACT,
                              "fetch_host_interval": 0.0, "fetch_backoff_seconds": 0.01, "fetch_retries": 2,
                              "fetch_timeout": 5.0}
    values.update(changes)
    return Settings(**values)


@dataclass
class FakeIndex:
    """Stands in for the indexer: checks each WARC is complete when handed over and notes the page URLs."""

    calls: list[list[str]] = field(default_factory=list)

    def __call__(self, warc: Path) -> IndexSummary:
        assert warc.is_file() and warc.name.endswith(".warc.gz")
        uris = [uri for kind, uri, _ in warc_records(warc) if kind == "response"]
        self.calls.append(uris)
        return IndexSummary(read=len(uris), created=len(uris))


def warc_records(path: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(type, target URI, WARC and HTTP headers) of every record of a WARC file, in order."""
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            headers = dict(record.rec_headers.headers)
            if record.http_headers is not None:
                headers.update({f"http:{k.lower()}": v for k, v in record.http_headers.headers})
                headers["http:status"] = record.http_headers.get_statuscode() or ""
            record.content_stream().read()
            found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI") or "", headers))
    return found


def one_round(settings: Settings, sources: list[str], index: Any) -> RoundReport:
    with FetchState.open(state_path(settings.data_dir)) as state:
        return run_round(settings, sources, state, index)


def test_robots_txt_is_obeyed_and_the_user_agent_names_the_archive(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha"])
    served.pages["/private/secret.html"] = ("text/html", article_html("secret"))
    index = FakeIndex()
    report = one_round(fetch_settings(tmp_path), [f"{base}/news/alpha.html", f"{base}/private/secret.html"], index)
    assert served.paths() == ["/robots.txt", "/news/alpha.html"]
    assert (report.pages, report.disallowed) == (1, 1)
    assert index.calls == [[f"{base}/news/alpha.html"]]
    agents = {request.headers["User-Agent"] for request in served.requests}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("newsarchive/") and CONTACT in agent


def test_requests_to_one_host_are_spaced_by_the_rate_limit(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    slugs = ["one", "two", "three", "four"]
    publish(served, base, slugs)
    settings = fetch_settings(tmp_path, fetch_host_interval=0.4)
    one_round(settings, [f"{base}/news/{slug}.html" for slug in slugs], FakeIndex())
    times = [request.at for request in served.requests]
    assert len(times) == 5  # robots.txt and four pages
    # Arrival times at the server trail the client's request starts by a varying few milliseconds (a loaded
    # machine: tens of them), hence the margin on each gap; over the whole run the jitter does not add up.
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.3, gaps
    assert times[-1] - times[0] >= 4 * 0.4 - 0.05, gaps


def test_robots_crawl_delay_longer_than_the_rate_limit_wins(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["one", "two"])
    served.pages["/robots.txt"] = ("text/plain", "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")
    one_round(fetch_settings(tmp_path, fetch_host_interval=0.05), [f"{base}/news/one.html", f"{base}/news/two.html"],
              FakeIndex())
    times = [request.at for request in served.requests if request.path.startswith("/news/")]
    assert times[1] - times[0] >= 0.9  # robots.txt asks 1 s, the rate limit 0.05 s (margin: arrival jitter)


class RecordingStop(threading.Event):
    """A stop event whose waits return at once and are noted (the limiter sleeps by waiting on it)."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout or 0.0)
        return self.is_set()


def test_limiter_spaces_each_host_on_its_own_and_stops_on_request() -> None:
    now = [100.0]
    stop = RecordingStop()
    limiter = HostRateLimiter(clock=lambda: now[0], stop=stop)
    limiter.wait("a.example:80", 5.0)
    limiter.wait("b.example:80", 5.0)  # another host: no wait
    now[0] = 101.0
    limiter.wait("a.example:80", 5.0)
    assert stop.waits == [4.0]
    now[0] = 102.0
    stop.set()
    with pytest.raises(FetchStopped):
        limiter.wait("b.example:80", 5.0)


def test_not_modified_page_is_neither_fetched_again_nor_indexed(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha"])
    settings = fetch_settings(tmp_path)
    url = f"{base}/news/alpha.html"
    index = FakeIndex()
    first = one_round(settings, [url], index)
    second = one_round(settings, [url], index)
    assert (first.pages, second.pages, second.not_modified) == (1, 0, 1)
    assert index.calls == [[url]]  # the second round had nothing to index
    page_requests = [request for request in served.requests if request.path == "/news/alpha.html"]
    assert "If-None-Match" not in page_requests[0].headers
    assert page_requests[1].headers["If-None-Match"].startswith('"')
    assert second.pages_warc is None and second.log_warc is not None
    statuses = [headers["http:status"] for kind, _, headers in warc_records(second.log_warc) if kind == "response"]
    assert statuses == ["200", "304"]  # robots.txt, then the page's 304 (recorded in the crawl log)


def test_warc_is_complete_before_indexing_and_holds_every_response(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha", "beta"])
    served.pages["/news/gone.html"] = ("text/plain", "not html")
    settings = fetch_settings(tmp_path)
    index = FakeIndex()
    started = time.time()
    report = one_round(settings, [f"{base}/feed.xml", f"{base}/news/gone.html", f"{base}/news/missing.html"], index)
    assert report.pages_warc is not None and report.log_warc is not None
    assert report.pages_warc.parent == settings.data_dir / "warc"
    assert report.log_warc.parent == settings.data_dir / "crawl-log"
    assert not list((settings.data_dir / "warc").glob("*.open"))
    pages = warc_records(report.pages_warc)
    log = warc_records(report.log_warc)
    assert [kind for kind, _, _ in pages] == ["warcinfo", "response", "request", "response", "request"]
    responses = {uri for kind, uri, _ in pages + log if kind == "response"}
    assert responses == {f"{base}{path}" for path in served.paths()}  # every request has its response recorded
    assert index.calls == [[f"{base}/news/alpha.html", f"{base}/news/beta.html"]]
    for kind, uri, headers in pages[1:]:
        date = calendar.timegm(time.strptime(headers["WARC-Date"], "%Y-%m-%dT%H:%M:%SZ"))
        assert started - 1 <= date <= time.time() + 1, (uri, headers["WARC-Date"])
        if kind == "request":
            assert CONTACT in headers["http:user-agent"]
            assert headers["WARC-Concurrent-To"]
        else:
            assert headers["http:content-type"].startswith("text/html") and headers["http:status"] == "200"
    assert (report.pages, report.other, report.failed) == (2, 2, 0)  # text/plain and 404: not pages


def test_redirects_compression_and_cut_bodies_are_recorded_exactly(site: tuple[Site, str],
                                                                    tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha", "beta", "long-story"])
    served.redirects["/old/alpha"] = "/news/alpha.html"
    served.redirects["/old/private"] = "/private/x.html"
    served.gzipped.add("/news/beta.html")
    served.pages["/news/long-story.html"] = ("text/html", article_html("long-story") + " " * 5000)
    settings = fetch_settings(tmp_path, fetch_max_bytes=4000)
    urls = [f"{base}/old/alpha", f"{base}/old/private", f"{base}/news/beta.html", f"{base}/news/long-story.html"]
    report = one_round(settings, urls, FakeIndex())
    assert (report.pages, report.disallowed) == (3, 1)
    assert "/private/x.html" not in served.paths()  # the redirect target is checked against robots.txt too
    assert report.pages_warc is not None and report.log_warc is not None
    pages = {uri: headers for kind, uri, headers in warc_records(report.pages_warc) if kind == "response"}
    assert list(pages) == [f"{base}/news/alpha.html", f"{base}/news/beta.html", f"{base}/news/long-story.html"]
    beta = pages[f"{base}/news/beta.html"]
    assert beta["http:x-archive-orig-content-encoding"] == "gzip" and "http:content-encoding" not in beta
    with report.pages_warc.open("rb") as stream:
        bodies = {record.rec_headers.get_header("WARC-Target-URI"): record.content_stream().read()
                  for record in ArchiveIterator(stream) if record.rec_type == "response"}
    assert bodies[f"{base}/news/beta.html"] == article_html("beta").encode()
    assert beta["http:content-length"] == str(len(bodies[f"{base}/news/beta.html"]))
    long_story = pages[f"{base}/news/long-story.html"]
    assert long_story["WARC-Truncated"] == "length" and len(bodies[f"{base}/news/long-story.html"]) == 4000
    log = [(uri, headers["http:status"]) for kind, uri, headers in warc_records(report.log_warc)
           if kind == "response"]
    assert (f"{base}/old/alpha", "301") in log and (f"{base}/old/private", "301") in log


def test_server_errors_are_retried_then_backed_off(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha"])
    served.failures["/news/alpha.html"] = [503, 429]
    served.failures["/feed.xml"] = [500, 500, 500]
    settings = fetch_settings(tmp_path)
    index = FakeIndex()
    first = one_round(settings, [f"{base}/news/alpha.html", f"{base}/feed.xml"], index)
    assert served.paths("/news/") == ["/news/alpha.html"] * 3  # two retries, then 200
    assert served.paths("/feed.xml") == ["/feed.xml"] * 3  # retried twice, then given up
    assert (first.pages, first.failed) == (1, 1)
    second = one_round(settings, [f"{base}/feed.xml"], index)
    assert second.backing_off == 1 and served.paths("/feed.xml") == ["/feed.xml"] * 3
    with FetchState.open(state_path(settings.data_dir)) as state:
        resource = state.resource(f"{base}/feed.xml")
    assert resource is not None and resource.failures == 1 and resource.retry_at


def test_feed_entry_that_failed_is_fetched_in_a_later_round(site: tuple[Site, str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    served, base = site
    publish(served, base, ["alpha", "beta"])
    served.failures["/news/beta.html"] = [503, 503, 503]
    monkeypatch.setattr("indexer.fetch.state.FAILURE_BACKOFF", timedelta(0))  # no wait before the retry round
    settings = fetch_settings(tmp_path)
    index = FakeIndex()
    reports = [one_round(settings, [f"{base}/feed.xml"], index) for _ in range(3)]
    assert [(report.pages, report.failed, report.not_modified) for report in reports] == [(1, 1, 0), (1, 0, 0),
                                                                                          (0, 0, 1)]
    assert index.calls == [[f"{base}/news/alpha.html"], [f"{base}/news/beta.html"]]
    feed_requests = [request for request in served.requests if request.path == "/feed.xml"]
    # Round 2 reads the feed in full (beta was left unfinished); round 3 asks conditionally and gets 304.
    assert ["If-None-Match" in request.headers for request in feed_requests] == [False, False, True]


def test_sitemap_index_brings_in_its_pages(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha", "beta", "gamma"])
    served.pages["/sitemap.xml"] = ("application/xml", (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>"))

    def news_sitemap(beta_lastmod: str) -> str:
        urls = "".join(f"<url><loc>{base}/news/{slug}.html</loc><lastmod>{lastmod}</lastmod></url>"
                       for slug, lastmod in [("alpha", "2026-01-01"), ("beta", beta_lastmod)])
        return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"

    served.pages["/sitemap-news.xml"] = ("application/xml", news_sitemap("2026-01-01"))
    settings = fetch_settings(tmp_path)
    index = FakeIndex()
    first = one_round(settings, [f"{base}/sitemap.xml"], index)
    assert index.calls == [[f"{base}/news/alpha.html", f"{base}/news/beta.html"]]
    assert first.sources == 2 and first.pages == 2
    served.pages["/sitemap-news.xml"] = ("application/xml", news_sitemap("2999-01-01T00:00:00Z"))
    second = one_round(settings, [f"{base}/sitemap.xml"], index)
    assert second.sources == 2 and second.not_modified == 1  # beta's page (changed, says lastmod): 304
    assert served.paths("/sitemap.xml") == ["/sitemap.xml"] * 2
    assert all("If-None-Match" not in request.headers for request in served.requests
               if request.path == "/sitemap.xml")  # an index is always read in full
    assert served.paths("/news/beta.html") == ["/news/beta.html"] * 2
    assert served.paths("/news/alpha.html") == ["/news/alpha.html"]


def test_feed_gaining_entries_indexes_exactly_the_new_ones_once(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha", "beta"])
    settings = fetch_settings(tmp_path)
    index = FakeIndex()
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the test gazette\n{base}/feed.xml\n\n", encoding="utf-8")

    def between_rounds(report: RoundReport) -> None:
        if len(index.calls) == 1:
            publish(served, base, ["alpha", "beta", "gamma", "delta"])

    reports = poll(settings, lambda: read_sources(feeds), index, every=0.2, stop=threading.Event(),
                   on_report=between_rounds, max_rounds=3)
    news = f"{base}/news"
    assert index.calls == [[f"{news}/alpha.html", f"{news}/beta.html"], [f"{news}/gamma.html", f"{news}/delta.html"]]
    assert [report.pages for report in reports] == [2, 2, 0]
    assert reports[2].not_modified == 1  # the feed, unchanged: 304
    for slug in ("alpha", "beta", "gamma", "delta"):
        assert served.paths(f"/news/{slug}.html") == [f"/news/{slug}.html"]
    # A restart (new state object, new client) fetches nothing again: the feed is asked conditionally.
    restarted = poll(settings, lambda: read_sources(feeds), index, every=None, stop=threading.Event())
    assert len(index.calls) == 2 and restarted[0].not_modified == 1
    assert served.requests[-1].path == "/feed.xml" and "If-None-Match" in served.requests[-1].headers
    with FetchState.open(state_path(settings.data_dir)) as state:
        assert state.page_count(f"{base}/feed.xml") == 4


def test_failed_indexing_keeps_the_pages_for_the_next_round(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha"])
    settings = fetch_settings(tmp_path)

    def unreachable(warc: Path) -> IndexSummary:
        return IndexSummary(stopped="Elasticsearch is unreachable: test")

    one_round(settings, [f"{base}/feed.xml"], unreachable)
    index = FakeIndex()
    again = one_round(settings, [f"{base}/feed.xml"], index)
    assert again.pages == 1 and index.calls == [[f"{base}/news/alpha.html"]]
    assert "If-None-Match" not in served.requests[-2].headers  # the feed was asked afresh


def test_stop_request_ends_the_loop_between_rounds(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha"])
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    began = time.monotonic()
    reports = poll(fetch_settings(tmp_path), lambda: [f"{base}/feed.xml"], FakeIndex(), every=600.0, stop=stop)
    assert time.monotonic() - began < 5 and len(reports) == 1


def test_stop_request_during_a_round_keeps_the_warc_and_indexes_nothing(site: tuple[Site, str],
                                                                         tmp_path: Path) -> None:
    served, base = site
    publish(served, base, ["alpha", "beta", "gamma"])
    stop = threading.Event()
    served.on_request = lambda path: stop.set() if path == "/news/beta.html" else None
    settings = fetch_settings(tmp_path)
    index = FakeIndex()
    with FetchState.open(state_path(settings.data_dir)) as state:
        report = run_round(settings, [f"{base}/feed.xml"], state, index, stop=stop)
        assert state.page_count() == 0 and state.resource(f"{base}/feed.xml") is None
    assert report.stopped and index.calls == []
    assert "/news/gamma.html" not in served.paths()  # nothing requested after the stop
    assert report.pages_warc is not None  # alpha and beta, complete and kept
    assert [uri for kind, uri, _ in warc_records(report.pages_warc) if kind == "response"] == [
        f"{base}/news/alpha.html", f"{base}/news/beta.html"]


def test_parsers_of_feeds_sitemaps_durations_and_retry_after() -> None:
    entries = parse_feed(rss("http://news.example", ["a", "b", "a"]).encode(), "http://news.example/feed")
    assert entries is not None and [entry.link for entry in entries] == ["http://news.example/news/a.html",
                                                                          "http://news.example/news/b.html"]
    assert parse_feed(b"<html><body>hello</body></html>", "http://news.example/") is None
    sitemap = parse_sitemap(b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>"
                            b"http://news.example/x</loc></url></urlset>", "http://news.example/sitemap.xml")
    assert sitemap is not None and [page.loc for page in sitemap.pages] == ["http://news.example/x"]
    hostile = parse_sitemap(b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><urlset><url><loc>"
                            b"http://news.example/&e;</loc></url></urlset>", "http://news.example/")
    assert hostile is None or all("root:" not in page.loc for page in hostile.pages)
    assert parse_sitemap(b"<rss version='2.0'><channel/></rss>", "http://news.example/") is None
    assert (parse_every("15m"), parse_every("1h30m"), parse_every("90")) == (900, 5400, 90)
    with pytest.raises(ValueError):
        parse_every("soon")
    from datetime import UTC, datetime

    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7
    assert retry_after_seconds("Mon, 07 Dec 2026 10:00:30 GMT", now) == 30
    assert retry_after_seconds("99999", now) == 600


def test_cli_needs_something_to_fetch() -> None:
    result = CliRunner().invoke(app, ["fetch"])
    assert result.exit_code == 2 and "--feeds" in result.output
    result = CliRunner().invoke(app, ["fetch", "--every", "soon", "http://127.0.0.1:1/"])
    assert result.exit_code == 2 and "not a duration" in result.output


@pytest.mark.es
def test_living_archive_indexes_new_feed_entries_once(site: tuple[Site, str], isolated_settings: Settings,
                                                       es_client: Elasticsearch) -> None:
    from indexer.enrich.enricher import Enricher

    served, base = site
    publish(served, base, ["harbour-north", "harbour-south"])
    settings = isolated_settings.model_copy(update={"fetch_contact_url": CONTACT, "fetch_host_interval": 0.0})

    def count() -> int:
        return int(es_client.count(index=settings.alias)["count"])

    def between_rounds(report: RoundReport) -> None:
        if report.index is not None and report.index.created == 2 and count() == 2:
            publish(served, base, ["harbour-north", "harbour-south", "harbour-east", "harbour-west"])

    with WarcIndexer(settings, client=es_client, enricher=Enricher.from_settings(settings)) as index:
        reports = poll(settings, lambda: [f"{base}/feed.xml"], index, every=0.2, stop=threading.Event(),
                       on_report=between_rounds, max_rounds=3)
        summaries = [report.index for report in reports]
        assert summaries[0] is not None and summaries[1] is not None and summaries[2] is None
        assert (summaries[0].read, summaries[0].created, summaries[0].updated) == (2, 2, 0), summaries[0].line()
        assert (summaries[1].read, summaries[1].created, summaries[1].updated) == (2, 2, 0), summaries[1].line()
        assert count() == 4
        # A page asked for again answers 304: nothing fetched, nothing indexed.
        again = poll(settings, lambda: [f"{base}/news/harbour-east.html"], index, every=None, stop=threading.Event())
        assert again[0].not_modified == 1 and again[0].index is None and count() == 4
    hits = es_client.search(index=settings.alias, size=10)["hits"]["hits"]
    urls = sorted(hit["_source"]["url"] for hit in hits)
    assert urls == sorted(f"{base}/news/{slug}.html"
                          for slug in ["harbour-north", "harbour-south", "harbour-east", "harbour-west"])
    # Each document was read from its round's pages WARC, which holds the page's response record.
    warcs = {str(report.pages_warc): report.pages_warc for report in reports[:2]}
    for hit in hits:
        provenance = hit["_source"]["provenance"]
        warc = warcs[provenance["warc_file"]]
        assert warc is not None
        records = {headers["WARC-Record-ID"]: uri for kind, uri, headers in warc_records(warc) if kind == "response"}
        assert records[provenance["warc_record"]] == hit["_source"]["url"]
        assert provenance["fetched_at"]


@pytest.mark.es
def test_cli_fetch_once_from_a_feeds_file_then_restart(site: tuple[Site, str], isolated_settings: Settings,
                                                       tmp_path: Path, es_client: Elasticsearch) -> None:
    served, base = site
    publish(served, base, ["harbour-north", "harbour-south"])
    served.pages["/private/draft.html"] = ("text/html", article_html("draft"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{base}/feed.xml\n", encoding="utf-8")
    env = {
        "NEWSARCHIVE_ES_URL": str(isolated_settings.es_url),
        "NEWSARCHIVE_INDEX_PREFIX": isolated_settings.index_prefix,
        "NEWSARCHIVE_DATA_DIR": str(isolated_settings.data_dir),
        "NEWSARCHIVE_CACHE_DIR": str(isolated_settings.cache_dir),
        "NEWSARCHIVE_ENRICH_PROCESSES": "1",
        "NEWSARCHIVE_FETCH_HOST_INTERVAL": "0",
        "NEWSARCHIVE_FETCH_CONTACT_URL": CONTACT,
    }
    command = ["fetch", "--feeds", str(feeds), "--every", "15m", "--once", f"{base}/private/draft.html"]
    first = CliRunner().invoke(app, command, env=env)
    assert first.exit_code == 0, first.output
    assert "2 new pages, 0 not modified, 1 disallowed by robots.txt" in first.output
    assert "read 2: indexed 2 new, updated 0, rejected 0" in first.output
    assert "/private/draft.html" not in served.paths()
    second = CliRunner().invoke(app, command, env=env)
    assert second.exit_code == 0, second.output
    assert "0 new pages, 1 not modified" in second.output and "indexed" not in second.output
    assert int(es_client.count(index=isolated_settings.alias)["count"]) == 2
