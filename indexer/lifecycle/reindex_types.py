"""The options, result and error of a re-index (:func:`indexer.lifecycle.reindex.reindex`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.bulk import ItemFailure
from indexer.lifecycle.errors import LifecycleError
from indexer.lifecycle.state import ReindexState


@dataclass(frozen=True)
class ReindexOptions:
    """How to re-index. ``resume`` continues an unfinished run (its own options win); ``restart`` discards one.

    ``re_enrich`` runs NLP again first (needs an enricher); with ``only_outdated`` only documents whose
    ``enrichment_version`` is below ``enrichment_version`` (the code's). ``keep`` prunes old indices after.
    A store holding fewer documents than the live index is refused (wrong data directory? documents indexed
    without the store?) unless ``allow_fewer``.
    """

    resume: bool = False
    restart: bool = False
    re_enrich: bool = False
    only_outdated: bool = False
    enrichment_version: int | None = None
    keep: int | None = None
    progress: bool = True
    allow_fewer: bool = False


@dataclass
class ReindexResult:
    """What a finished re-index did. ``seconds``: from the start until the new index was live and caught up
    (re-enrichment included, pruning not)."""

    target: str
    previous: str | None
    documents: int
    loaded: int
    seconds: float
    enriched: int = 0
    not_enriched: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Documents loaded per second of the whole run (0 when nothing was loaded)."""
        return self.loaded / self.seconds if self.seconds > 0 else 0.0


class ReindexError(LifecycleError):
    """The new index cannot be made live (refused documents, wrong count); the aliases were not touched."""

    def __init__(self, message: str, failures: list[ItemFailure] | None = None) -> None:
        super().__init__(message)
        self.failures = failures or []


CheckpointHook = Callable[[ReindexState], None]
