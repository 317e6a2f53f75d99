"""Indexing into a real Elasticsearch: seeds searchable, idempotent writes, bad records reported, nothing dropped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from indexer.enrich.enricher import Enricher
from indexer.indexing import IndexSummary, index_paths
from indexer.lifecycle import setup_indices
from indexer.store import EnrichmentStore
from newsarchive.cli import app
from newsarchive.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.es

SEEDS = PROJECT_ROOT / "seeds"
REFERENCE = SEEDS / "reference.jsonl"


@pytest.fixture(scope="module")
def enricher(es_settings: Settings) -> Enricher:
    return Enricher.from_settings(es_settings)


def _index(settings: Settings, client: Elasticsearch, enricher: Enricher, *paths: Path) -> IndexSummary:
    setup_indices(client, settings)
    with EnrichmentStore.open(settings) as store:
        return index_paths(settings, client, paths, enricher=enricher, store=store, progress=False)


def _count(client: Elasticsearch, settings: Settings) -> int:
    return int(client.count(index=settings.alias)["count"])


@pytest.fixture()
def wikinews_settings(isolated_settings: Settings, es_client: Elasticsearch, enricher: Enricher) -> Iterator[Settings]:
    summary = _index(isolated_settings, es_client, enricher, REFERENCE, SEEDS / "wikinews.jsonl")
    rejects = summary.rejects_path.read_text(encoding="utf-8") if summary.rejects_path else ""
    assert (summary.read, summary.created, summary.updated, summary.rejected) == (296, 296, 0, 0), rejects
    yield isolated_settings


def test_seed_article_is_found_by_name_and_cleaned(wikinews_settings: Settings, es_client: Elasticsearch) -> None:
    result = es_client.search(
        index=wikinews_settings.alias,
        query={"simple_query_string": {"query": "Peskov", "fields": ["title", "text"]}},
    )
    hits = result["hits"]["hits"]
    assert hits, "q=Peskov finds nothing"
    top = hits[0]["_source"]
    assert top["title"] == "Kremlin denies Putin-Trump phone call reported by WP took place"
    assert top["published"] == "2024-11-11"
    assert top["published_source"] == "metadata"
    assert "Related:" not in top["text"] and "Become a patron" not in top["text"]
    assert "there was no conversation" in top["text"]
    assert top["origin"] == {"file": str(REFERENCE), "line": 1}


def test_english_stemming_and_folding_in_search(wikinews_settings: Settings, es_client: Elasticsearch) -> None:
    def titles(query: str) -> set[str]:
        result = es_client.search(index=wikinews_settings.alias, size=50,
                                  query={"simple_query_string": {"query": query, "fields": ["title"]}})
        return {hit["_source"]["title"] for hit in result["hits"]["hits"]}

    assert "Kremlin denies Putin-Trump phone call reported by WP took place" in titles("deny")
    assert titles("deny") == titles("denied") == titles("denies")


def test_same_file_twice_leaves_one_document(isolated_settings: Settings, es_client: Elasticsearch,
                                             enricher: Enricher) -> None:
    first = _index(isolated_settings, es_client, enricher, REFERENCE)
    second = _index(isolated_settings, es_client, enricher, REFERENCE)
    assert (first.created, first.updated) == (1, 0)
    assert (second.created, second.updated) == (0, 1)
    assert _count(es_client, isolated_settings) == 1
    with EnrichmentStore.open(isolated_settings) as store:
        assert store.count() == 1


def test_malformed_line_is_reported_and_the_rest_indexed(isolated_settings: Settings, es_client: Elasticsearch,
                                                        enricher: Enricher, tmp_path: Path) -> None:
    good = [
        {"title": "Minister denies report", "text": "The minister denied the report on Monday.",
         "published": "2024-03-04", "url": "https://example.org/a"},
        {"title": "Talks resume", "text": "Negotiators met again in Geneva.", "published": "2024-03-05"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(good[0]) + "\n{\"title\": \"broken\", \n" + json.dumps(good[1]) + "\n",
                    encoding="utf-8")
    summary = _index(isolated_settings, es_client, enricher, path)
    assert (summary.read, summary.created, summary.rejected) == (3, 2, 1)
    assert summary.read == summary.created + summary.updated + summary.rejected
    assert summary.rejects_path is not None and summary.rejects_path.is_file()
    (reject,) = [json.loads(line) for line in summary.rejects_path.read_text(encoding="utf-8").splitlines()]
    assert reject["file"] == str(path) and reject["line"] == 2 and reject["stage"] == "read"
    assert reject["reason"].startswith("invalid JSON")
    assert str(summary.rejects_path) in summary.line()
    assert _count(es_client, isolated_settings) == 2


def test_unparseable_date_keeps_the_article_without_a_date_and_warns(
    isolated_settings: Settings, es_client: Elasticsearch, enricher: Enricher, tmp_path: Path
) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        json.dumps({"id": "good", "title": "Good", "text": "Some text.", "published": "2024-01-02"}) + "\n"
        + json.dumps({"id": "bad", "title": "Bad", "text": "Other text.", "published": "32/13/2020"}) + "\n",
        encoding="utf-8",
    )
    summary = _index(isolated_settings, es_client, enricher, path)
    assert (summary.read, summary.created, summary.rejected, summary.warnings) == (2, 2, 0, 1)
    assert summary.rejects_path is None and summary.warnings_path is not None
    warning = json.loads(summary.warnings_path.read_text(encoding="utf-8"))
    assert warning["file"] == str(path) and warning["line"] == 2
    assert warning["reason"] == "unparseable publication date '32/13/2020' (indexed without a date)"
    kept = es_client.get(index=isolated_settings.alias, id="bad")["_source"]
    assert (kept["published"], kept["published_source"], kept["title"]) == (None, "none", "Bad")
    assert "1 warning (warnings written to" in summary.line()


def test_cli_exits_nonzero_and_names_file_and_line(isolated_settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "cli.jsonl"
    path.write_text(json.dumps({"title": "Fine", "text": "A fine article."}) + "\n[1, 2]\n", encoding="utf-8")
    env = {
        "NEWSARCHIVE_ES_URL": str(isolated_settings.es_url),
        "NEWSARCHIVE_INDEX_PREFIX": isolated_settings.index_prefix,
        "NEWSARCHIVE_DATA_DIR": str(isolated_settings.data_dir),
        "NEWSARCHIVE_CACHE_DIR": str(isolated_settings.cache_dir),
    }
    result = CliRunner().invoke(app, ["index", "--no-progress", str(path)], env=env)
    assert result.exit_code == 1, result.output
    assert f"{path}:2: expected a JSON object, got list" in result.output
    assert "read 2: indexed 1 new, updated 0, rejected 1; 0 warnings" in result.output
