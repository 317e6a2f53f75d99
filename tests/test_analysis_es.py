"""The index's analysis chain in a real Elasticsearch (the project's plugin): stemming, folding, names kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch

from newsarchive.config import Settings
from newsarchive.mapping import index_body

pytestmark = pytest.mark.es


@pytest.fixture(scope="module")
def analysis_index(es_settings: Settings, es_client: Elasticsearch) -> Iterator[str]:
    name = f"{es_settings.index_prefix}analysis"
    es_client.indices.create(index=name, **index_body())
    yield name
    es_client.indices.delete(index=name)


def _terms(client: Elasticsearch, index: str, analyzer: str, text: str) -> set[str]:
    return {t["token"] for t in client.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]}


@pytest.mark.parametrize(
    ("query", "text", "matches"),
    [
        ("deny", "The Kremlin denied the report.", True),
        ("denied", "Peskov denies it.", True),
        ("Ulm", "A court in Ülm ruled on Monday.", True),
        ("Zelenskyy", "Zelenskyy’s office said.", True),
        ("sanctions", "The sanction was lifted.", True),
        ("denied", "Prime Minister Denys Shmyhal said.", False),
        ("news", "The new minister arrived.", False),
        ("university", "The universe is large.", False),
    ],
)
def test_english_folded_matching(es_client: Elasticsearch, analysis_index: str, query: str, text: str,
                                 matches: bool) -> None:
    query_terms = _terms(es_client, analysis_index, "english_folded", query)
    text_terms = _terms(es_client, analysis_index, "english_folded", text)
    assert bool(query_terms & text_terms) is matches, (query_terms, text_terms)


def test_exact_field_folds_but_does_not_stem(es_client: Elasticsearch, analysis_index: str) -> None:
    assert _terms(es_client, analysis_index, "exact_folded", "Denied Ülm") == {"denied", "ulm"}
