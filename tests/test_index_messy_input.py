"""A folder of ordinary bad files, as a new user has them, indexed in one run against the real node: a
5.4-million-character article beside good records, Latin-1, Windows-1252 and UTF-16 text, a CSV with a BOM,
an unparseable date, a field of the wrong type, the same id twice, and one binary file. Everything that is
text is indexed; the binary file is the one reject; the summary balances and names each warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.cleaning import clean_body
from indexer.enrich.enricher import Enricher
from indexer.indexing import index_paths
from indexer.lifecycle import setup_indices
from indexer.store import EnrichmentStore
from indexer.verify import compare
from newsarchive.config import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.es, pytest.mark.nlp]

REFERENCE = json.loads((PROJECT_ROOT / "seeds" / "reference.jsonl").read_text(encoding="utf-8").splitlines()[0])
HUGE_CHARS = 5_400_000


def _huge_article(path: Path) -> None:
    """A transcript-like text file of 5.4 M characters: the reference article's paragraphs over and over,
    with a marker word at its very end (past what is enriched) and a speaker near its start."""
    paragraphs = [p for p in clean_body(REFERENCE["text"]).split("\n") if p.strip()]  # without site furniture
    parts = ["Marathon hearing transcript", "", "Senator Maria Cantwell opened the hearing on Monday."]
    size = sum(len(p) + 2 for p in parts)
    n = 0
    while size < HUGE_CHARS:
        paragraph = paragraphs[n % len(paragraphs)]
        parts.extend([paragraph, ""])
        size += len(paragraph) + 2
        n += 1
    parts.append("The hearing closed with the word zanzibarquokka.")
    path.write_text("\n".join(parts), encoding="utf-8")


def _messy_folder(folder: Path) -> None:
    folder.mkdir()
    _huge_article(folder / "huge.txt")
    records = [
        {"id": "good-1", "title": "Minister denies report", "text": "The minister denied the report on Monday.",
         "published": "2024-03-04"},
        {"id": "bad-date", "title": "A fine article", "text": "Talks resumed in Geneva.", "published": "32/13/2020"},
        {"id": "bad-url", "title": "Odd link", "text": "The summit ended early.", "url": {"href": "x"}},
        {"id": "good-1", "title": "Minister denies report", "text": "The minister denied the report again.",
         "published": "2024-03-05"},
    ]
    (folder / "batch.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cafe = "Café owners protest\n\nThe café owners of Lyon protested on Friday."
    (folder / "cafe.txt").write_bytes(cafe.encode("latin-1"))
    (folder / "windows.txt").write_text("Wahl in Österreich\n\nDie Wähler in Österreich stimmten am Sonntag ab, "
                                        "und die Regierung sprach von einem „klaren Ergebnis“ für 5 € Mehrwert.",
                                        encoding="cp1252")
    (folder / "utf16.txt").write_text("Press release\n\nThe ministry confirmed the talks in Kyiv.", encoding="utf-16")
    (folder / "excel.csv").write_text("title,text,date\nBudget passed,The budget passed on Tuesday.,2024-05-07\n",
                                      encoding="utf-8-sig")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)))


def test_a_messy_folder_loses_nothing(isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path) -> None:
    folder = tmp_path / "messy"
    _messy_folder(folder)
    settings = isolated_settings
    setup_indices(es_client, settings)
    with Enricher.from_settings(settings) as enricher, EnrichmentStore.open(settings) as store:
        summary = index_paths(settings, es_client, [folder], enricher=enricher, store=store, progress=False)

    # 1 huge + 4 JSONL + cafe + windows + utf16 + 1 CSV row + the image = 10 records
    assert summary.read == 10
    assert (summary.created, summary.updated, summary.rejected, summary.not_indexed) == (8, 1, 1, 0)
    assert summary.read == summary.created + summary.updated + summary.rejected
    assert summary.rejects_path is not None and summary.warnings_path is not None
    (reject,) = [json.loads(line) for line in summary.rejects_path.read_text(encoding="utf-8").splitlines()]
    assert reject["file"] == str(folder / "image.txt") and "binary" in reject["reason"]
    warnings = [json.loads(line) for line in summary.warnings_path.read_text(encoding="utf-8").splitlines()]
    reasons = {(Path(w["file"]).name, w["reason"].split(" (")[0].split(":")[0]) for w in warnings}
    assert ("batch.jsonl", "unparseable publication date '32/13/2020'") in reasons
    assert ("batch.jsonl", "field 'url' must be a string, got dict") in reasons
    assert any(name == "cafe.txt" and reason.startswith("decoded as") for name, reason in reasons)
    assert any(name == "windows.txt" and reason.startswith("decoded as") for name, reason in reasons)
    long_text = [w["reason"] for w in warnings if Path(w["file"]).name == "huge.txt"]
    assert summary.warnings == len(warnings)

    es_client.indices.refresh(index=settings.alias)
    docs = {hit["_source"]["title"]: hit["_source"] for hit in scan(es_client, index=settings.alias)}
    assert len(docs) == 8  # the same id twice is one document
    assert docs["Café owners protest"]["text"] == "The café owners of Lyon protested on Friday."
    assert "„klaren Ergebnis“ für 5 €" in docs["Wahl in Österreich"]["text"]
    assert docs["Press release"]["text"] == "The ministry confirmed the talks in Kyiv."
    assert docs["Budget passed"]["published"] == "2024-05-07"
    assert docs["A fine article"]["published"] is None and docs["A fine article"]["published_source"] == "none"
    assert docs["Odd link"]["url"] is None
    assert docs["Minister denies report"]["text"] == "The minister denied the report again."
    huge = docs["Marathon hearing transcript"]
    assert len(huge["text"]) > 5_000_000 and huge["text"].endswith("zanzibarquokka.")
    assert long_text == [f"text of {len(huge['text']):,} characters: entities, statements and mentioned dates come "
                         "from the first 1,000,000 (the whole text is indexed and searchable)"]
    assert "Maria Cantwell" in {p["name"] for p in huge["persons"]}
    for statement in huge["statements"]:
        assert statement["start"] < settings.enrich_max_chars
    found = es_client.search(index=settings.alias, query={"match": {"text": "zanzibarquokka"}})
    assert [hit["_source"]["title"] for hit in found["hits"]["hits"]] == ["Marathon hearing transcript"]
    with EnrichmentStore.open(settings) as store:
        assert compare(es_client, settings, store).agree
