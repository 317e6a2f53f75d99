"""The user's search text: checked, capped and rewritten for ``simple_query_string``.

The syntax readers may use: words (all must match), ``"exact phrases"``, ``-exclude``, ``OR`` / ``|``,
``AND`` / ``+``, ``NOT``, parentheses and ``prefix*``. Anything else is matched literally
(``simple_query_string`` never fails on syntax). What is capped, with a clear message instead of a query:
the length, the number of terms and the nesting depth of parentheses.
"""

from __future__ import annotations

import unicodedata

MAX_QUERY_LENGTH = 300
MAX_TERMS = 32
MAX_NESTING = 4

#: The simple_query_string operators the archive enables (no fuzzy, slop or near operators).
QUERY_FLAGS = "AND|OR|NOT|PHRASE|PRECEDENCE|PREFIX|WHITESPACE|ESCAPE"

_WORD_OPERATORS = {"OR": "|", "AND": "+"}


class QueryTextError(ValueError):
    """The search text was refused; ``str(error)`` is a message for the reader."""


def _split_outside_quotes(text: str) -> list[str]:
    """Split on whitespace, keeping ``"quoted phrases"`` (with their quotes) as one token."""
    tokens: list[str] = []
    current: list[str] = []
    in_quote = False
    for char in text:
        if char == '"':
            in_quote = not in_quote
            current.append(char)
        elif char.isspace() and not in_quote:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        tokens.append("".join(current))
    return tokens


def nesting_depth(text: str) -> int:
    """Deepest parenthesis nesting outside quoted phrases (unbalanced closers are ignored)."""
    depth = deepest = 0
    in_quote = False
    for char in text:
        if char == '"':
            in_quote = not in_quote
        elif in_quote:
            continue
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def _clean_characters(text: str) -> str:
    """NFC-normalise and turn control characters (newlines, NUL, ...) into spaces."""
    normalised = unicodedata.normalize("NFC", text)
    return "".join(" " if unicodedata.category(c).startswith("C") else c for c in normalised)


def prepare_query_text(raw: str | None) -> str | None:
    """Return the text to send as ``simple_query_string.query``, or None when there is nothing to search.

    Rewrites the words ``OR``/``AND``/``NOT`` (upper case, outside quotes) into the operators ``|``, ``+``
    and ``-``. Raises :class:`QueryTextError` when the text is longer than :data:`MAX_QUERY_LENGTH`, has more
    than :data:`MAX_TERMS` terms, or nests parentheses deeper than :data:`MAX_NESTING`.
    """
    if raw is None:
        return None
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryTextError(f"The search text is {len(raw)} characters long; at most {MAX_QUERY_LENGTH} are allowed.")
    text = _clean_characters(raw).strip()
    if not text:
        return None
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise QueryTextError(
            f"The search text nests parentheses {depth} deep; at most {MAX_NESTING} levels are allowed."
        )
    tokens = _split_outside_quotes(text)
    out: list[str] = []
    negate_next = False
    for token in tokens:
        if token in _WORD_OPERATORS:
            out.append(_WORD_OPERATORS[token])
            continue
        if token == "NOT":
            negate_next = True
            continue
        out.append(f"-{token}" if negate_next else token)
        negate_next = False
    terms = [t for t in out if t not in ("|", "+")]
    if len(terms) > MAX_TERMS:
        raise QueryTextError(f"The search text has {len(terms)} terms; at most {MAX_TERMS} are allowed.")
    if not terms:
        return None
    return " ".join(out)
