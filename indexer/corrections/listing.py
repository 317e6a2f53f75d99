"""``newsarchive entities list``: the persons or organisations of the live index with their article counts."""

from __future__ import annotations

from dataclasses import dataclass

from elasticsearch import Elasticsearch

from indexer.corrections.model import EntityType, fold_name
from indexer.corrections.reapply import distinct_values

ENTITY_FIELDS: dict[str, str] = {"person": "persons.name", "organization": "organizations.name"}


@dataclass(frozen=True)
class EntityCount:
    """One name as the index holds it, and how many articles name it."""

    name: str
    articles: int


def entity_counts(
    client: Elasticsearch,
    alias: str,
    entity_type: EntityType,
    *,
    min_articles: int = 1,
    prefix: str = "",
) -> list[EntityCount]:
    """Every name of ``entity_type`` in at least ``min_articles`` articles, most articles first (then by
    name). With ``prefix``, only names in which a word starts with it (folded: case and accents ignored)."""
    wanted = fold_name(prefix)
    found: list[EntityCount] = []
    for name, count in distinct_values(client, alias, ENTITY_FIELDS[entity_type]):
        if count < min_articles:
            continue
        if wanted and not _word_starts_with(fold_name(name), wanted):
            continue
        found.append(EntityCount(name, count))
    found.sort(key=lambda entry: (-entry.articles, entry.name))
    return found


def _word_starts_with(folded: str, prefix: str) -> bool:
    if folded.startswith(prefix):
        return True
    return any(folded[i + 1 :].startswith(prefix) for i, char in enumerate(folded) if char in " -'")
