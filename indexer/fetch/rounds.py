"""One fetch round: every source fetched once, the new pages written to a WARC file, then indexed from it.

A source is a URL given on the command line or listed in the feeds file. It is fetched conditionally
(ETag / Last-Modified from the state) and, by what it turns out to be:

- a sitemap (``<urlset>``, ``<sitemapindex>``: child sitemaps followed, :data:`MAX_SITEMAP_DEPTH` deep; an
  index is always fetched in full, as its children may change while it does not) or a feed (RSS, Atom):
  recorded in the crawl log; each page it lists that the state does not know yet (a sitemap page whose
  ``<lastmod>`` is newer than its fetch, too) is fetched, at most ``settings.fetch_max_links`` per source
  and round;
- anything else: a page.

Pages answered 2xx with HTML go to the run's pages WARC; every other answer (robots.txt, feeds, sitemaps,
redirects, 304s, errors, non-HTML files) to its crawl-log WARC. When the round is over the pages WARC is
closed and handed to ``index`` (the archive's indexer reads WARC files); only when that indexing completed
are the round's answers and pages written to the state, in one transaction. A URL that failed (no answer,
429 or 5xx after the retries) is backed off: not asked again before the state's retry time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from indexer.fetch.feeds import parse_feed
from indexer.fetch.fetcher import Fetched, Fetcher, Outcome, is_html, is_retryable_failure
from indexer.fetch.http_client import Exchange, FetchStopped, PoliteClient
from indexer.fetch.sitemap import SitemapUrl, parse_sitemap
from indexer.fetch.state import Answer, FetchState, PageDone, StateChanges, now_utc
from indexer.fetch.warc_writer import RunWarcs
from indexer.index_summary import IndexSummary
from newsarchive.config import Settings

MAX_SITEMAP_DEPTH = 3

#: Indexes one WARC file and says what it did (``indexer.indexing.index_paths`` with the run's client).
IndexRun = Callable[[Path], IndexSummary]


@dataclass
class RoundReport:
    """What one round did. ``pages`` counts pages fetched and written to the pages WARC."""

    sources: int = 0
    pages: int = 0
    not_modified: int = 0
    disallowed: int = 0
    failed: int = 0
    backing_off: int = 0
    other: int = 0
    stopped: bool = False
    notes: list[str] = field(default_factory=list)
    pages_warc: Path | None = None
    log_warc: Path | None = None
    index: IndexSummary | None = None

    def line(self) -> str:
        """The one-line summary of the round's fetching (indexing has its own line)."""
        text = (f"fetched {self.sources} source{'' if self.sources == 1 else 's'}: {self.pages} new "
                f"page{'' if self.pages == 1 else 's'}, {self.not_modified} not modified, {self.disallowed} "
                f"disallowed by robots.txt, {self.failed} failed, {self.backing_off} backing off, {self.other} "
                "not pages")
        if self.stopped:
            text += " (stopped)"
        if self.pages_warc is not None:
            text += f"; pages in {self.pages_warc}"
        return text


class Round:
    """The work of one round (see the module docstring); :func:`run_round` drives it."""

    def __init__(self, settings: Settings, state: FetchState, fetcher: Fetcher, warcs: RunWarcs,
                 report: RoundReport, on_note: Callable[[str], None] | None) -> None:
        self.settings = settings
        self.state = state
        self.fetcher = fetcher
        self.warcs = warcs
        self.report = report
        self.changes = StateChanges()
        self._on_note = on_note

    def note(self, message: str) -> None:
        self.report.notes.append(message)
        if self._on_note is not None:
            self._on_note(message)

    def _fetch(self, url: str) -> Fetched | None:
        """Fetch ``url`` unless it is backing off; None when it was not asked, or failed (noted). The request
        is conditional when the URL answered before, except for a sitemap index (its children may change
        while it does not)."""
        known = self.state.resource(url)
        conditional = known is not None and known.kind != "sitemapindex"
        if known is not None and (until := known.waiting_until(now_utc())) is not None:
            self.report.backing_off += 1
            self.note(f"{url}: backing off after {known.failures} failure(s), next try after {until:%H:%M:%S} UTC")
            return None
        fetched = self.fetcher.fetch(url, etag=known.etag if known and conditional else None,
                                     last_modified=known.last_modified if known and conditional else None)
        if fetched.outcome is Outcome.DISALLOWED:
            self.report.disallowed += 1
            self.note(f"{url}: {fetched.reason}")
            return None
        exchange = fetched.exchange
        if fetched.outcome is Outcome.FAILED or (exchange is not None and is_retryable_failure(exchange)):
            if exchange is not None:
                self.warcs.log.write_exchange(exchange)
            self.report.failed += 1
            self.changes.failures[url] = now_utc()
            self.note(f"{url}: failed: {fetched.reason}")
            return None
        assert exchange is not None
        self.changes.answers[url] = _answer(exchange, known.etag if known else None,
                                            known.last_modified if known else None)
        return fetched

    def source(self, url: str, depth: int = 0) -> None:
        """Fetch one source and, when it is a feed or sitemap, the new pages it lists."""
        self.report.sources += 1
        fetched = self._fetch(url)
        if fetched is None:
            return
        exchange = fetched.exchange
        assert exchange is not None
        if fetched.outcome is Outcome.NOT_MODIFIED:
            self.warcs.log.write_exchange(exchange)
            self.report.not_modified += 1
            return
        if not 200 <= exchange.status < 300 or is_html(exchange):
            self._page_answer(url, url, fetched)
            return
        sitemap = parse_sitemap(exchange.body, fetched.final_url)
        entries = parse_feed(exchange.body, fetched.final_url) if sitemap is None else None
        if sitemap is None and entries is None:
            self._page_answer(url, url, fetched)
            return
        self.warcs.log.write_exchange(exchange)
        kind = "feed" if sitemap is None else "sitemapindex" if sitemap.sitemaps else "sitemap"
        self.changes.answers[url] = replace(self.changes.answers[url], kind=kind)
        if sitemap is not None:
            if depth < MAX_SITEMAP_DEPTH:
                for child in sitemap.sitemaps:
                    self.source(child.loc, depth + 1)
            elif sitemap.sitemaps:
                self.note(f"{url}: sitemap index nested deeper than {MAX_SITEMAP_DEPTH}: children not followed")
            self._links(url, sitemap.pages)
        else:
            assert entries is not None
            self._links(url, [SitemapUrl(entry.link) for entry in entries])

    def _links(self, source: str, links: list[SitemapUrl]) -> None:
        """Fetch the pages a feed or sitemap lists that are new (or changed since, by ``lastmod``). When some
        of them are left for later (failed, backing off, over ``fetch_max_links``), the source's validators are
        not kept, so the next round reads it in full and finds them again."""
        fresh = [link for link in links if link.loc not in self.changes.pages and self._is_new(link)]
        unfinished = len(fresh) > self.settings.fetch_max_links
        if unfinished:
            self.note(f"{source}: {len(fresh)} new pages, fetching {self.settings.fetch_max_links} this round")
            fresh = fresh[: self.settings.fetch_max_links]
        for link in fresh:
            waiting = self.report.failed + self.report.backing_off
            fetched = self._fetch(link.loc)
            if fetched is not None:
                self._page_answer(link.loc, source, fetched)
            elif self.report.failed + self.report.backing_off > waiting:
                unfinished = True
        answer = self.changes.answers.get(source)
        if unfinished and answer is not None:
            self.changes.answers[source] = replace(answer, etag=None, last_modified=None)

    def _is_new(self, link: SitemapUrl) -> bool:
        done = self.state.page(link.loc)
        if done is None:
            return True
        return link.lastmod is not None and _later(link.lastmod, done.fetched_at)

    def _page_answer(self, url: str, source: str, fetched: Fetched) -> None:
        """Record a page's answer: a 2xx HTML page in the pages WARC, anything else in the crawl log."""
        exchange = fetched.exchange
        assert exchange is not None
        fetched_at = exchange.fetched_at.isoformat()
        if fetched.outcome is Outcome.NOT_MODIFIED:
            self.warcs.log.write_exchange(exchange)
            self.report.not_modified += 1
            self.changes.pages[url] = PageDone(source, fetched_at, 304, None)
            return
        if 200 <= exchange.status < 300 and is_html(exchange):
            self.warcs.pages.write_exchange(exchange)
            self.report.pages += 1
            self.changes.pages[url] = PageDone(source, fetched_at, exchange.status, self.warcs.pages.path.name)
            return
        self.warcs.log.write_exchange(exchange)
        self.report.other += 1
        self.changes.pages[url] = PageDone(source, fetched_at, exchange.status, None)
        self.note(f"{url}: HTTP {exchange.status} {exchange.content_type or '(no type)'}: not a page to index")


def _answer(exchange: Exchange, etag: str | None, last_modified: str | None) -> Answer:
    """What the state keeps of an answer; a 304 without validators keeps the ones it confirmed."""
    new_etag, new_modified = exchange.header("etag"), exchange.header("last-modified")
    if exchange.status == 304:
        new_etag, new_modified = new_etag or etag, new_modified or last_modified
    return Answer(new_etag, new_modified, exchange.fetched_at.isoformat(), exchange.status)


def _later(lastmod: str, fetched_at: str) -> bool:
    """True when a sitemap's ``lastmod`` (W3C datetime) is after ``fetched_at``; an unreadable one is not."""
    try:
        changed = datetime.fromisoformat(lastmod.replace("Z", "+00:00"))
        fetched = datetime.fromisoformat(fetched_at)
    except ValueError:
        return False
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=fetched.tzinfo)
    return changed > fetched


def run_round(settings: Settings, sources: list[str], state: FetchState, index: IndexRun, *,
              stop: threading.Event | None = None, on_note: Callable[[str], None] | None = None,
              client: PoliteClient | None = None) -> RoundReport:
    """Fetch every source once, write what was fetched to the round's WARC files, index the pages WARC with
    ``index``, then record the round in ``state`` (see the module docstring). A stop request ends the
    round early: the WARC files are completed and kept, nothing is indexed and the state keeps only failures,
    so the next round fetches those pages again."""
    stop = stop or threading.Event()
    own_client = client is None
    http = client or PoliteClient(settings, stop=stop)
    report = RoundReport()
    warcs = RunWarcs(settings.data_dir, http.user_agent)
    work = Round(settings, state, Fetcher(http, warcs.log, max_crawl_delay=settings.fetch_max_crawl_delay),
                 warcs, report, on_note)
    try:
        for url in sources:
            if stop.is_set():
                raise FetchStopped
            try:
                work.source(url)
            except FetchStopped:
                raise
            except Exception as error:  # one broken source must not end the living archive
                report.failed += 1
                work.changes.failures[url] = now_utc()
                work.note(f"{url}: failed: {type(error).__name__}: {error}")
    except FetchStopped:
        report.stopped = True
    finally:
        report.pages_warc, report.log_warc = warcs.close()
        if own_client:
            http.close()
    if report.stopped:
        state.apply(work.changes, answers=False)
        return report
    if report.pages_warc is not None:
        report.index = index(report.pages_warc)
    state.apply(work.changes, answers=report.index is None or report.index.stopped is None)
    return report
