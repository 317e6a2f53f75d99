"""The archive's HTTP client for ``newsarchive fetch``: polite, bounded, and exact about what it received.

- every request carries the archive's user agent (naming the archive and a contact URL, from the settings);
- requests to one host start at least ``interval`` seconds apart (:class:`HostRateLimiter`);
- a request answered 429 or 5xx, or failing to connect or read, is retried up to ``settings.fetch_retries``
  times with a doubling wait (a longer ``Retry-After`` wins, up to :data:`MAX_RETRY_AFTER`);
- a conditional request sends ``If-None-Match`` / ``If-Modified-Since`` from what the state remembered;
- a body longer than ``settings.fetch_max_bytes`` is cut and marked truncated.

The response is returned as an :class:`Exchange`: the request headers as sent, the status, the response
headers and the decoded body. Content-Encoding (gzip, ...) and chunking are undone, so the exchange holds the
payload itself; the original ``Content-Encoding`` and ``Transfer-Encoding`` headers are kept under
``X-Archive-Orig-*`` names and ``Content-Length`` states the payload's length (how web archives record it).
"""

from __future__ import annotations

import email.utils
import importlib.metadata
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from newsarchive.config import Settings

#: The longest Retry-After the client waits for (seconds); a longer one is cut to this.
MAX_RETRY_AFTER = 600.0
#: Statuses worth retrying: too many requests, and server errors.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Response headers describing the transfer, not the payload: replaced when the payload is recorded.
TRANSFER_HEADERS = ("content-encoding", "transfer-encoding", "content-length")


class FetchStopped(Exception):
    """A stop was requested (Ctrl-C, SIGTERM) while waiting; nothing more is fetched."""


class FetchFailed(Exception):
    """The URL could not be fetched at all (connection refused, timeout, invalid URL) after the retries."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Exchange:
    """One HTTP request as sent and its response as received (payload decoded, see the module docstring)."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    body: bytes
    #: When the request was sent (UTC).
    fetched_at: datetime
    truncated: bool = False

    def header(self, name: str) -> str | None:
        """The first response header called ``name`` (any case), or None."""
        wanted = name.lower()
        return next((value for key, value in self.response_headers if key.lower() == wanted), None)

    @property
    def content_type(self) -> str:
        """The media type of the response, lower case, without parameters ('' when missing)."""
        return (self.header("content-type") or "").split(";", 1)[0].strip().lower()


def user_agent(settings: Settings) -> str:
    """The User-Agent header: ``settings.fetch_user_agent``, else one naming the archive and its contact."""
    if settings.fetch_user_agent:
        return settings.fetch_user_agent
    try:
        version = importlib.metadata.version("newsarchive")
    except importlib.metadata.PackageNotFoundError:
        version = "dev"
    return f"newsarchive/{version} (news archive; +{settings.fetch_contact_url})"


def host_key(url: str) -> str:
    """The host a URL's requests are rate-limited under: ``host[:port]``, lower case."""
    return urlsplit(url).netloc.lower()


class HostRateLimiter:
    """Spaces the starts of requests to the same host at least ``interval`` seconds apart."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, stop: threading.Event | None = None) -> None:
        self._clock = clock
        self._stop = stop or threading.Event()
        self._last_start: dict[str, float] = {}

    def wait(self, host: str, interval: float) -> None:
        """Block until a request to ``host`` may start, then note that it starts now. Raises
        :class:`FetchStopped` when a stop is requested while waiting."""
        last = self._last_start.get(host)
        if last is not None:
            remaining = last + interval - self._clock()
            if remaining > 0 and self._stop.wait(remaining):
                raise FetchStopped
        if self._stop.is_set():
            raise FetchStopped
        self._last_start[host] = self._clock()


def retry_after_seconds(value: str | None, now: datetime) -> float:
    """Seconds a ``Retry-After`` header asks to wait (delay-seconds or an HTTP date), 0 when absent or
    unreadable, at most :data:`MAX_RETRY_AFTER`."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - now).total_seconds(), MAX_RETRY_AFTER))


class PoliteClient:
    """GET requests with the archive's user agent, per-host spacing, retries and conditional headers."""

    def __init__(self, settings: Settings, *, stop: threading.Event | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.user_agent = user_agent(settings)
        self._stop = stop or threading.Event()
        self._limiter = HostRateLimiter(stop=self._stop)
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            transport=transport,
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            interval: float | None = None) -> Exchange:
        """GET ``url`` once it is polite to (``interval`` seconds after the host's previous request, default
        ``settings.fetch_host_interval``), retrying 429, 5xx and connection failures with backoff. Redirects
        are not followed (the caller records each hop). Returns the last response, whatever its status;
        raises :class:`FetchFailed` when no response came, :class:`FetchStopped` on a stop request."""
        spacing = self.settings.fetch_host_interval if interval is None else interval
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            self._limiter.wait(host_key(url), spacing)
            try:
                exchange = self._send(url, headers)
            except httpx.InvalidURL as error:
                raise FetchFailed(url, f"invalid URL: {error}") from None
            except (httpx.TransportError, httpx.UnsupportedProtocol) as error:
                if attempt >= self.settings.fetch_retries or isinstance(error, httpx.UnsupportedProtocol):
                    raise FetchFailed(url, f"{type(error).__name__}: {error}") from None
                wait = self._backoff(attempt)
            else:
                if exchange.status not in RETRY_STATUSES or attempt >= self.settings.fetch_retries:
                    return exchange
                asked = retry_after_seconds(exchange.header("retry-after"), datetime.now(UTC))
                wait = max(self._backoff(attempt), asked)
            attempt += 1
            if self._stop.wait(wait):
                raise FetchStopped

    def _backoff(self, attempt: int) -> float:
        return float(min(self.settings.fetch_backoff_seconds * 2**attempt, MAX_RETRY_AFTER))

    def _send(self, url: str, headers: dict[str, str]) -> Exchange:
        fetched_at = datetime.now(UTC)
        limit = self.settings.fetch_max_bytes
        with self._client.stream("GET", url, headers=headers) as response:
            chunks: list[bytes] = []
            size = 0
            truncated = False
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    truncated = True
                    break
            body = b"".join(chunks)[:limit]
            request_headers = [(key.decode("latin-1"), value.decode("latin-1"))
                               for key, value in response.request.headers.raw]
            return Exchange(
                url=url,
                request_headers=request_headers,
                status=response.status_code,
                reason=response.reason_phrase,
                http_version=response.http_version,
                response_headers=_payload_headers(response.headers.raw, len(body)),
                body=body,
                fetched_at=fetched_at,
                truncated=truncated,
            )


def _payload_headers(raw: list[tuple[bytes, bytes]], length: int) -> list[tuple[str, str]]:
    """The response headers as they describe the decoded payload (see the module docstring)."""
    headers: list[tuple[str, str]] = []
    for key_bytes, value_bytes in raw:
        key, value = key_bytes.decode("latin-1"), value_bytes.decode("latin-1")
        if key.lower() in TRANSFER_HEADERS:
            if key.lower() != "content-length":
                headers.append((f"X-Archive-Orig-{key}", value))
            continue
        headers.append((key, value))
    headers.append(("Content-Length", str(length)))
    return headers
