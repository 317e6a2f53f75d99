"""Entity corrections on a real Elasticsearch: merge, reject and rollback reach every article, the person page
and the facets; new articles arrive corrected; ``reindex`` applies them without NLP; verify stays right."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corrections_fixtures import ARTICLES, CANONICAL, FALSE_PERSON, VARIANT, ids_naming, index_articles, write_articles
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from indexer.corrections import CorrectionsTable, new_correction
from indexer.corrections.service import record_correction, rollback_correction
from indexer.lifecycle import setup_indices
from indexer.lifecycle.reindex import ReindexOptions, reindex
from indexer.store import EnrichmentStore
from indexer.verify import compare, repair
from newsarchive.cli import app as cli
from newsarchive.config import Settings
from web.app import create_app

pytestmark = pytest.mark.es


@pytest.fixture()
def archive(isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path) -> Settings:
    setup_indices(es_client, isolated_settings)
    index_articles(isolated_settings, es_client, write_articles(tmp_path / "in", ARTICLES))
    return isolated_settings


@pytest.fixture()
def web(archive: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:
    with TestClient(create_app(archive, es_client)) as client:
        yield client


def _sources(client: Elasticsearch, settings: Settings) -> dict[str, dict[str, Any]]:
    client.indices.refresh(index=settings.alias)
    hits = scan(client, index=settings.alias, query={"query": {"match_all": {}}})
    return {hit["_id"]: hit["_source"] for hit in hits}


def _person_count(web: TestClient, name: str) -> int:
    response = web.get(f"/api/persons/{name}")
    if response.status_code == 404:
        return 0
    assert response.status_code == 200, response.text
    return int(response.json()["article_count"])


def _facet(web: TestClient, facet: str) -> dict[str, int]:
    body = web.get("/api/search").json()
    return {value["value"]: value["count"] for value in body["facets"][facet]["values"]}


def _env(settings: Settings) -> dict[str, str]:
    assert settings.es_url is not None
    return {"NEWSARCHIVE_ES_URL": settings.es_url, "NEWSARCHIVE_INDEX_PREFIX": settings.index_prefix,
            "NEWSARCHIVE_DATA_DIR": str(settings.data_dir), "NEWSARCHIVE_CACHE_DIR": str(settings.cache_dir)}


def test_merge_moves_every_article_of_the_variant_and_counts_add_up(
    archive: Settings, es_client: Elasticsearch, web: TestClient
) -> None:
    variant_ids = ids_naming(es_client, archive, VARIANT) | ids_naming(es_client, archive, "ZELÉNSKY")
    canonical_ids = ids_naming(es_client, archive, CANONICAL)
    both = variant_ids & canonical_ids
    assert len(variant_ids) == 4 and len(canonical_ids) == 2 and len(both) == 1
    page_before = _person_count(web, VARIANT) + _person_count(web, "ZELÉNSKY") + _person_count(web, CANONICAL)
    facet_before = _facet(web, "person")
    assert page_before == 4 + 2

    result = CliRunner().invoke(cli, ["entities", "merge", VARIANT, CANONICAL], env=_env(archive))
    assert result.exit_code == 0, result.output
    assert f"merged '{VARIANT}' into '{CANONICAL}': 4 articles updated in" in result.output

    assert ids_naming(es_client, archive, VARIANT) == set() and ids_naming(es_client, archive, "ZELÉNSKY") == set()
    assert ids_naming(es_client, archive, CANONICAL) == variant_ids | canonical_ids
    # The person page and the facet count every article once: the two counts before, less the one article
    # that named both spellings.
    assert _person_count(web, CANONICAL) == page_before - len(both) == 5
    assert _person_count(web, VARIANT) == 0
    facet_after = _facet(web, "person")
    assert facet_after[CANONICAL] == facet_before[VARIANT] + facet_before["ZELÉNSKY"] + facet_before[CANONICAL] - 1
    assert VARIANT not in facet_after and "ZELÉNSKY" not in facet_after
    sources = _sources(es_client, archive)
    (meeting,) = both
    assert sources[meeting]["persons"] == [{"name": CANONICAL, "mentions": 3}]  # mentions added up
    assert sources[meeting]["speakers"] == [CANONICAL]
    assert f"{CANONICAL}|denies" in _facet(web, "speaker_stance")
    # The store keeps what NLP found, so a rollback can restore it.
    with EnrichmentStore.open(archive) as store:
        stored = store.get(meeting)
    assert stored is not None and {"name": VARIANT, "mentions": 1} in stored["persons"]


def test_reject_removes_the_name_from_facets_and_speakers_and_rollback_restores_exactly(
    archive: Settings, es_client: Elasticsearch, web: TestClient
) -> None:
    original = _sources(es_client, archive)
    kepler_ids = ids_naming(es_client, archive, FALSE_PERSON)
    assert len(kepler_ids) == 2 and _facet(web, "person")[FALSE_PERSON] == 2

    merge = record_correction(es_client, archive, new_correction("merge", "person", VARIANT, CANONICAL))
    reject = record_correction(es_client, archive, new_correction("reject", "person", FALSE_PERSON))
    assert reject.applied is not None and reject.applied.updated == 2

    assert FALSE_PERSON not in _facet(web, "person")
    assert not any(value.startswith(f"{FALSE_PERSON}|") for value in _facet(web, "speaker_stance"))
    assert ids_naming(es_client, archive, FALSE_PERSON) == set()
    assert es_client.count(index=archive.alias, query={"term": {"speakers": FALSE_PERSON}})["count"] == 0
    assert es_client.count(index=archive.alias)["count"] == len(ARTICLES)  # the articles stay
    telescope = next(i for i in kepler_ids if original[i]["statements"])
    corrected = _sources(es_client, archive)[telescope]
    assert [s["speaker"] for s in corrected["statements"]] == ["Joe Biden"]
    assert corrected["speakers"] == ["Joe Biden"] and corrected["stances"] == ["supports"]
    assert _person_count(web, FALSE_PERSON) == 0

    rolled = rollback_correction(es_client, archive, reject.corrections[0].id)
    assert rolled.applied is not None and rolled.applied.updated == 2
    assert ids_naming(es_client, archive, FALSE_PERSON) == kepler_ids
    rollback_correction(es_client, archive, merge.corrections[0].id)
    assert _sources(es_client, archive) == original  # exactly what was indexed before any correction


def test_a_new_article_arrives_corrected_and_verify_agrees(
    archive: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    record_correction(es_client, archive, new_correction("merge", "person", VARIANT, CANONICAL))
    record_correction(es_client, archive, new_correction("reject", "person", FALSE_PERSON))
    new_path = write_articles(tmp_path / "later", ["Zelensky denies the report", "Kepler data released"],
                               name="later.jsonl")
    # Same titles, new ids: articles indexed after the corrections.
    text = new_path.read_text(encoding="utf-8").replace('"id": "art-', '"id": "new-')
    new_path.write_text(text, encoding="utf-8")
    index_articles(archive, es_client, new_path)
    sources = _sources(es_client, archive)
    new_docs = [doc for doc_id, doc in sources.items() if doc_id.startswith("new-")]
    assert len(new_docs) == 2
    assert {p["name"] for doc in new_docs for p in doc["persons"]} == {CANONICAL, "Joe Biden"}
    assert [s["speaker"] for doc in new_docs for s in doc["statements"]] == [CANONICAL]

    with EnrichmentStore.open(archive) as store:
        found = compare(es_client, archive, store)
        assert found.agree, found.lines()
        # Repair sends the store's documents corrected: drop one corrected document and mend it.
        victim = next(doc["id"] for doc in new_docs if doc["statements"])
        es_client.delete(index=archive.write_alias, id=victim, refresh=True)
        broken = compare(es_client, archive, store)
        assert broken.missing_from_index == [victim]
        done = repair(es_client, archive, store, broken)
        assert done.sent_to_index == 1 and compare(es_client, archive, store).agree
    assert _sources(es_client, archive)[victim]["speakers"] == [CANONICAL]


def test_reindex_applies_corrections_without_nlp(
    archive: Settings, es_client: Elasticsearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indexer.enrich import enricher

    def no_nlp(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("re-index ran the enricher")

    monkeypatch.setattr(enricher.Enricher, "__init__", no_nlp)
    monkeypatch.setattr(enricher.Enricher, "enrich_articles", no_nlp)
    record_correction(None, archive, new_correction("merge", "person", VARIANT, CANONICAL))  # recorded only
    record_correction(None, archive, new_correction("reject", "person", FALSE_PERSON))
    assert ids_naming(es_client, archive, VARIANT)  # not applied yet
    runner = CliRunner()
    result = runner.invoke(cli, ["reindex", "--no-progress"], env=_env(archive))
    assert result.exit_code == 0, result.output
    assert ids_naming(es_client, archive, VARIANT) == set() and ids_naming(es_client, archive, FALSE_PERSON) == set()
    assert len(ids_naming(es_client, archive, CANONICAL)) == 5
    with EnrichmentStore.open(archive) as store:
        assert compare(es_client, archive, store).agree
        # A re-index with the corrections rolled back restores NLP's output from the store.
        with CorrectionsTable(store.path) as table:
            for correction in table.active():
                table.rollback(correction.id)
        reindex(es_client, archive, store, ReindexOptions(progress=False))
        stored = {doc["id"]: doc for doc in store.iter_documents()}
    assert _sources(es_client, archive) == stored


def test_entities_cli_lists_with_counts_and_exports_and_imports(
    archive: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    runner, env = CliRunner(), _env(archive)
    listed = runner.invoke(cli, ["entities", "list", "--type", "person", "--min-articles", "2"], env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == ["3\tJoe Biden", f"3\t{VARIANT}", f"2\t{FALSE_PERSON}", f"2\t{CANONICAL}"]
    prefixed = runner.invoke(cli, ["entities", "list", "--prefix", "zel"], env=env)
    assert prefixed.stdout.splitlines() == [f"3\t{VARIANT}", f"2\t{CANONICAL}", "1\tZELÉNSKY"]

    assert runner.invoke(cli, ["entities", "reject", FALSE_PERSON, "--no-apply"], env=env).exit_code == 0
    exported = tmp_path / "corrections.jsonl"
    assert runner.invoke(cli, ["entities", "corrections", "--export", str(exported)], env=env).exit_code == 0
    shown = runner.invoke(cli, ["entities", "corrections"], env=env)
    assert shown.stdout.startswith(f"#1 reject person '{FALSE_PERSON}'")

    reviewed = tmp_path / "reviewed.jsonl"
    reviewed.write_text(exported.read_text(encoding="utf-8") + json.dumps(
        {"action": "merge", "type": "person", "name": VARIANT, "target": CANONICAL, "note": "reviewed"}) + "\n")
    imported = runner.invoke(cli, ["entities", "corrections", "--import", str(reviewed)], env=env)
    assert imported.exit_code == 0, imported.output
    assert "imported 1 corrections (1 already there): 4 articles updated" in imported.output
    assert ids_naming(es_client, archive, VARIANT) == set()

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"action": "merge", "type": "person", "name": "A"}\n', encoding="utf-8")
    refused = runner.invoke(cli, ["entities", "corrections", "--import", str(bad)], env=env)
    assert refused.exit_code == 1 and f"{bad}:1: a merge needs a target name" in refused.output
