"""Web inputs into a real Elasticsearch: a folder mixing HTML pages, a WARC crawl, RSS and Atom feeds, JSON Lines
and text is indexed in one run; every record read is accounted for, a feed entry and its page are one
document, ids come from the utm-stripped canonical URL, and the article page shows where a web article came
from."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from test_web_inputs import FERRY_URL, HARBOUR_URL, _rss
from web_fixtures import Fetch, fixture_bytes, write_warc

from indexer.enrich.enricher import Enricher
from indexer.identity import document_id
from indexer.index_summary import IndexSummary
from indexer.indexing import index_paths
from indexer.lifecycle import OutdatedMappingError, setup_indices
from indexer.lifecycle.names import physical_index_name
from indexer.lifecycle.reindex import ReindexOptions, reindex
from indexer.store import EnrichmentStore
from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION, index_body
from web.app import create_app

pytestmark = pytest.mark.es

PIER_URL = "https://northshore.example/community/pier-shelters"
LIFEBOAT_URL = "https://northshore.example/2024/03/07/lifeboat-crew-rescues-two-kayakers-off-gull-point/"
LIBRARY_URL = "https://www.coastalherald.example/news/library-extends-opening-hours-over-easter"
CLEANUP_URL = "https://www.coastalherald.example/news/beach-cleanup-draws-two-hundred-volunteers"
BAND_URL = "https://northshore.example/2024/03/08/town-band-wins-regional-contest/"


@dataclass(frozen=True)
class MixedRun:
    settings: Settings
    folder: Path
    summary: IndexSummary
    warc_ids: list[str]
    documents: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def enricher(es_settings: Settings) -> Enricher:
    return Enricher.from_settings(es_settings)


def _mixed_folder(folder: Path) -> list[str]:
    folder.mkdir()
    for name in ("article_harbour.html", "article_nodate.html", "section_business.html", "coastal.rss",
                 "northshore.atom"):
        (folder / name).write_bytes(fixture_bytes(name))
    (folder / "notes.jsonl").write_text(
        json.dumps({"title": "Council notes", "text": "The council met on Monday.", "published": "2024-03-04"})
        + "\n{not json\n", encoding="utf-8")
    (folder / "letter.txt").write_text("Letter to the editor\nThe harbour deserves better.\n", encoding="utf-8")
    feed = _rss([(FERRY_URL + "?utm_source=rss&utm_medium=feed", "Island ferry back", "Ferry summary.",
                  "Wed, 06 Mar 2024 06:00:00 GMT"),
                 (CLEANUP_URL, "Beach clean-up draws two hundred volunteers",
                  "Two hundred people collected rubbish along the bay on Sunday.", "Sun, 03 Mar 2024 18:00:00 GMT")])
    return write_warc(folder / "crawl.warc.gz", [
        Fetch("https://www.coastalherald.example/news/rss", feed.encode(), "application/rss+xml"),
        Fetch(FERRY_URL + "?utm_source=rss", fixture_bytes("article_ferry.html")),
        Fetch(PIER_URL + "?utm_source=newsletter", fixture_bytes("article_pier.html"), date="2024-03-09T07:20:00Z"),
        Fetch("https://www.coastalherald.example/news/old-story", fixture_bytes("not_found.html"), status=404),
        Fetch("https://www.coastalherald.example/business/", fixture_bytes("section_business.html")),
        Fetch("https://www.coastalherald.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        # the harbour story again, reached through a tracking link: the same document, updated
        Fetch(HARBOUR_URL + "?utm_source=twitter&utm_campaign=spring", fixture_bytes("article_harbour.html"),
              date="2024-03-09T08:00:00Z"),
    ])


@pytest.fixture()
def mixed_run(isolated_settings: Settings, es_client: Elasticsearch, enricher: Enricher,
              tmp_path: Path) -> Iterator[MixedRun]:
    folder = tmp_path / "inputs"
    warc_ids = _mixed_folder(folder)
    setup_indices(es_client, isolated_settings)
    with EnrichmentStore.open(isolated_settings) as store:
        summary = index_paths(isolated_settings, es_client, [folder], enricher=enricher, store=store, progress=False)
    hits = es_client.search(index=isolated_settings.alias, size=100, query={"match_all": {}})["hits"]["hits"]
    documents = {hit["_source"]["url"] or hit["_source"]["title"]: hit["_source"] for hit in hits}
    yield MixedRun(isolated_settings, folder, summary, warc_ids, documents)


def test_mixed_folder_balances_and_skips_non_articles_with_reasons(mixed_run: MixedRun) -> None:
    summary = mixed_run.summary
    assert summary.read == summary.created + summary.updated + summary.rejected + summary.skipped
    assert (summary.read, summary.created, summary.updated, summary.rejected, summary.skipped) == (14, 9, 1, 1, 3)
    assert summary.stopped is None and summary.warnings == 0 and "skipped 3 (not articles)" in summary.line()
    assert summary.skipped_path is not None
    skipped = [json.loads(line) for line in summary.skipped_path.read_text(encoding="utf-8").splitlines()]
    warc = str(mixed_run.folder / "crawl.warc.gz")
    assert [(Path(s["file"]).name, s["line"]) for s in skipped] == [
        ("crawl.warc.gz", 9), ("crawl.warc.gz", 11), ("section_business.html", 1)]
    assert skipped[2]["reason"].startswith("not an article: section front or tag page (10 article links")
    assert skipped[0] == {"file": warc, "line": 9, "stage": "read", "reason":
                          "not an article: HTTP status 404 (https://www.coastalherald.example/news/old-story)"}
    assert summary.rejects_path is not None
    [reject] = [json.loads(line) for line in summary.rejects_path.read_text(encoding="utf-8").splitlines()]
    assert (Path(reject["file"]).name, reject["line"]) == ("notes.jsonl", 2)
    assert len(mixed_run.documents) == 9


def test_one_document_per_story_with_utm_free_canonical_ids(mixed_run: MixedRun) -> None:
    documents = mixed_run.documents
    web_urls = {HARBOUR_URL, FERRY_URL, PIER_URL, LIFEBOAT_URL, LIBRARY_URL, CLEANUP_URL, BAND_URL}
    assert web_urls <= set(documents)
    for url in web_urls:
        assert "utm_" not in url and documents[url]["id"] == document_id(explicit_id=None, url=url, title="", body="")
    # the ferry is in the WARC's feed and its page in the same WARC: one document, the page's text
    assert documents[FERRY_URL]["text"].startswith("The island ferry Saint Brendan")
    assert "Ferry summary." not in documents[FERRY_URL]["text"]
    # the harbour story: a page file, an RSS entry and a second fetch through a tracking link, one document
    harbour = documents[HARBOUR_URL]
    assert harbour["text"].startswith("Dock workers") and "Dock workers return after" not in harbour["text"]
    assert harbour["source"] == "The Coastal Herald"


def test_published_source_says_where_each_date_came_from(mixed_run: MixedRun) -> None:
    documents = mixed_run.documents
    found = {url: (documents[url]["published"], documents[url]["published_source"])
             for url in (HARBOUR_URL, LIFEBOAT_URL, FERRY_URL, LIBRARY_URL, PIER_URL)}
    assert found == {
        HARBOUR_URL: ("2024-03-05", "html"),
        LIFEBOAT_URL: ("2024-03-07", "url"),
        FERRY_URL: ("2024-03-06", "feed"),
        LIBRARY_URL: ("2024-03-04", "feed"),
        PIER_URL: ("2024-03-09", "fetch"),
    }
    assert documents["Council notes"]["published_source"] == "metadata"
    assert "provenance" not in documents["Council notes"]
    assert documents[FERRY_URL]["provenance"] == {"fetched_at": "2024-03-09T07:15:00Z",
                                                  "warc_file": str(mixed_run.folder / "crawl.warc.gz"),
                                                  "warc_record": mixed_run.warc_ids[1]}


def test_the_article_page_shows_where_a_web_article_came_from(mixed_run: MixedRun, es_client: Elasticsearch) -> None:
    harbour = mixed_run.documents[HARBOUR_URL]
    with TestClient(create_app(mixed_run.settings, es_client)) as client:
        page = client.get(f"/articles/{harbour['id']}")
        plain = client.get(f"/articles/{mixed_run.documents['Council notes']['id']}")
    assert page.status_code == 200, page.text
    html = page.text
    assert "Where this article came from" in html
    assert f'href="{HARBOUR_URL}"' in html
    assert "2024-03-09T08:00:00Z" in html  # the later fetch updated the document
    assert f"<code>{mixed_run.folder / 'crawl.warc.gz'}</code>" in html
    record_id = mixed_run.warc_ids[6].replace("<", "&lt;").replace(">", "&gt;")
    assert f"<code>{record_id}</code>" in html
    assert 'data-published-source="html"' in html and "the page&#39;s markup" in html
    assert plain.status_code == 200 and "Where this article came from" not in plain.text


def _archive_on_previous_mapping(settings: Settings, es_client: Elasticsearch, tmp_path: Path) -> tuple[str, Path]:
    """An empty live index on the mapping before ``provenance`` (version - 1), and a one-article input file."""
    old_name = physical_index_name(settings).replace(f"-v{MAPPING_VERSION}-", f"-v{MAPPING_VERSION - 1}-")
    body = index_body()
    del body["mappings"]["properties"]["provenance"]
    body["mappings"]["_meta"] = {"mapping_version": MAPPING_VERSION - 1}
    es_client.indices.create(index=old_name, settings=body["settings"], mappings=body["mappings"],
                             aliases={settings.alias: {}, settings.write_alias: {"is_write_index": True}})
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps({"title": "Council notes", "text": "The council met on Monday."}) + "\n",
                     encoding="utf-8")
    return old_name, notes


def test_an_archive_on_the_previous_mapping_is_reindexed_then_takes_web_articles(
    isolated_settings: Settings, es_client: Elasticsearch, enricher: Enricher, tmp_path: Path
) -> None:
    """MAPPING_VERSION went up with ``provenance``: setup refuses the older live index (and changes nothing),
    a re-index from the store moves the archive onto the new mapping, and web articles index after that."""
    settings = isolated_settings
    old_name, notes = _archive_on_previous_mapping(settings, es_client, tmp_path)
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [Fetch(FERRY_URL, fixture_bytes("article_ferry.html"))])
    with EnrichmentStore.open(settings) as store:
        first = index_paths(settings, es_client, [notes], enricher=enricher, store=store, progress=False)
        assert (first.created, first.rejected) == (1, 0)
        with pytest.raises(OutdatedMappingError):
            setup_indices(es_client, settings)
        result = reindex(es_client, settings, store, ReindexOptions(progress=False))
        assert result.target != old_name and f"-v{MAPPING_VERSION}-" in result.target
        assert setup_indices(es_client, settings) == setup_indices(es_client, settings) == result.target
        second = index_paths(settings, es_client, [warc], enricher=enricher, store=store, progress=False)
    assert (second.created, second.rejected) == (1, 0)
    es_client.indices.refresh(index=settings.alias)
    hits = es_client.search(index=settings.alias, query={"match_all": {}})["hits"]["hits"]
    by_title = {hit["_source"]["title"]: hit["_source"] for hit in hits}
    assert set(by_title) == {"Council notes", "Island ferry back in service after engine repair"}
    assert by_title["Island ferry back in service after engine repair"]["provenance"]["warc_file"] == str(warc)


def test_setup_migrate_moves_an_archive_on_the_previous_mapping_and_index_says_how(
    isolated_settings: Settings, es_client: Elasticsearch, enricher: Enricher, tmp_path: Path
) -> None:
    """What `make run` does on a machine whose archive predates the current mapping: `index` alone refuses with
    a message naming the fix; `setup --migrate` re-indexes from the store and `index` then works."""
    from typer.testing import CliRunner

    from newsarchive.cli import app

    settings = isolated_settings
    _old_name, notes = _archive_on_previous_mapping(settings, es_client, tmp_path)
    with EnrichmentStore.open(settings) as store:
        first = index_paths(settings, es_client, [notes], enricher=enricher, store=store, progress=False)
    assert first.created == 1
    env = {"NEWSARCHIVE_ES_URL": str(settings.es_url), "NEWSARCHIVE_INDEX_PREFIX": settings.index_prefix,
           "NEWSARCHIVE_DATA_DIR": str(settings.data_dir), "NEWSARCHIVE_CACHE_DIR": str(settings.cache_dir)}
    refused = CliRunner().invoke(app, ["index", "--no-progress", str(notes)], env=env)
    assert refused.exit_code == 1 and "newsarchive setup --migrate" in refused.output
    assert "Traceback" not in refused.output
    migrated = CliRunner().invoke(app, ["setup", "--migrate"], env=env)
    assert migrated.exit_code == 0, migrated.output
    assert "migrated 1 documents" in migrated.output and f"-v{MAPPING_VERSION}-" in migrated.output
    again = CliRunner().invoke(app, ["setup", "--migrate"], env=env)
    assert again.exit_code == 0 and "migrating" not in again.output
    indexed = CliRunner().invoke(app, ["index", "--no-progress", str(notes)], env=env)
    assert indexed.exit_code == 0, indexed.output
    assert "read 1: indexed 0 new, updated 1, rejected 0" in indexed.output
