"""Where a web article came from, for the article page: its URL, fetch time, WARC file and record, and how its
publication date was found. Read side only: plain values from the stored document, no NLP."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: What each ``published_source`` value means, in words for the reader.
PUBLISHED_SOURCE_LABELS = {
    "metadata": "the input's metadata",
    "dateline": "the article's dateline",
    "text": "a line of the article's text",
    "html": "the page's markup",
    "url": "the page's URL",
    "feed": "the feed entry announcing the page",
    "fetch": "the time the page was fetched",
    "none": "no date found",
}


@dataclass(frozen=True)
class ProvenanceView:
    """The provenance block: every field may be None except ``published_source`` (the stored value)."""

    url: str | None
    fetched_at: str | None
    warc_file: str | None
    warc_record: str | None
    published_source: str | None
    published_source_label: str | None


def provenance_view(document: dict[str, Any]) -> ProvenanceView | None:
    """The provenance of a stored article, or None when it was not read from the web (no fetch time, WARC file
    or record, and a date from another source than a web page)."""
    provenance = document.get("provenance")
    fields = provenance if isinstance(provenance, dict) else {}
    source = document.get("published_source")
    source_text = str(source) if isinstance(source, str) and source else None
    web_source = source_text in ("html", "url", "feed", "fetch")
    if not fields and not web_source:
        return None

    def text(name: str) -> str | None:
        value = fields.get(name)
        return str(value) if isinstance(value, str | int) and str(value) else None

    url = document.get("url")
    return ProvenanceView(
        url=str(url) if isinstance(url, str) and url else None,
        fetched_at=text("fetched_at"),
        warc_file=text("warc_file"),
        warc_record=text("warc_record"),
        published_source=source_text,
        published_source_label=PUBLISHED_SOURCE_LABELS.get(source_text or "", source_text),
    )
