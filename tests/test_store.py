"""The enrichment store: upserts, raw input kept, ordered resumable iteration, tombstones and sequence."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from indexer.records import RawArticle
from indexer.store import EnrichmentStore


def _doc(doc_id: str, *, content_hash: str = "h1", version: int = 1, title: str = "A title") -> dict[str, Any]:
    return {"id": doc_id, "content_hash": content_hash, "enrichment_version": version, "title": title,
            "persons": [{"name": "Dmitry Peskov", "mentions": 2}], "text": "Peskov denied the report. Ülm."}


def _raw(line: int, body: str = "Peskov denied the report.") -> RawArticle:
    return RawArticle(file="in.jsonl", line=line, title="A title", body=body, published="11 November 2024",
                      url="https://example.org/a", source="Example", extra={"lang": "en"})


@pytest.fixture()
def store(tmp_path: Path) -> EnrichmentStore:
    return EnrichmentStore(tmp_path / "store" / "documents.sqlite3")


def test_put_get_round_trips_documents_exactly(store: EnrichmentStore) -> None:
    assert store.put_many([_doc("b"), _doc("a", title="Тест “quotes”")]) == 2
    assert store.count() == 2
    assert store.get("a") == _doc("a", title="Тест “quotes”")
    assert store.get("missing") is None
    assert [d["id"] for d in store.get_many(["b", "x", "a"])] == ["a", "b"]


def test_same_id_again_is_an_update_not_a_duplicate(store: EnrichmentStore) -> None:
    store.put_many([_doc("a", title="old")])
    store.put_many([_doc("a", title="new", version=2)])
    assert store.count() == 1
    document = store.get("a")
    assert document is not None
    assert document["title"] == "new"
    assert store.versions(["a", "zzz"])["a"].enrichment_version == 2


def test_raw_input_is_kept_while_the_content_is_unchanged_and_dropped_when_it_changes(
    store: EnrichmentStore,
) -> None:
    store.put_articles([(_doc("a"), _raw(3))])
    assert store.get_raw("a") == _raw(3)
    store.put_many([_doc("a", version=2)])  # same content hash: a re-enrichment without the raw input
    assert store.get_raw("a") == _raw(3)
    store.put_many([_doc("a", content_hash="h2")])  # new content: the old raw input no longer matches
    assert store.get_raw("a") is None


@pytest.mark.parametrize(
    ("document", "missing"),
    [
        ({"id": "a", "content_hash": "h"}, "enrichment_version"),
        ({"id": "a", "enrichment_version": 1}, "content_hash"),
        ({"content_hash": "h", "enrichment_version": 1}, "id"),
        ({"id": "", "content_hash": "h", "enrichment_version": 1}, "id"),
    ],
)
def test_a_document_without_its_keys_is_refused_with_the_reason(
    store: EnrichmentStore, document: dict[str, Any], missing: str
) -> None:
    with pytest.raises(ValueError, match=missing):
        store.put_many([_doc("ok"), document])
    assert store.count() == 0  # the whole batch is one transaction


def test_iteration_is_ordered_by_id_batched_and_resumable(store: EnrichmentStore) -> None:
    ids = [f"doc-{i:04d}" for i in range(1000)]
    store.put_many(_doc(i) for i in reversed(ids))
    assert [d["id"] for d in store.iter_documents(batch_size=7)] == ids
    assert [d["id"] for d in store.iter_documents(batch_size=100, after_id="doc-0994")] == ids[995:]
    assert store.count_after("doc-0994") == 5
    assert list(store.iter_ids(batch_size=333)) == ids


def test_outdated_documents_are_found_by_enrichment_version(store: EnrichmentStore) -> None:
    store.put_many([_doc("a", version=1), _doc("b", version=3), _doc("c", version=2)])
    assert [d["id"] for d in store.iter_outdated(3)] == ["a", "c"]
    assert store.count_outdated(3) == 2
    store.put_articles([(_doc("d", version=1), _raw(1))])
    assert [(i, r is not None) for i, r in store.iter_raw(older_than=2)] == [("a", False), ("d", True)]


def test_writes_and_deletes_after_a_sequence_number_are_reported_once(store: EnrichmentStore) -> None:
    store.put_many([_doc("a"), _doc("b"), _doc("c")])
    seq = store.last_seq()
    store.put_many([_doc("b", title="changed")])
    assert store.delete(["c", "never-there"]) == 1
    store.put_many([_doc("d")])
    store.delete(["d"])
    store.put_many([_doc("d", title="back")])
    changes = store.changes_since(seq)
    assert sorted(changes.written) == ["b", "d"]
    assert sorted(changes.deleted) == ["c", "never-there"]
    assert changes.last_seq == store.last_seq()
    assert store.snapshot() == (3, store.last_seq())
    assert store.changes_since(changes.last_seq).written == []


def test_a_second_connection_sees_the_writes_and_threads_can_share_one(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with EnrichmentStore(path) as writer, EnrichmentStore(path) as reader:
        errors: list[BaseException] = []

        def write(start: int) -> None:
            try:
                for i in range(start, start + 200, 20):
                    writer.put_many(_doc(f"t{j:04d}") for j in range(i, i + 20))
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(n * 200,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert reader.count() == 800
        assert reader.last_seq() == 800
