"""Shared by the entity-correction tests: seed-like articles with two spellings of one person and a false person,
an enricher that gives each its scripted entities (no NLP), and helpers to index and query them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.enrich.types import Enrichment, Stance, Statement
from indexer.indexing import index_paths
from indexer.records import RawArticle
from indexer.store import EnrichmentStore
from newsarchive.config import Settings

VARIANT, CANONICAL, FALSE_PERSON = "Zelensky", "Volodymyr Zelenskyy", "Kepler"


def said(speaker: str, stance: Stance) -> Statement:
    """A statement by a person speaker."""
    evidence = f"{speaker} said so."
    return Statement(speaker=speaker, speaker_text=speaker, speaker_type="person", speaker_country=None,
                     resolved=True, stance=stance, cue="said", content="so", direct=False, evidence=evidence,
                     start=0, end=len(evidence), content_start=len(speaker) + 6, content_end=len(speaker) + 8,
                     target=None)


#: title -> (persons with mentions, statements): two spellings of one person, a false person, bystanders.
ARTICLES: dict[str, tuple[list[tuple[str, int]], list[Statement]]] = {
    "Zelensky denies the report": ([(VARIANT, 2), ("Joe Biden", 1)], [said(VARIANT, "denies")]),
    "Zelensky visits the front": ([(VARIANT, 1)], []),
    "ZELÉNSKY in capitals": ([("ZELÉNSKY", 1)], []),
    "Zelenskyy speaks in Kyiv": ([(CANONICAL, 3)], [said(CANONICAL, "claims")]),
    "Both spellings in one article": ([(CANONICAL, 2), (VARIANT, 1)], [said(VARIANT, "denies")]),
    "Kepler telescope finds planets": ([(FALSE_PERSON, 1), ("Joe Biden", 1)],
                                       [said(FALSE_PERSON, "claims"), said("Joe Biden", "supports")]),
    "Kepler data released": ([(FALSE_PERSON, 2)], []),
    "Biden alone": ([("Joe Biden", 1)], [said("Joe Biden", "opposes")]),
}


class ScriptedEnricher:
    """Gives each article the enrichment scripted for its title (these tests are about corrections, not NLP)."""

    def enrich_articles(self, articles: Iterable[RawArticle]) -> Iterator[tuple[RawArticle, Enrichment | str]]:
        for article in articles:
            persons, statements = ARTICLES[article.title]
            yield article, Enrichment(
                title=article.title, text=article.body, published="2024-05-01", published_source="metadata",
                enrichment_version=1, dates=[], persons=[{"name": n, "mentions": m} for n, m in persons],
                countries=[], places=[], organizations=[], statements=statements,
                stances=sorted({s["stance"] for s in statements}),
            )


def write_articles(folder: Path, titles: Iterable[str], name: str = "articles.jsonl") -> Path:
    """A JSON Lines file of one article per title (ids derived from the title) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    lines = [json.dumps({"id": f"art-{hashlib.sha1(title.encode()).hexdigest()[:10]}", "title": title,
                         "published": "2024-05-01", "text": f"{title}. Body of the article about {title.lower()}."})
             for title in titles]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def index_articles(settings: Settings, client: Elasticsearch, path: Path) -> None:
    """Index ``path`` with :class:`ScriptedEnricher` into the archive of ``settings`` (store included)."""
    with EnrichmentStore.open(settings) as store:
        summary = index_paths(settings, client, [path], enricher=ScriptedEnricher(), store=store, progress=False)
    assert summary.rejected == 0 and summary.stopped is None


def ids_naming(client: Elasticsearch, settings: Settings, name: str) -> set[str]:
    """Ids of the indexed articles naming ``name`` (any letter case) as a person or a speaker."""
    query = {"query": {"bool": {"should": [{"term": {"persons.name.lc": name.lower()}},
                                           {"term": {"speakers.lc": name.lower()}}]}}, "_source": False}
    return {hit["_id"] for hit in scan(client, index=settings.alias, query=query)}
