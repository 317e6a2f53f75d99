"""``newsarchive delete``: remove documents from the enrichment store and from the live index.

Ids to delete come from the caller or from a query run on the read alias; the deletes go through the write
alias. The store goes first: if the index delete then fails, the next re-index drops the document anyway
(and a re-index running meanwhile sees the store's tombstone and deletes it from its new index).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.bulk import ItemFailure
from indexer.lifecycle.loading import delete_actions, send
from indexer.store import EnrichmentStore
from newsarchive.config import Settings

#: Fields a delete query searches (the same user syntax as the search box: simple_query_string).
QUERY_FIELDS = ["title", "text"]


@dataclass
class DeleteResult:
    """What a delete did. ``not_found`` lists ids that were neither in the index nor in the store."""

    requested: int = 0
    from_index: int = 0
    from_store: int = 0
    not_found: list[str] = field(default_factory=list)
    failures: list[ItemFailure] = field(default_factory=list)


def ids_matching(client: Elasticsearch, settings: Settings, query: str) -> list[str]:
    """Ids of every live document matching ``query`` (simple_query_string on title and text, AND)."""
    body = {
        "query": {
            "simple_query_string": {"query": query, "fields": QUERY_FIELDS, "default_operator": "and"}
        },
        "_source": False,
    }
    return sorted(hit["_id"] for hit in scan(client, index=settings.alias, query=body, size=1000))


def delete_documents(
    client: Elasticsearch, settings: Settings, store: EnrichmentStore, ids: Iterable[str]
) -> DeleteResult:
    """Delete ``ids`` from the store and, through the write alias, from the live index; refresh it."""
    wanted = list(dict.fromkeys(ids))
    result = DeleteResult(requested=len(wanted))
    if not wanted:
        return result
    stored = set(store.versions(wanted))
    result.from_store = store.delete(wanted)
    found_in_index: set[str] = set()

    def on_item(ok: bool, doc_id: str, outcome: str) -> None:
        if ok and outcome == "deleted":
            found_in_index.add(doc_id)

    outcome = send(
        client,
        delete_actions(settings.write_alias, wanted),
        chunk_size=settings.bulk_chunk_size,
        max_retries=settings.bulk_max_retries,
        on_item=on_item,
    )
    client.indices.refresh(index=settings.write_alias)
    result.from_index = len(found_in_index)
    result.failures = outcome.failures
    result.not_found = [doc_id for doc_id in wanted if doc_id not in stored and doc_id not in found_in_index]
    return result
