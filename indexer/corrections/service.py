"""Record a correction (or roll one back, or import a file) and bring it to the index: what the command line
and the web app's curation API both call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from elasticsearch import Elasticsearch

from indexer.corrections.model import Correction, CorrectionRequest
from indexer.corrections.reapply import ReapplyResult, reapply
from indexer.corrections.table import CorrectionsTable, ImportResult
from indexer.store import EnrichmentStore, store_path
from newsarchive.config import Settings


@dataclass
class ChangeOutcome:
    """The corrections a change recorded or rolled back, and what reaching the index did (None when the
    change was only recorded)."""

    corrections: list[Correction] = field(default_factory=list)
    applied: ReapplyResult | None = None
    unchanged: int = 0

    def summary(self, verb: str) -> str:
        """``"<verb>: 14 articles updated in 0.3 s"`` (or that nothing was applied yet)."""
        if self.applied is None:
            return f"{verb}: recorded, not applied (`newsarchive reindex` applies every correction)"
        done = self.applied
        articles = "article" if done.updated == 1 else "articles"
        return f"{verb}: {done.updated} {articles} updated in {done.seconds:.1f} s"


def _apply(
    client: Elasticsearch | None, settings: Settings, store: EnrichmentStore,
    before: list[Correction], after: list[Correction],
) -> ReapplyResult | None:
    if client is None:
        return None
    return reapply(client, settings, store, before=before, after=after)


def record_correction(
    client: Elasticsearch | None, settings: Settings, request: CorrectionRequest
) -> ChangeOutcome:
    """Record ``request`` in the archive's store and, when ``client`` is given, correct the indexed documents
    it affects at once."""
    with EnrichmentStore.open(settings) as store, CorrectionsTable(store.path) as table:
        before = table.active()
        correction = table.add(request)
        return ChangeOutcome([correction], _apply(client, settings, store, before, table.active()))


def rollback_correction(client: Elasticsearch | None, settings: Settings, correction_id: int) -> ChangeOutcome:
    """Mark correction ``correction_id`` inactive and, when ``client`` is given, restore the documents it
    changed (from the store's uncorrected documents, with the other active corrections). Raises
    :class:`~indexer.corrections.model.CorrectionError` for an unknown or already rolled-back id."""
    with EnrichmentStore.open(settings) as store, CorrectionsTable(store.path) as table:
        before = table.active()
        correction = table.rollback(correction_id)
        return ChangeOutcome([correction], _apply(client, settings, store, before, table.active()))


def import_corrections(client: Elasticsearch | None, settings: Settings, path: Path) -> ChangeOutcome:
    """Import a corrections file (all lines valid, or :class:`~indexer.corrections.table.CorrectionsFileError`
    and nothing imported) and, when ``client`` is given, correct the documents the new ones affect."""
    with EnrichmentStore.open(settings) as store, CorrectionsTable(store.path) as table:
        before = table.active()
        imported: ImportResult = table.import_jsonl(path)
        applied = _apply(client, settings, store, before, table.active()) if imported.added else None
        if client is not None and applied is None:
            applied = ReapplyResult()
        return ChangeOutcome(imported.added, applied, imported.unchanged)


def list_corrections(settings: Settings, *, active_only: bool = False) -> list[Correction]:
    """The archive's recorded corrections in id order."""
    path = store_path(settings)
    if not path.exists():
        return []
    with CorrectionsTable(path) as table:
        return table.list_corrections(active_only=active_only)


def export_corrections(settings: Settings, path: Path) -> int:
    """Write every recorded correction to ``path`` (JSON Lines); return how many."""
    with CorrectionsTable(store_path(settings)) as table:
        return table.export_jsonl(path)
