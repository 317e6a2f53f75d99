"""Lucene regular expressions for the ``include`` option of terms aggregations (autocomplete, a person's
stances): literal text, matched case-insensitively by spelling out each letter's cases."""

from __future__ import annotations


def literal_pattern(text: str, *, case_insensitive: bool = True) -> str:
    """A Lucene regexp matching exactly ``text`` (every non-alphanumeric character escaped; letters as
    ``[xX]`` when ``case_insensitive``)."""
    parts: list[str] = []
    for char in text:
        lower, upper = char.lower(), char.upper()
        if case_insensitive and lower != upper and len(lower) == 1 and len(upper) == 1:
            parts.append(f"[{lower}{upper}]")
        elif char.isalnum():
            parts.append(char)
        else:
            parts.append("\\" + char)
    return "".join(parts)


def word_prefix_pattern(prefix: str) -> str:
    """A Lucene regexp matching values in which any word starts with ``prefix`` (case-insensitive):
    ``"pes"`` matches ``"Dmitry Peskov"`` and ``"Pesaro"``."""
    return f"(.*[ \\-'])?{literal_pattern(prefix)}.*"
