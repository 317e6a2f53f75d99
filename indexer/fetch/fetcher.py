"""One URL fetched politely: robots.txt first, the host's pace (rate limit or a longer Crawl-delay), redirects
followed hop by hop (each hop allowed by robots.txt and recorded in the crawl log), at most
:data:`MAX_REDIRECTS`. The final answer is returned unrecorded: the caller knows whether it is a page to index
or a feed, and writes it to the right WARC file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from urllib.parse import urljoin, urlsplit

from indexer.fetch.http_client import Exchange, FetchFailed, PoliteClient
from indexer.fetch.robots import RobotsCache
from indexer.fetch.warc_writer import WarcFile

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class Outcome(Enum):
    """How fetching one URL ended."""

    ANSWERED = "answered"  #: a final answer (any status but 304 and redirects): see ``Fetched.exchange``
    NOT_MODIFIED = "not modified"  #: 304 to a conditional request
    DISALLOWED = "disallowed by robots.txt"
    FAILED = "failed"  #: no answer (connection, timeout), too many redirects, or an unusable URL


@dataclass(frozen=True)
class Fetched:
    """The end of fetching ``url``: the outcome, the final answer (None when there was none) and why."""

    url: str
    outcome: Outcome
    exchange: Exchange | None = None
    reason: str = ""

    @property
    def final_url(self) -> str:
        """The URL that gave the final answer (after redirects)."""
        return self.exchange.url if self.exchange is not None else self.url


def is_html(exchange: Exchange) -> bool:
    """True when the answer is an HTML page (by Content-Type, or by its first bytes when none is given)."""
    if exchange.content_type:
        return exchange.content_type in HTML_TYPES
    start = exchange.body[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def is_retryable_failure(exchange: Exchange) -> bool:
    """True for answers that say "try later" (429, 5xx) rather than a final verdict on the URL."""
    return exchange.status == 429 or exchange.status >= 500


class Fetcher:
    """Fetches URLs through one :class:`PoliteClient`, recording robots.txt and redirects in ``log``."""

    def __init__(self, client: PoliteClient, log: WarcFile, *, max_crawl_delay: float) -> None:
        self.client = client
        self.log = log
        self.max_crawl_delay = max_crawl_delay
        self.robots = RobotsCache(client.user_agent, self._fetch_robots)

    def _interval(self, url: str) -> float:
        delay = min(self.robots.crawl_delay(url), self.max_crawl_delay)
        return max(self.client.settings.fetch_host_interval, delay)

    def _fetch_robots(self, url: str) -> Exchange | None:
        try:
            for _ in range(MAX_REDIRECTS + 1):
                exchange = self.client.get(url)
                self.log.write_exchange(exchange)
                location = exchange.header("location")
                if exchange.status not in REDIRECT_STATUSES or not location:
                    return exchange
                url = urljoin(url, location)
        except FetchFailed:
            return None
        return None

    def allowed(self, url: str) -> bool:
        """True when robots.txt lets the archive fetch ``url`` (fetching robots.txt the first time)."""
        return self.robots.allows(url)

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Fetch ``url`` (conditionally when validators are given), following redirects. Raises only
        :class:`~indexer.fetch.http_client.FetchStopped` (a stop request)."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return Fetched(url, Outcome.FAILED, reason=f"not an http(s) URL: {current}")
            if not self.allowed(current):
                return Fetched(url, Outcome.DISALLOWED, reason=f"robots.txt disallows {current}")
            first = current == url
            try:
                exchange = self.client.get(current, etag=etag if first else None,
                                           last_modified=last_modified if first else None,
                                           interval=self._interval(current))
            except FetchFailed as error:
                return Fetched(url, Outcome.FAILED, reason=error.reason)
            location = exchange.header("location")
            if exchange.status in REDIRECT_STATUSES and location:
                self.log.write_exchange(exchange)
                current = urljoin(current, location)
                continue
            if exchange.status == 304:
                return Fetched(url, Outcome.NOT_MODIFIED, exchange, "not modified")
            return Fetched(url, Outcome.ANSWERED, exchange, f"HTTP {exchange.status}")
        return Fetched(url, Outcome.FAILED, reason=f"more than {MAX_REDIRECTS} redirects")
