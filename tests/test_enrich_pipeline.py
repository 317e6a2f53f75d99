"""The enrichment pipeline's contract: output shape, publication date sources, order across worker
processes, the content-hash cache, and the ``newsarchive enrich`` command (real spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexer.enrich import pipeline
from indexer.enrich.cache import EnrichmentCache, content_key
from indexer.enrich.enricher import Enricher
from indexer.enrich.pipeline import ENRICHMENT_VERSION, ArticleText, prepare
from indexer.enrich.types import Enrichment
from newsarchive.cli import app

pytestmark = pytest.mark.nlp
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        ("Friday, January 4, 2019\n\nA building collapsed.", "2019-01-04", ("2019-01-04", "metadata")),
        ("Friday, January 4, 2019\n\nA building collapsed.", None, ("2019-01-04", "dateline")),
        ("Published: 3 March 2021\n\nThe council met.", None, ("2021-03-03", "text")),
        ("The council met on Monday.", None, (None, "none")),
        ("The council met on Monday.", "not a date", (None, "none")),
        ("The council met on Monday.", "yesterday", (None, "none")),
    ],
)
def test_publication_date_sources(body: str, published: str | None, expected: tuple[str | None, str]) -> None:
    prepared = prepare(ArticleText("Title", body, published))
    assert (prepared.published, prepared.published_source) == expected
    assert not prepared.text.startswith("Friday, January 4, 2019")


def test_enrichment_has_exactly_the_contract_fields() -> None:
    with Enricher(processes=1) as enricher:
        result = enricher.enrich_one(
            ArticleText("Kremlin denies call", "Dmitry Peskov denied it on Monday.", "2024-11-11")
        )
    assert set(result) == set(Enrichment.__annotations__)
    assert result["enrichment_version"] == ENRICHMENT_VERSION
    assert result["dates"] == ["2024-11-11"]
    assert result["persons"] == [{"name": "Dmitry Peskov", "mentions": 1}]
    assert result["stances"] == sorted({s["stance"] for s in result["statements"]})


def _articles(count: int) -> list[ArticleText]:
    names = ["Vladimir Putin", "Joe Biden", "Olaf Scholz", "Emmanuel Macron", "Volodymyr Zelenskyy"]
    return [
        ArticleText(f"Report {i}", f"{names[i % 5]} spoke in Berlin on {i % 28 + 1} March 2022.", "2022-03-30")
        for i in range(count)
    ]


def test_worker_processes_keep_input_order() -> None:
    articles = _articles(24)
    with Enricher(batch_size=4, processes=2) as parallel:
        results = list(parallel.enrich_many(articles))
    for i, result in enumerate(results):
        assert result["title"] == f"Report {i}"
        assert result["dates"] == [f"2022-03-{i % 28 + 1:02d}"]
    with Enricher(batch_size=4, processes=1) as single:
        assert list(single.enrich_many(articles)) == results


def test_cache_is_read_by_content_hash_and_version(tmp_path: Path) -> None:
    cache = EnrichmentCache(tmp_path / "enrich")
    article = ArticleText("Title", "Joe Biden spoke in Berlin.", "2022-03-30")
    with Enricher(processes=1, cache=cache) as enricher:
        first = enricher.enrich_one(article)
        assert len(cache) == 1
        # what is stored under the article's key is returned as it is: NLP does not run again
        stored = dict(first, persons=[{"name": "Stored Result", "mentions": 9}])
        cache.put_many({content_key(article.title, article.body, article.published, ENRICHMENT_VERSION): stored})  # type: ignore[dict-item]
        assert enricher.enrich_one(article)["persons"] == [{"name": "Stored Result", "mentions": 9}]
        # a changed body is a new key
        changed = enricher.enrich_one(ArticleText("Title", "Olaf Scholz spoke in Berlin.", "2022-03-30"))
        assert changed["persons"] == [{"name": "Olaf Scholz", "mentions": 1}]
        assert len(cache) == 2
    assert content_key("t", "b", None, 1) != content_key("t", "b", None, 2)
    cache.close()


def test_enrich_command_prints_json_lines_and_reports_errors(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(
        json.dumps(
            {"id": "a-1", "title": "Kremlin denies call", "text": "Dmitry Peskov denied it.", "published": "2024-11-11"}
        )
        + "\n"
        + "{not json\n"
        + json.dumps({"title": "Second", "text": "Olaf Scholz spoke.", "published": "sometime"})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app,
        ["enrich", str(source), "--no-cache", "--processes", "1"],
        env={"NEWSARCHIVE_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("id") for line in lines] == ["a-1", None]
    assert lines[0]["persons"] == [{"name": "Dmitry Peskov", "mentions": 1}]
    assert lines[1]["published"] is None and lines[1]["published_source"] == "none"
    assert f"{source}:2:" in result.stderr
    assert f"{source}:3: unparseable publication date 'sometime'" in result.stderr


def test_an_article_that_fails_cleaning_gets_its_error_and_the_rest_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real_prepare = pipeline.prepare

    def failing_prepare(article: ArticleText) -> pipeline.PreparedArticle:
        if article.title == "Broken":
            raise ValueError("cannot clean this")
        return real_prepare(article)

    monkeypatch.setattr(pipeline, "prepare", failing_prepare)
    articles = [
        ArticleText("First", "Dmitry Peskov spoke in Moscow."),
        ArticleText("Broken", "x"),
        ArticleText("Third", ""),
    ]
    results = pipeline.enrich_texts(articles, batch_size=8)
    assert results[1] == "ValueError: cannot clean this"
    assert not isinstance(results[0], str) and results[0]["title"] == "First"
    assert not isinstance(results[2], str) and results[2]["title"] == "Third"
