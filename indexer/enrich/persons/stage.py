"""The values every stage of person extraction shares: a mention, the article being read, a named stage."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from indexer.enrich.spans import EntitySpan


@dataclass(frozen=True)
class PersonMention:
    """One mention attributed to a person: its cleaned name and where it is."""

    name: str
    start: int
    end: int
    source: int


@dataclass
class PersonArticle:
    """What the stages know of one article before they run: its NER spans and texts (title, body), its PERSON
    spans with the parts NER split joined, the full names (two words or more) and their words those spans
    give, the folded names NER labels GPE or LOC, the words the article writes in lower case, the one-word
    names it writes as organisations; and, once the sources have run, everything they found (``found``:
    the evidence the context filters read, whatever an earlier filter dropped)."""

    spans: Sequence[EntitySpan]
    texts: Sequence[str]
    person_spans: list[EntitySpan]
    full_names: set[str]
    full_tokens: set[str]
    surnames: set[str]
    place_labelled: AbstractSet[str]
    lower_words: AbstractSet[str]
    organisations: set[str]
    corpus_rules: bool = True
    found: list[PersonMention] = field(default_factory=list)


#: A stage's work: the mentions so far in, the mentions after the stage out.
StageRun = Callable[[PersonArticle, list[PersonMention]], list[PersonMention]]


@dataclass(frozen=True)
class Stage:
    """One named step of person extraction. ``run`` takes the article and the mentions so far and returns
    the mentions after the step; its docstring says what the step finds or removes. ``corpus`` marks a
    rule for one corpus's layouts (results tables, scorecards, line-ups), skipped when corpus rules are off;
    ``needs_texts`` a step that reads the texts, skipped when extraction has only spans."""

    name: str
    run: StageRun
    corpus: bool = False
    needs_texts: bool = True

    @property
    def description(self) -> str:
        """What the stage does: its run function's docstring."""
        return inspect.getdoc(self.run) or ""

    def active(self, article: PersonArticle) -> bool:
        """Whether the stage runs for ``article`` (texts given when it needs them, corpus rules on when it
        is one)."""
        return (bool(article.texts) or not self.needs_texts) and (article.corpus_rules or not self.corpus)
