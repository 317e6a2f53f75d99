"""The articles index: its analysis settings and mapping, in one place.

Tests, the indexer and the web app import these; nobody copies them. Bump :data:`MAPPING_VERSION` whenever
the mapping or analysis changes: physical index names carry it (``articles-v<version>-<timestamp>``).
"""

from __future__ import annotations

import copy
from typing import Any

MAPPING_VERSION = 3

#: Token filters the project's analysis plugin (``es-plugin/``) provides. Their presence on a cluster is
#: checked at start; without them the index cannot be created.
PLUGIN_FILTERS = {
    "possessive": "newsarchive_english_possessive",
    "proper_noun": "newsarchive_proper_noun_marker",
    "stem": "newsarchive_english_stem",
    "fold": "newsarchive_ascii_folding",
}

ANALYSIS: dict[str, Any] = {
    "filter": {
        "na_possessive": {"type": PLUGIN_FILTERS["possessive"]},
        "na_proper_noun": {"type": PLUGIN_FILTERS["proper_noun"]},
        "na_stem": {"type": PLUGIN_FILTERS["stem"]},
        "na_fold": {"type": PLUGIN_FILTERS["fold"]},
    },
    "analyzer": {
        # Full-text search: English possessives off, capitalised words (names) protected from stemming, lower
        # case, accents folded, each other word indexed as itself plus its English stem.
        "english_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["na_possessive", "na_proper_noun", "lowercase", "na_fold", "na_stem"],
        },
        # Quoted phrases ("quote_field_suffix": ".exact"): folded, lower case, not stemmed.
        "exact_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "na_fold"],
        },
    },
    "normalizer": {
        "lowercase": {"type": "custom", "filter": ["lowercase"]},
    },
}


def _facet_keyword() -> dict[str, Any]:
    """A keyword holding an already-normalised display value, with a lower-cased ``.lc`` twin for lookups."""
    return {
        "type": "keyword",
        "ignore_above": 512,
        "fields": {"lc": {"type": "keyword", "normalizer": "lowercase", "ignore_above": 512}},
    }


def _full_text(index_offsets: bool = True) -> dict[str, Any]:
    field: dict[str, Any] = {
        "type": "text",
        "analyzer": "english_folded",
        "fields": {"exact": {"type": "text", "analyzer": "exact_folded"}},
    }
    if index_offsets:
        field["index_options"] = "offsets"
        field["fields"]["exact"]["index_options"] = "offsets"
    return field


def _not_indexed_integer() -> dict[str, Any]:
    """An offset: kept for display and sorting (doc values), never searched."""
    return {"type": "integer", "index": False}


def statements_mapping() -> dict[str, Any]:
    """The nested ``statements`` field: keywords to filter and count (``speaker`` with its ``.lc`` twin),
    ``content`` searchable like ``text`` (offsets indexed for highlighting), ``evidence`` stored only (its
    words are already searchable in the article ``text``; a quote search must match the content alone),
    ``target`` searchable with a ``.keyword`` twin for aggregations, offsets not indexed."""
    return {
        "type": "nested",
        "dynamic": "strict",
        "properties": {
            "speaker": _facet_keyword(),
            "speaker_text": {"type": "keyword", "index": False, "doc_values": False},
            "speaker_type": {"type": "keyword"},
            "speaker_country": {"type": "keyword"},
            "resolved": {"type": "boolean"},
            "stance": {"type": "keyword"},
            "cue": {"type": "keyword", "ignore_above": 512},
            "content": _full_text(),
            "direct": {"type": "boolean"},
            "evidence": {"type": "text", "index": False},
            "start": _not_indexed_integer(),
            "end": _not_indexed_integer(),
            "content_start": _not_indexed_integer(),
            "content_end": _not_indexed_integer(),
            "target": {
                "type": "text",
                "analyzer": "english_folded",
                "fields": {"keyword": {"type": "keyword", "ignore_above": 512}},
            },
        },
    }


MAPPINGS: dict[str, Any] = {
    # Read back by ``newsarchive setup`` to tell whether the live index is older than the code.
    "_meta": {"mapping_version": MAPPING_VERSION},
    "dynamic": "strict",
    "date_detection": False,
    "properties": {
        "id": {"type": "keyword"},
        "url": {"type": "keyword", "ignore_above": 2048},
        "source": _facet_keyword(),
        "title": _full_text(),
        "text": _full_text(),
        "published": {"type": "date", "format": "strict_date_optional_time||yyyy-MM-dd"},
        "published_source": {"type": "keyword"},
        "language": {"type": "keyword"},
        "content_hash": {"type": "keyword"},
        "enrichment_version": {"type": "integer"},
        "indexed_at": {"type": "date"},
        "origin": {
            "properties": {
                "file": {"type": "keyword", "ignore_above": 2048},
                "line": {"type": "integer"},
            }
        },
        # Where a web article was read from (absent for other inputs): when it was fetched, and the WARC file
        # and record (``WARC-Record-ID``) it was read from.
        "provenance": {
            "properties": {
                "fetched_at": {"type": "date"},
                "warc_file": {"type": "keyword", "ignore_above": 2048},
                "warc_record": {"type": "keyword", "ignore_above": 512},
            }
        },
        "word_count": {"type": "integer"},
        # Dates the text refers to (specific calendar days).
        "dates": {"type": "date", "format": "yyyy-MM-dd"},
        "persons": {
            "properties": {
                "name": _facet_keyword(),
                "mentions": {"type": "integer"},
            }
        },
        "countries": {
            "properties": {
                "code": {"type": "keyword"},
                "name": _facet_keyword(),
            }
        },
        "places": {
            "properties": {
                "name": _facet_keyword(),
                "country": {"type": "keyword"},
            }
        },
        "organizations": {
            "properties": {
                "name": _facet_keyword(),
                "country": {"type": "keyword"},
            }
        },
        # Who said what: one nested document per attribution (``indexer.enrich.types.Statement``), so a quote
        # search matches speaker, stance and content of the same statement (docs/statements.md, "Storage and
        # search"). The flat fields below stay for the article facets.
        "statements": statements_mapping(),
        "stances": {"type": "keyword"},
        "speakers": _facet_keyword(),
        "speaker_stance": _facet_keyword(),
    },
}

INDEX_SETTINGS: dict[str, Any] = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "analysis": ANALYSIS,
    "highlight": {"max_analyzed_offset": 1_000_000},
}


def index_body() -> dict[str, Any]:
    """Return a fresh copy of the settings and mappings used to create a physical articles index."""
    return {"settings": copy.deepcopy(INDEX_SETTINGS), "mappings": copy.deepcopy(MAPPINGS)}


def mapped_fields() -> set[str]:
    """Return the top-level field names the mapping accepts (documents with others are rejected)."""
    return set(MAPPINGS["properties"])
