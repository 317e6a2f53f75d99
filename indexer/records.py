"""The record a reader produces: one article as found in an input file, before any cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawArticle:
    """One article read from a file. ``line`` is the 1-based line (or CSV row start line) it began on."""

    file: str
    line: int
    title: str
    body: str
    published: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: Where a web reader found ``published``: ``html`` (the page's markup), ``url``, ``feed`` or ``fetch``
    #: (the fetch time); None for the other readers (the date is then the input's ``metadata``).
    published_source: str | None = None
    #: When the page was fetched (ISO 8601 UTC), and the WARC file and record it was read from (web inputs).
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_record: str | None = None


@dataclass(frozen=True)
class RecordError:
    """A record that could not be read: where it was and why. Written to the rejects file, never dropped."""

    file: str
    line: int
    reason: str
    raw: str | None = None

    def message(self) -> str:
        """Human-readable one-line error naming file, line and reason."""
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class RecordWarning:
    """Something odd about a record that is still indexed (a field left empty, an encoding guessed, text
    enriched only in part): where it was and what happened. Counted in the summary and written to the
    warnings file, never fatal."""

    file: str
    line: int
    reason: str

    def message(self) -> str:
        """Human-readable one-line warning naming file, line and reason."""
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class RecordSkipped:
    """A record that is not an article (a section front, tag page or error page of a web input): counted as
    skipped with its reason, written to the skipped file, never indexed and never silently dropped."""

    file: str
    line: int
    reason: str

    def message(self) -> str:
        """Human-readable one-line note naming file, line and reason."""
        return f"{self.file}:{self.line}: skipped: {self.reason}"
