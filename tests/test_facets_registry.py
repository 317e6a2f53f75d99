"""The facet registry names real fields of the mapping, once each."""

from __future__ import annotations

from typing import Any

import pytest

from newsarchive.mapping import MAPPINGS
from web.facets import FACETS, MENTIONED_FIELD, PUBLISHED_FIELD, suggestable_facets


def _mapped(path: str) -> dict[str, Any] | None:
    """The mapping of a dotted field path (object properties and multi-field subfields)."""
    node: dict[str, Any] = MAPPINGS
    for part in path.split("."):
        children = node.get("properties") or node.get("fields") or {}
        if part not in children:
            return None
        node = children[part]
    return node


@pytest.mark.parametrize("facet", FACETS, ids=[f.name for f in FACETS])
def test_facet_fields_are_keyword_fields_of_the_mapping(facet: Any) -> None:
    counted = _mapped(facet.field)
    assert counted is not None and counted["type"] == "keyword", facet.field
    for filter_field in facet.filter_fields:
        mapped = _mapped(filter_field.field)
        assert mapped is not None and mapped["type"] == "keyword", filter_field.field


def test_lc_filter_fields_have_the_lowercase_normalizer() -> None:
    for facet in FACETS:
        for filter_field in facet.filter_fields:
            if filter_field.field.endswith(".lc"):
                mapped = _mapped(filter_field.field)
                assert mapped is not None and mapped["normalizer"] == "lowercase"


def test_names_and_params_are_unique() -> None:
    assert len({f.name for f in FACETS}) == len(FACETS)
    assert len({f.param for f in FACETS}) == len(FACETS)


def test_date_fields_are_dates() -> None:
    for field in (PUBLISHED_FIELD, MENTIONED_FIELD):
        mapped = _mapped(field)
        assert mapped is not None and mapped["type"] == "date"


def test_issue_facets_are_all_declared() -> None:
    assert {f.name for f in FACETS} >= {"person", "country", "org", "stance", "speaker_stance", "source"}
    assert {f.name for f in suggestable_facets()} == {"person", "country", "org", "source"}
