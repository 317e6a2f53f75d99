"""robots.txt: which URLs the archive may fetch from a site, and how slowly (``Crawl-delay``).

One robots.txt per origin (scheme, host, port), fetched once per run and kept for the run. What its answer
means follows RFC 9309: a 2xx body is parsed (urllib.robotparser, rules for the archive's user agent or
``*``); a 4xx (no robots.txt) allows everything; a 5xx or no answer at all disallows everything for this run
(the site may be in trouble; the next run asks again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from indexer.fetch.http_client import Exchange


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin: a parsed robots.txt, or everything allowed / disallowed, and why."""

    parser: RobotFileParser | None
    allow_all: bool
    note: str

    def allows(self, user_agent: str, url: str) -> bool:
        """True when ``user_agent`` may fetch ``url`` under these rules."""
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float:
        """The Crawl-delay these rules ask of ``user_agent`` (seconds), 0 when none."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else 0.0


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def rules_from_exchange(exchange: Exchange | None) -> RobotsRules:
    """The rules a robots.txt answer gives (None: it could not be fetched at all)."""
    if exchange is None:
        return RobotsRules(None, False, "robots.txt unreachable: nothing fetched from this site this run")
    if 200 <= exchange.status < 300:
        parser = RobotFileParser()
        parser.parse(exchange.body.decode("utf-8", errors="replace").splitlines())
        return RobotsRules(parser, True, "robots.txt")
    if 400 <= exchange.status < 500:
        return RobotsRules(None, True, f"no robots.txt (HTTP {exchange.status}): everything allowed")
    return RobotsRules(None, False, f"robots.txt answered HTTP {exchange.status}: nothing fetched from this site "
                                    "this run")


class RobotsCache:
    """robots.txt rules per origin, each fetched once (through ``fetch``, which returns the final answer after
    redirects, or None when none came) and kept for the life of the cache."""

    def __init__(self, user_agent: str, fetch: Callable[[str], Exchange | None]) -> None:
        self.user_agent = user_agent
        self._fetch = fetch
        self._rules: dict[str, RobotsRules] = {}

    def rules_for(self, url: str) -> RobotsRules:
        """The rules governing ``url`` (fetching its robots.txt the first time its origin is seen)."""
        where = robots_url(url)
        rules = self._rules.get(where)
        if rules is None:
            rules = rules_from_exchange(self._fetch(where))
            self._rules[where] = rules
        return rules

    def allows(self, url: str) -> bool:
        """True when the archive may fetch ``url``."""
        return self.rules_for(url).allows(self.user_agent, url)

    def crawl_delay(self, url: str) -> float:
        """The Crawl-delay the site of ``url`` asks of the archive (seconds, 0 when none)."""
        return self.rules_for(url).crawl_delay(self.user_agent)
