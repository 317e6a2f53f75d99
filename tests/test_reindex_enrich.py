"""``reindex --re-enrich --only-outdated`` with the real spaCy pipeline on a real Elasticsearch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch

from indexer.documents import build_document
from indexer.enrich.enricher import Enricher
from indexer.enrich.pipeline import ENRICHMENT_VERSION
from indexer.enrich.types import Enrichment
from indexer.lifecycle.reindex import ReindexOptions, reindex
from indexer.readers import iter_records
from indexer.records import RawArticle
from indexer.store import EnrichmentStore
from newsarchive.config import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.es, pytest.mark.nlp]


def _unenriched(article: RawArticle, version: int) -> Enrichment:
    return Enrichment(
        title=article.title, text=article.body, published=None, published_source="none",
        enrichment_version=version, dates=[], persons=[], countries=[], places=[], organizations=[],
        statements=[], stances=[],
    )


@pytest.fixture()
def store(isolated_settings: Settings) -> Iterator[EnrichmentStore]:
    with EnrichmentStore.open(isolated_settings) as opened:
        yield opened


def test_only_outdated_documents_are_enriched_again_and_indexed(
    es_client: Elasticsearch, isolated_settings: Settings, store: EnrichmentStore
) -> None:
    articles = [r for r in iter_records([PROJECT_ROOT / "seeds" / "reference.jsonl",
                                         PROJECT_ROOT / "seeds" / "wikinews.jsonl"]) if isinstance(r, RawArticle)]
    reference, outdated, current, no_raw = articles[0], articles[1:4], articles[4], articles[5]
    old = ENRICHMENT_VERSION - 1
    store.put_articles([(build_document(a, _unenriched(a, old)), a) for a in [reference, *outdated]])
    current_doc = build_document(current, _unenriched(current, ENRICHMENT_VERSION))
    store.put_articles([(current_doc, current)])
    no_raw_doc = build_document(no_raw, _unenriched(no_raw, old))
    store.put_many([no_raw_doc])  # stored without its raw input: cannot be enriched again

    options = ReindexOptions(progress=False, re_enrich=True, only_outdated=True,
                             enrichment_version=ENRICHMENT_VERSION)
    with Enricher(batch_size=8, processes=1) as enricher:
        result = reindex(es_client, isolated_settings, store, options, enricher=enricher)

    assert result.enriched == 4
    assert result.not_enriched == [no_raw_doc["id"]]
    assert result.documents == 6
    live = {hit["_id"]: hit["_source"] for hit in
            es_client.search(index=isolated_settings.alias, size=10)["hits"]["hits"]}
    reference_doc = live[build_document(reference, _unenriched(reference, old))["id"]]
    assert reference_doc["enrichment_version"] == ENRICHMENT_VERSION
    assert "Dmitry Peskov" in {person["name"] for person in reference_doc["persons"]}
    assert reference_doc["published"] == "2024-11-11"
    assert live[current_doc["id"]] == current_doc  # up to date: not enriched again
    assert live[no_raw_doc["id"]] == no_raw_doc  # kept as it was, and reported
    assert store.count_outdated(ENRICHMENT_VERSION) == 1
