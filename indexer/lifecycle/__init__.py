"""The articles index lifecycle: versioned physical indices behind a read and a write alias.

``setup_indices`` creates or checks them; ``reindex`` builds a new index from the enrichment store and swaps
the aliases; ``rollback`` swaps back; ``prune_indices`` deletes old ones. See docs/reindex.md.
"""

from __future__ import annotations

from indexer.lifecycle.errors import LifecycleError, OutdatedMappingError
from indexer.lifecycle.indices import live_index, previous_index
from indexer.lifecycle.setup import setup_indices

__all__ = ["LifecycleError", "OutdatedMappingError", "live_index", "previous_index", "setup_indices"]
