"""The living archive: fetch rounds every ``--every`` (or once, for cron), until a stop is requested.

Each round re-reads the feeds file (an edit takes effect at the next round), runs
:func:`indexer.fetch.rounds.run_round` with one state file (so a restart does not fetch again what was
fetched) and reports. Between rounds the loop waits on the stop event, so Ctrl-C or SIGTERM ends it at once;
during a round a stop ends the round after the request in flight.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from indexer.fetch.http_client import PoliteClient
from indexer.fetch.rounds import IndexRun, RoundReport, run_round
from indexer.fetch.state import FetchState, state_path
from newsarchive.config import Settings

_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds in a duration such as ``15m``, ``90s``, ``1h30m``, ``1d`` or a bare number of seconds.
    Raises ValueError for anything else, or for a duration of zero."""
    cleaned = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        seconds = float(cleaned)
    elif cleaned and re.fullmatch(rf"(?:{_DURATION.pattern})+", cleaned):
        seconds = sum(float(amount) * _UNIT_SECONDS[unit] for amount, unit in _DURATION.findall(cleaned))
    else:
        raise ValueError(f"not a duration: {text!r} (examples: 15m, 90s, 1h30m)")
    if seconds <= 0:
        raise ValueError(f"the interval must be above zero, not {text!r}")
    return seconds


def read_sources(path: Path) -> list[str]:
    """The URLs listed in a feeds file: one per line; blank lines and lines starting with ``#`` are passed
    over; each URL once, in file order."""
    urls: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        url = line.strip()
        if url and not url.startswith("#") and url not in urls:
            urls.append(url)
    return urls


def poll(settings: Settings, sources: Callable[[], list[str]], index: IndexRun, *, every: float | None,
         stop: threading.Event, on_report: Callable[[RoundReport], None] | None = None,
         on_note: Callable[[str], None] | None = None, max_rounds: int | None = None) -> list[RoundReport]:
    """Run fetch rounds over ``sources()`` (called before each round): one round when ``every`` is None,
    else one every ``every`` seconds (measured from round start to round start; a round that overruns is
    followed at once by the next), until ``stop`` is set or ``max_rounds`` rounds ran. Returns the reports."""
    reports: list[RoundReport] = []
    with FetchState.open(state_path(settings.data_dir)) as state, PoliteClient(settings, stop=stop) as client:
        while not stop.is_set():
            began = time.monotonic()
            report = run_round(settings, sources(), state, index, stop=stop, on_note=on_note, client=client)
            reports.append(report)
            if on_report is not None:
                on_report(report)
            if every is None or report.stopped or (max_rounds is not None and len(reports) >= max_rounds):
                break
            if stop.wait(max(0.0, every - (time.monotonic() - began))):
                break
    return reports
