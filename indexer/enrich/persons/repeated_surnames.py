"""Source ``repeated_surnames``: untagged occurrences of the surname of a person found ("Zelenskyy said"
after "Volodymyr Zelenskyy"), outside every entity span NER tagged."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.spans import CoveredText, EntitySpan


def _untagged_surnames(
    raw: list[PersonMention],
    spans: Sequence[EntitySpan],
    texts: Sequence[str],
    lower_words: AbstractSet[str] = frozenset(),
) -> list[PersonMention]:
    """Occurrences of a found person's surname that NER missed (not inside any entity span), unless the
    article also writes the surname as an ordinary lower-case word (``lower_words``: "Law" / "law")."""
    surnames = {m.name.split()[-1] for m in raw if len(m.name.split()) >= 2}
    surnames = {s for s in surnames if len(s) >= 4 and s[0].isupper() and not s.isupper()}
    found: list[PersonMention] = []
    if not surnames:
        return found
    surnames = {s for s in surnames if s.lower() not in lower_words}
    if not surnames:
        return found
    for source, text in enumerate(texts):
        covered = CoveredText(spans, source)
        for match in _CAPITALISED_TOKEN.finditer(text):
            surname = _without_possessive_suffix(match.group(0), surnames)
            if surname is None:
                continue
            start = match.start()
            end = start + len(surname)
            if not covered.overlaps(start, end):
                found.append(PersonMention(surname, start, end, source))
    return found


#: A capitalised word with its apostrophes and hyphens ("O'Brien's", "Rees-Zammit").
_CAPITALISED_TOKEN = re.compile(r"(?<![\w-])[A-Z][\w'’-]*")


def _without_possessive_suffix(word: str, surnames: AbstractSet[str]) -> str | None:
    """``word`` (or ``word`` without a trailing possessive or apostrophe) when it is one of ``surnames``."""
    if word in surnames:
        return word
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and word[: -len(suffix)] in surnames:
            return word[: -len(suffix)]
    return None


def find_repeated_surnames(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Occurrences of the surname (four letters or more, not all capitals) of a full name found so far that
    NER left outside every entity span, unless the article also writes the surname in lower case ("Law" /
    "law"); a possessive or apostrophe after it is left out."""
    return [*mentions, *_untagged_surnames(mentions, article.spans, article.texts, article.lower_words)]
