"""Transcript turns (issue 18, fourth round): speaker labels that open with a greeting or are glued to a
heading or an elision mark, and reporting verbs that report words only with a clause ("continued",
"found").

Sentences are from the seed releases (kremlin.ru, president.gov.ua: CC BY 4.0) and Wikinews (CC BY 2.5),
shortened; the Doc is made the way the pipeline makes it, with the Doc's own resolver.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from indexer.enrich.attribution_resolver import DocEntityResolver
from indexer.enrich.statements import extract_statements
from indexer.enrich.types import Statement

pytestmark = pytest.mark.nlp


def statements(nlp: Language, text: str) -> list[Statement]:
    """Statements of ``text`` with the Doc's own resolver."""
    doc = nlp(text)
    return extract_statements(doc, DocEntityResolver(doc), nlp)


@pytest.mark.parametrize("text", [
    # a turn that opens with a greeting (no verb after the colon)
    "Anna Popova was invited. President of Russia Vladimir Putin: Colleagues, good afternoon. "
    "I thank everyone who helped the doctors.",
    # a label glued to a heading (no full stop between them)
    "Roscosmos took part. * * * Beginning of meeting with Defence Ministry leadership and heads of defence "
    "industry enterprises President of Russia Vladimir Putin: Good afternoon, colleagues. "
    "I thank everyone who helped the doctors.",
    # a label after an elision mark
    "Thank you. <…> Vladimir Putin: Thank you very much. I thank everyone who helped the doctors.",
])
def test_a_turn_label_makes_the_turn_the_speakers(nlp: Language, text: str) -> None:
    found = statements(nlp, text)
    thanks = [s for s in found if s["cue"] == "thank"]
    assert [(s["speaker"], s["resolved"], s["stance"]) for s in thanks] == [("Vladimir Putin", True, "supports")]
    assert not any("good afternoon" in (s["content"] or "").lower() for s in found)  # a greeting is no statement


def test_a_name_after_a_told_is_no_label(nlp: Language) -> None:
    found = statements(nlp, "He told Vladimir Putin: we will win the war soon.")
    assert [(s["speaker"], s["cue"]) for s in found] == [("He", "told")]


def test_a_heading_after_a_name_is_no_label(nlp: Language) -> None:
    # no verb and no greeting after the colon: a heading, not a turn (the I stays unresolved)
    found = statements(nlp, "Vladimir Putin met the Governor. Joe Biden: Early years and career. "
                            "I strongly oppose the new tax bill.")
    assert [(s["speaker"], s["resolved"], s["stance"]) for s in found] == [("I", False, "opposes")]


@pytest.mark.parametrize(("text", "cues"), [
    # acts, not reports
    ("The Head of State said that Ukraine continues to carry out reforms despite the aggression.", ["said"]),
    ("In the early 17th century, Russia found itself on the brink of losing its sovereignty.", []),
    ("Ukraine cannot wait another six months while Russia continues killing our citizens.", []),
    # reports: a quotation, a clause, a colon, a finding that denies
    ("\"We will win,\" he continued. \"It is clear.\"", ["continued"]),
    ("He continued: \"We will win.\"", ["continued"]),
    ("The study found that the drug works.", ["found"]),
    ("Obama continued to insist that the deal was good.", ["continued to insist"]),
    ("Russia continues to shell Kharkiv, \"a war crime,\" Zelenskyy said.", []),
    ("An investigation by PolitiFact found no such action on Joe Biden's part.", ["found"]),
])
def test_clause_only_verbs_report_with_a_clause(nlp: Language, text: str, cues: list[str]) -> None:
    assert [s["cue"] for s in statements(nlp, text)] == cues
