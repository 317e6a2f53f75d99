"""The article's entity resolver: maps a mention to the article's canonical person or organisation."""

from __future__ import annotations

from indexer.enrich.organizations import Organizations
from indexer.enrich.persons import Persons


class ArticleResolver:
    """Implements :class:`indexer.enrich.types.EntityResolver` over one article's canonical entities."""

    def __init__(self, persons: Persons, organizations: Organizations) -> None:
        self._persons = persons
        self._organizations = organizations

    def person(self, text: str) -> str | None:
        """Canonical full name for a person mention ("Peskov" -> "Dmitry Peskov"), or None."""
        return self._persons.resolve(text)

    def named_person(self, name: str) -> str | None:
        """The canonical name of ``name`` when it is one of the article's persons, else None."""
        canonical = self._persons.resolve(name)
        return canonical if canonical is not None and canonical in self._persons.counts else None

    def organization(self, text: str) -> tuple[str, str | None] | None:
        """(canonical name, alpha-2 country or None) for an organisation mention, or None."""
        return self._organizations.resolve(text)
