"""The article fields derived from its statements (pure; imports nothing of the NLP side, so the
corrections code and the web app can use it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def statement_fields(statements: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The article-level fields derived from its statements: ``stances`` (the distinct stances, ``says``
    included), ``speakers`` (the distinct resolved speakers: anyone quoted, for the speaker facet) and
    ``speaker_stance`` (``"<speaker>|<stance>"`` of resolved speakers), so a reader can ask for articles where
    a given speaker denies. Unresolved speakers ("officials") stay in the statements only. Statements
    stored before issue 18 have no ``resolved`` key: they were all resolved."""
    kept = [s for s in statements if isinstance(s, Mapping)]
    resolved = [s for s in kept if s.get("resolved", True)]
    return {
        "stances": sorted({str(s["stance"]) for s in kept}),
        "speakers": sorted({str(s["speaker"]) for s in resolved}),
        "speaker_stance": sorted({f"{s['speaker']}|{s['stance']}" for s in resolved}),
    }
