"""Export every hit of a search as CSV or JSON Lines, streamed batch by batch through a point in time and
``search_after`` (no 10,000-hit window). The point in time is closed when the walk ends or is abandoned."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from typing import Any, Literal

from elasticsearch import ApiError, Elasticsearch, TransportError

from web.errors import elasticsearch_errors
from web.query_builder import export_body
from web.search_params import SearchParams

ExportFormat = Literal["csv", "jsonl"]
EXPORT_BATCH = 1000
PIT_KEEP_ALIVE = "2m"
logger = logging.getLogger(__name__)

CSV_COLUMNS = (
    "id",
    "published",
    "source",
    "title",
    "url",
    "persons",
    "countries",
    "organizations",
    "stances",
    "speaker_stance",
    "dates",
)
#: A cell starting with one of these is prefixed with ``'`` so spreadsheets do not run it as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_row(source: dict[str, Any]) -> dict[str, Any]:
    """The exported fields of one stored document (entity lists reduced to their names)."""
    return {
        "id": source.get("id"),
        "published": source.get("published"),
        "source": source.get("source"),
        "title": source.get("title"),
        "url": source.get("url"),
        "persons": [p["name"] for p in source.get("persons") or [] if isinstance(p, dict)],
        "countries": [c["name"] for c in source.get("countries") or [] if isinstance(c, dict)],
        "organizations": [o["name"] for o in source.get("organizations") or [] if isinstance(o, dict)],
        "stances": list(source.get("stances") or []),
        "speaker_stance": list(source.get("speaker_stance") or []),
        "dates": list(source.get("dates") or []),
    }


def csv_cell(value: Any) -> str:
    """A CSV cell: lists joined with ``"; "``, None empty, formula-like text defused with a leading ``'``."""
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return text


class ExportWalk:
    """Iterates every hit of a search in its sort order. Create it (opens the point in time, so an
    unreachable cluster fails before the response starts), then iterate :meth:`rows` once. ``timeout`` is
    each batch's own (see :func:`web.query_builder.search_timeout`)."""

    def __init__(
        self,
        es: Elasticsearch,
        alias: str,
        params: SearchParams,
        batch_size: int = EXPORT_BATCH,
        timeout: str | None = None,
    ) -> None:
        self.es = es
        self.alias = alias
        self.params = params
        self.batch_size = batch_size
        self.timeout = timeout
        with elasticsearch_errors(alias):
            self.pit_id: str = es.open_point_in_time(index=alias, keep_alive=PIT_KEEP_ALIVE)["id"]

    def rows(self) -> Iterator[dict[str, Any]]:
        """Yield :func:`export_row` of every hit; closes the point in time at the end (or on close())."""
        search_after: list[Any] | None = None
        try:
            while True:
                body = export_body(self.params, self.batch_size, self.timeout)
                body["pit"] = {"id": self.pit_id, "keep_alive": PIT_KEEP_ALIVE}
                if search_after is not None:
                    body["search_after"] = search_after
                with elasticsearch_errors(self.alias):
                    resp = self.es.search(**body)
                self.pit_id = str(resp.get("pit_id", self.pit_id))
                hits = resp["hits"]["hits"]
                for hit in hits:
                    yield export_row(hit["_source"])
                if len(hits) < self.batch_size:
                    return
                search_after = list(hits[-1]["sort"])
        finally:
            self._close()

    def _close(self) -> None:
        try:
            self.es.options(ignore_status=404).close_point_in_time(id=self.pit_id)
        except (ApiError, TransportError) as exc:  # it expires by itself; the walk's own error matters more
            logger.warning("Could not close the export's point in time: %s", exc)


def csv_chunks(rows: Iterator[dict[str, Any]], chunk_rows: int = 200) -> Iterator[str]:
    """CSV text (header first) in chunks of ``chunk_rows`` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    pending = 0
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
        pending += 1
        if pending >= chunk_rows:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def jsonl_chunks(rows: Iterator[dict[str, Any]], chunk_rows: int = 200) -> Iterator[str]:
    """JSON Lines text (one object per hit) in chunks of ``chunk_rows`` rows."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(row, ensure_ascii=False))
        if len(lines) >= chunk_rows:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"
