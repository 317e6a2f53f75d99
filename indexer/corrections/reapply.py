"""Bring a change of the corrections to the documents it affects, without NLP and without a re-index.

Given the active corrections before and after a change (a correction made, rolled back or imported), the
names whose outcome differs are known. The documents naming them are found in the live index (a terms query
on the exact spellings the index holds, found by folding every distinct name of the field), or — for a name
that was rejected before, and so is in no indexed document — by reading the enrichment store. Their
*stored*, uncorrected documents are corrected with the new set and sent through the write alias with the
project's bulk helper; only documents whose corrected form changed are sent.

This assumes the index reflects the corrections active before the change (true unless a change was
recorded with ``--no-apply``); ``newsarchive reindex`` applies everything regardless.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.bulk import bulk_write
from indexer.corrections.apply import REJECTED, CorrectionPlan, apply_corrections
from indexer.corrections.model import Correction, fold_name
from indexer.lifecycle.loading import index_actions
from indexer.store import EnrichmentStore
from newsarchive.config import Settings

#: Fields holding names of each entity type (``speakers`` holds person and organisation speakers).
NAME_FIELDS: Mapping[str, tuple[str, ...]] = {
    "person": ("persons.name", "speakers"),
    "organization": ("organizations.name", "speakers"),
}
COMPOSITE_PAGE = 10_000
SEND_BATCH = 500
_MISSING = object()


@dataclass
class ReapplyResult:
    """What :func:`reapply` did: documents examined and updated, ids the index has but the store lacks
    (they cannot be corrected from the store: ``newsarchive verify --repair``), refused documents."""

    candidates: int = 0
    updated: int = 0
    seconds: float = 0.0
    not_in_store: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChangedNames:
    """Folded names per entity type whose outcome changed: ``in_index`` as the index shows them now;
    ``rejected_before``: names that were rejected (in no indexed document; found through the store)."""

    in_index: Mapping[str, set[str]]
    rejected_before: Mapping[str, set[str]]

    def __bool__(self) -> bool:
        return any(self.in_index.values()) or any(self.rejected_before.values())


def changed_names(before: CorrectionPlan, after: CorrectionPlan) -> ChangedNames:
    """The names whose outcome differs between the two plans (see :class:`ChangedNames`)."""
    in_index: dict[str, set[str]] = {}
    rejected: dict[str, set[str]] = {}
    for entity_type in ("person", "organization"):
        old, new = before.tables.get(entity_type, {}), after.tables.get(entity_type, {})
        for key in set(old) | set(new):
            was, now = old.get(key, _MISSING), new.get(key, _MISSING)
            if was == now:
                continue
            if was is _MISSING:
                in_index.setdefault(entity_type, set()).add(key)
            elif was is REJECTED:
                rejected.setdefault(entity_type, set()).add(key)
            else:
                in_index.setdefault(entity_type, set()).add(fold_name(str(was)))
    return ChangedNames(in_index, rejected)


def distinct_values(client: Elasticsearch, alias: str, field_name: str) -> Iterator[tuple[str, int]]:
    """Every distinct value of a keyword field behind ``alias`` with its document count (a composite
    aggregation, paged)."""
    after: dict[str, Any] | None = None
    while True:
        composite: dict[str, Any] = {"size": COMPOSITE_PAGE, "sources": [{"value": {"terms": {"field": field_name}}}]}
        if after is not None:
            composite["after"] = after
        response = client.search(index=alias, size=0, aggs={"values": {"composite": composite}})
        agg = response["aggregations"]["values"]
        for bucket in agg["buckets"]:
            yield str(bucket["key"]["value"]), int(bucket["doc_count"])
        after = agg.get("after_key")
        if not agg["buckets"] or after is None:
            return


def index_ids_naming(client: Elasticsearch, alias: str, names: Mapping[str, set[str]]) -> set[str]:
    """Ids of the documents behind ``alias`` naming any of ``names`` (folded, per entity type) in a field
    of that type."""
    spellings: dict[str, set[str]] = {}
    for entity_type, folded in names.items():
        for field_name in NAME_FIELDS[entity_type] if folded else ():
            values = spellings.setdefault(field_name, set())
            values.update(value for value, _count in distinct_values(client, alias, field_name)
                          if fold_name(value) in folded)
    should = [{"terms": {field_name: sorted(values)}} for field_name, values in spellings.items() if values]
    if not should:
        return set()
    query = {"query": {"bool": {"should": should, "minimum_should_match": 1}}, "_source": False}
    return {hit["_id"] for hit in scan(client, index=alias, query=query, size=5000)}


def _names_in(document: Mapping[str, Any], entity_type: str) -> Iterator[str]:
    entries = document.get("persons" if entity_type == "person" else "organizations") or []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            yield entry["name"]
    for statement in document.get("statements") or []:
        if isinstance(statement, dict) and (statement.get("speaker_type") or "person") == entity_type:
            speaker = statement.get("speaker")
            if isinstance(speaker, str):
                yield speaker


def store_ids_naming(store: EnrichmentStore, names: Mapping[str, set[str]]) -> set[str]:
    """Ids of the stored (uncorrected) documents naming any of ``names`` (folded, per entity type). Reads
    the whole store: used only for names rejected until now, which no indexed document holds."""
    found: set[str] = set()
    wanted = {entity_type: folded for entity_type, folded in names.items() if folded}
    if not wanted:
        return found
    for doc_id, text in store.iter_json():
        document = json.loads(text)
        if any(fold_name(name) in folded for entity_type, folded in wanted.items()
               for name in _names_in(document, entity_type)):
            found.add(doc_id)
    return found


def reapply(
    client: Elasticsearch,
    settings: Settings,
    store: EnrichmentStore,
    *,
    before: Sequence[Correction],
    after: Sequence[Correction],
) -> ReapplyResult:
    """Correct the indexed documents affected by going from the active corrections ``before`` to ``after``
    (see the module docstring) and refresh the alias; return what was done."""
    started = time.monotonic()
    result = ReapplyResult()
    old, new = CorrectionPlan.compile(before), CorrectionPlan.compile(after)
    changed = changed_names(old, new)
    if changed:
        ids = index_ids_naming(client, settings.alias, changed.in_index)
        ids |= store_ids_naming(store, changed.rejected_before)
        result.candidates = len(ids)
        wanted = sorted(ids)
        for start in range(0, len(wanted), SEND_BATCH):
            batch = wanted[start : start + SEND_BATCH]
            stored = store.get_many(batch)
            result.not_in_store.extend(sorted(set(batch) - {str(doc["id"]) for doc in stored}))
            updated = [corrected for document in stored
                       if (corrected := apply_corrections(document, new)) != apply_corrections(document, old)]
            result.updated += _send(client, settings, updated, result.failures)
        client.indices.refresh(index=settings.alias)
    result.seconds = time.monotonic() - started
    return result


def _send(client: Elasticsearch, settings: Settings, documents: list[dict[str, Any]], failures: list[str]) -> int:
    if not documents:
        return 0

    def on_item(ok: bool, doc_id: str, reason: str) -> None:
        if not ok:
            failures.append(f"{doc_id}: {reason}")

    summary = bulk_write(client, index_actions(settings.write_alias, documents), chunk_size=settings.bulk_chunk_size,
                         max_retries=settings.bulk_max_retries, on_item=on_item)
    return summary.written
