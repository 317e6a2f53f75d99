"""``newsarchive verify``: do the enrichment store and the live index agree, and make them agree again.

Both sides are walked in id order (the store by its primary key, the index through a point in time sorted on
the ``id`` keyword), so memory stays flat whatever the archive's size; only the ids that disagree are kept.
A document is compared by id, content hash and enrichment version. Entity corrections
(:mod:`indexer.corrections`) change neither, so a corrected document in the index agrees with the store's
uncorrected one; repair sends the store's documents with the active corrections applied.

Repair never loses anything: what the index lacks (or holds in another version) is sent again from the store;
what only the index holds is copied into the store from the index (a re-index rebuilds from the store, so a
document the store lacked would otherwise vanish at the next one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch

from indexer.bulk import bulk_write
from indexer.corrections import CorrectionPlan, active_corrections
from indexer.corrections.apply import corrected_documents
from indexer.lifecycle.loading import index_actions
from indexer.store import EnrichmentStore, StoredVersion
from newsarchive.config import Settings

PAGE_SIZE = 5000
KEEP_ALIVE = "2m"


@dataclass
class Comparison:
    """How the store and the index differ."""

    store_count: int = 0
    index_count: int = 0
    missing_from_index: list[str] = field(default_factory=list)
    missing_from_store: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        """True when both hold the same ids in the same versions."""
        return not (self.missing_from_index or self.missing_from_store or self.different)

    def lines(self, show: int = 10) -> list[str]:
        """A human-readable report: counts, then up to ``show`` ids of each kind of difference."""
        out = [f"store {self.store_count} documents, index {self.index_count} documents: "
               + ("they agree" if self.agree else "they disagree")]
        for label, ids in (("in the store, not in the index", self.missing_from_index),
                           ("in the index, not in the store", self.missing_from_store),
                           ("in both, different content or enrichment version", self.different)):
            if ids:
                more = f" (first {show})" if len(ids) > show else ""
                out.append(f"{len(ids)} {label}{more}: {', '.join(ids[:show])}")
        return out


@dataclass
class Repair:
    """What :func:`repair` did."""

    sent_to_index: int = 0
    copied_to_store: int = 0
    failures: list[str] = field(default_factory=list)


def index_versions(
    client: Elasticsearch, alias: str, page_size: int = PAGE_SIZE
) -> Iterator[tuple[str, StoredVersion]]:
    """``(id, content hash and enrichment version)`` of every document behind ``alias``, in id order."""
    pit = client.open_point_in_time(index=alias, keep_alive=KEEP_ALIVE)["id"]
    search_after: list[Any] | None = None
    try:
        while True:
            body: dict[str, Any] = {
                "size": page_size,
                "pit": {"id": pit, "keep_alive": KEEP_ALIVE},
                "sort": [{"id": "asc"}],
                "_source": ["content_hash", "enrichment_version"],
                "track_total_hits": False,
            }
            if search_after is not None:
                body["search_after"] = search_after
            response = client.search(**body)
            pit = response.get("pit_id", pit)
            hits = response["hits"]["hits"]
            for hit in hits:
                source = hit.get("_source") or {}
                yield hit["_id"], StoredVersion(str(source.get("content_hash", "")),
                                                int(source.get("enrichment_version") or 0))
            if len(hits) < page_size:
                return
            search_after = hits[-1]["sort"]
    finally:
        client.options(ignore_status=404).close_point_in_time(id=pit)


_END = ("\U0010ffff" * 4, StoredVersion("", 0))


def compare(client: Elasticsearch, settings: Settings, store: EnrichmentStore) -> Comparison:
    """Walk the store and the live index side by side and list every id on which they differ."""
    client.indices.refresh(index=settings.alias)
    result = Comparison()
    stored = store.iter_versions()
    indexed = index_versions(client, settings.alias)
    left, right = next(stored, _END), next(indexed, _END)
    while left is not _END or right is not _END:
        if right is _END or (left is not _END and left[0] < right[0]):
            result.store_count += 1
            result.missing_from_index.append(left[0])
            left = next(stored, _END)
        elif left is _END or right[0] < left[0]:
            result.index_count += 1
            result.missing_from_store.append(right[0])
            right = next(indexed, _END)
        else:
            result.store_count += 1
            result.index_count += 1
            if left[1] != right[1]:
                result.different.append(left[0])
            left, right = next(stored, _END), next(indexed, _END)
    return result


def repair(client: Elasticsearch, settings: Settings, store: EnrichmentStore, found: Comparison) -> Repair:
    """Make the store and the index agree on what ``found`` lists: send the store's documents the index lacks
    or holds differently; copy into the store the documents only the index holds."""
    done = Repair()
    resend = sorted({*found.missing_from_index, *found.different})
    plan = CorrectionPlan.compile(active_corrections(store.path))

    def on_item(ok: bool, doc_id: str, result: str) -> None:
        if ok:
            done.sent_to_index += 1
        else:
            done.failures.append(f"{doc_id}: {result}")

    for start in range(0, len(resend), PAGE_SIZE):
        ids = resend[start : start + PAGE_SIZE]
        bulk_write(client, index_actions(settings.write_alias, corrected_documents(store.get_many(ids), plan)),
                   chunk_size=settings.bulk_chunk_size, max_retries=settings.bulk_max_retries, on_item=on_item)
    for start in range(0, len(found.missing_from_store), PAGE_SIZE):
        ids = found.missing_from_store[start : start + PAGE_SIZE]
        response = client.mget(index=settings.alias, ids=ids)
        sources = [doc["_source"] for doc in response["docs"] if doc.get("found")]
        done.copied_to_store += store.put_many(sources)
    client.indices.refresh(index=settings.alias)
    return done

