"""What one ``newsarchive index`` run did, and the summary line it prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class IndexSummary:
    """Counts of one run. ``read == created + updated + rejected + skipped + not_indexed``; ``skipped`` counts
    records that are not articles (web pages such as section fronts); ``not_indexed`` is above zero only when
    the run stopped early (``stopped`` says why). Warnings are not records: each belongs to a record that was
    indexed."""

    read: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    skipped: int = 0
    warnings: int = 0
    rejects_path: Path | None = None
    skipped_path: Path | None = None
    warnings_path: Path | None = None
    stopped: str | None = None

    @property
    def not_indexed(self) -> int:
        """Records read but neither indexed nor rejected: in flight when the run stopped."""
        return self.read - self.created - self.updated - self.rejected - self.skipped

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        verb = "stopped after reading" if self.stopped else "read"
        text = (f"{verb} {self.read}: indexed {self.created} new, updated {self.updated}, "
                f"rejected {self.rejected}")
        if self.skipped:
            text += f", skipped {self.skipped} (not articles)"
        if self.stopped or self.not_indexed:
            text += f", not indexed {self.not_indexed}"
        text += f"; {self.warnings} warning{'' if self.warnings == 1 else 's'}"
        files = []
        if self.rejected and self.rejects_path is not None:
            files.append(f"rejects written to {self.rejects_path}")
        if self.skipped and self.skipped_path is not None:
            files.append(f"skipped written to {self.skipped_path}")
        if self.warnings and self.warnings_path is not None:
            files.append(f"warnings written to {self.warnings_path}")
        if files:
            text += f" ({'; '.join(files)})"
        return text

    def resume_hint(self) -> str | None:
        """Why the run stopped and how to resume, or None when it completed."""
        if self.stopped is None:
            return None
        return (f"stopped: {self.stopped}. What Elasticsearch acknowledged is kept. Run the same command again "
                "to resume: indexed articles are updated in place and their enrichment comes from the cache.")
