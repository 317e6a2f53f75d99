"""Persons: from noisy NER mentions to canonical full names with mention counts, in named stages.

:func:`extract_persons` reads the article once (:func:`~indexer.enrich.persons.ner_spans.read_article`),
runs the :data:`SOURCES` in their declared order (each adds the mentions it finds), then the :data:`FILTERS`
in theirs (each removes what it shows to be no person), then names every mention canonically
(:mod:`~indexer.enrich.persons.canonical`). The order is part of the behaviour: later sources read what
earlier ones found (``mistagged``, ``repeated_surnames``, ``list_lines``), and the context filters read
everything the sources found. Stages marked ``corpus`` (sports results layouts of the 1996 Reuters corpus)
are skipped with ``corpus_rules=False``. docs/enrichment.md lists the stages.
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer.enrich.persons.alias_table import find_alias_table
from indexer.enrich.persons.canonical import Persons, canonical_persons, split_person_tail
from indexer.enrich.persons.context_filters import drop_non_person_context
from indexer.enrich.persons.corpus_rules import find_line_ups, find_scorecards
from indexer.enrich.persons.corpus_tables import drop_results_tables
from indexer.enrich.persons.filters import (
    drop_body_first_word,
    drop_overlaps,
    drop_things_and_common_words,
    resolve_upper_case,
)
from indexer.enrich.persons.list_lines import find_list_lines
from indexer.enrich.persons.mistagged import find_mistagged, find_split_spans
from indexer.enrich.persons.ner_spans import find_ner_mentions, read_article
from indexer.enrich.persons.office_holders import find_office_holders
from indexer.enrich.persons.repeated_surnames import find_repeated_surnames
from indexer.enrich.persons.shaped_names import find_shaped_names
from indexer.enrich.persons.stage import PersonArticle, PersonMention, Stage
from indexer.enrich.spans import EntitySpan

__all__ = [
    "FILTERS",
    "SOURCES",
    "PersonArticle",
    "PersonMention",
    "Persons",
    "Stage",
    "extract_persons",
    "split_person_tail",
    "stage_named",
]

#: Ways of finding person mentions, in the order they run.
SOURCES: tuple[Stage, ...] = (
    Stage("ner_spans", find_ner_mentions, needs_texts=False),
    Stage("shaped_names", find_shaped_names),
    Stage("scorecards", find_scorecards, corpus=True),
    Stage("office_holders", find_office_holders),
    Stage("mistagged", find_mistagged, needs_texts=False),
    Stage("split_spans", find_split_spans),
    Stage("alias_table", find_alias_table),
    Stage("repeated_surnames", find_repeated_surnames),
    Stage("list_lines", find_list_lines),
    Stage("line_ups", find_line_ups, corpus=True),
)
#: Ways of removing what is no person, in the order they run after the sources.
FILTERS: tuple[Stage, ...] = (
    Stage("results_tables", drop_results_tables, corpus=True),
    Stage("non_person_context", drop_non_person_context),
    Stage("upper_case", resolve_upper_case),
    Stage("body_first_word", drop_body_first_word, needs_texts=False),
    Stage("things_and_common_words", drop_things_and_common_words, needs_texts=False),
    Stage("overlaps", drop_overlaps, needs_texts=False),
)


def stage_named(name: str) -> Stage:
    """The source or filter called ``name`` (raises ``KeyError`` for an unknown name)."""
    for stage in (*SOURCES, *FILTERS):
        if stage.name == name:
            return stage
    raise KeyError(name)


def extract_persons(spans: Sequence[EntitySpan], texts: Sequence[str] = (), corpus_rules: bool = True) -> Persons:
    """Canonical persons of one article from its NER spans.

    ``texts`` are the source texts the spans point into (title, body); when given, the sources that read
    text run too (names by their shape, office holders, the alias table, further untagged occurrences of a
    found person's surname, ...). A one-word name only in the title counts when the body names the same
    person. ``corpus_rules`` False skips the stages for the 1996 sports results layouts (scorecards,
    line-ups, results tables).
    """
    article = read_article(spans, texts, corpus_rules)
    mentions: list[PersonMention] = []
    for stage in SOURCES:
        if stage.active(article):
            mentions = stage.run(article, mentions)
    article.found = mentions
    for stage in FILTERS:
        if stage.active(article):
            mentions = stage.run(article, mentions)
    return canonical_persons(mentions)
