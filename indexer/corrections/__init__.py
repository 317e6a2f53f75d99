"""Entity corrections that last: merge, reject and rename persons and organisations as data.

Corrections live in a table of the enrichment store's SQLite file (:mod:`indexer.corrections.table`). The
store keeps the uncorrected document (what NLP produced); Elasticsearch receives it with every active
correction applied (:mod:`indexer.corrections.apply`, pure): at index time, during ``reindex`` and when a
correction is made or rolled back (:mod:`indexer.corrections.reapply`). Nothing here imports NLP, so the web
app may use it. See docs/corrections.md.
"""

from __future__ import annotations

from indexer.corrections.apply import CorrectionPlan, apply_corrections
from indexer.corrections.model import Correction, CorrectionError, fold_name, new_correction
from indexer.corrections.table import CorrectionsTable, active_corrections

__all__ = [
    "Correction",
    "CorrectionError",
    "CorrectionPlan",
    "CorrectionsTable",
    "active_corrections",
    "apply_corrections",
    "fold_name",
    "new_correction",
]
