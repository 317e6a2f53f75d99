"""The reader's search text: rewriting of word operators and the caps (no Elasticsearch needed)."""

from __future__ import annotations

import pytest

from web.query_text import MAX_NESTING, MAX_QUERY_LENGTH, MAX_TERMS, QueryTextError, prepare_query_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   \t\n", None),
        ("Peskov", "Peskov"),
        ("  Kremlin   denies ", "Kremlin denies"),
        ("Putin OR Trump", "Putin | Trump"),
        ("Putin AND Trump", "Putin + Trump"),
        ("Putin NOT Trump", "Putin -Trump"),
        ("Putin or Trump", "Putin or Trump"),
        ('"Putin OR Trump" call', '"Putin OR Trump" call'),
        ('"phone call" -Trump', '"phone call" -Trump'),
        ("(Putin OR Peskov) denies", "(Putin | Peskov) denies"),
        ("Peskov\x00denies", "Peskov denies"),
        ("deni*", "deni*"),
        ("OR", None),
    ],
)
def test_prepare_query_text_rewrites_word_operators(raw: str | None, expected: str | None) -> None:
    assert prepare_query_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("a" * (MAX_QUERY_LENGTH + 1), f"at most {MAX_QUERY_LENGTH}"),
        ("(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1), f"at most {MAX_NESTING} levels"),
        (" ".join(f"w{i}" for i in range(MAX_TERMS + 1)), f"at most {MAX_TERMS} are allowed"),
    ],
)
def test_prepare_query_text_refuses_oversized_input_with_a_message(raw: str, needle: str) -> None:
    with pytest.raises(QueryTextError) as caught:
        prepare_query_text(raw)
    assert needle in str(caught.value)


def test_limits_are_inclusive() -> None:
    assert prepare_query_text("a" * MAX_QUERY_LENGTH) == "a" * MAX_QUERY_LENGTH
    nested = "(" * MAX_NESTING + "a" + ")" * MAX_NESTING
    assert prepare_query_text(nested) == nested
    words = " ".join(f"w{i}" for i in range(MAX_TERMS))
    assert prepare_query_text(words) == words


def test_parentheses_inside_quotes_do_not_count_as_nesting() -> None:
    quoted = '"' + "(" * (MAX_NESTING + 3) + ' a"'
    assert prepare_query_text(quoted) == quoted
