"""Stances a speaker voices (issue 18, fifth round): the speaker's own first person inside a quote ("We
support ..."), a person speaking for their own country ("Sánchez assured that Spain ... support Ukraine"),
a capital speaking for its state ("Baku and Yerevan confirmed"), evaluation and content words ("called the
deal 'lousy'", "My heart really goes out to the families", "I am also concerned"), and quotation marks a
page glued to the words around them ("The message reads, in part:"The history ...").

Sentences are from the seed articles (kremlin.ru and president.gov.ua: CC BY 4.0; Wikinews: CC BY 2.5),
shortened; each article is enriched as ``newsarchive index`` does.
"""

from __future__ import annotations

import pytest

from indexer.enrich.geo import capital_country
from indexer.enrich.nlp import NER_COMPONENTS, load_model
from indexer.enrich.pipeline import ArticleText, enrich_texts
from indexer.enrich.types import Statement

pytestmark = pytest.mark.nlp


def enriched(text: str, title: str = "News") -> list[Statement]:
    """Statements of one article enriched as ``newsarchive index`` does."""
    (result,) = enrich_texts([ArticleText(title, text)], batch_size=4)
    assert not isinstance(result, str), result
    return result["statements"]


def pairs(text: str) -> set[tuple[str, str]]:
    """(speaker, stance) of every statement of ``text``."""
    return {(s["speaker"], s["stance"]) for s in enriched(text)}


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # the speaker's own "we" in the quote is the speaker, not someone else the speaker reports
    ("\"We support, Mr. President, your intention to join the European family. You have the right to choose "
     "your destiny,\" said Pedro Sánchez, addressing Volodymyr Zelenskyy.",
     {("Pedro Sánchez", "supports")}, {("Pedro Sánchez", "says")}),
    # a person speaks for their own country: its stance in the reported words is theirs
    ("Spanish Prime Minister Pedro Sánchez met Volodymyr Zelenskyy in Kyiv. Pedro Sánchez also assured that "
     "Spain and its people support Ukraine in defending freedom and European democratic values.",
     {("Pedro Sánchez", "supports"), ("Spain", "supports")}, {("Pedro Sánchez", "says")}),
    # ... but what another country does is only reported
    ("Spanish Prime Minister Pedro Sánchez met Volodymyr Zelenskyy in Kyiv. Pedro Sánchez said that Russia "
     "denies the attack on the hospital.",
     {("Pedro Sánchez", "says")}, {("Pedro Sánchez", "denies")}),
    # a negative evaluation in "called it X"
    ("Tom Watson called Prime Minister Theresa May's proposed Brexit deal \"lousy\" and said he would only vote "
     "for it if the British people could also vote.", {("Tom Watson", "opposes")}, set()),
    # condolence and concern in the content of a plain report or a transcript turn
    ("Connecticut Governor Ned Lamont said at a press conference after the incident, \"My heart really goes out "
     "to the families and we're going to give them the best information we can.\"",
     {("Ned Lamont", "supports")}, set()),
    ("Vladimir Putin: Colleagues, good afternoon. I am also concerned about the exacerbation of tensions in "
     "Ukraine and still hope that there will be no serious clashes.", {("Vladimir Putin", "opposes")}, set()),
])
def test_voiced_stances(text: str, expected: set[tuple[str, str]], absent: set[tuple[str, str]]) -> None:
    found = pairs(text)
    assert expected <= found, found
    assert not absent & found, found


@pytest.mark.parametrize(("text", "speakers"), [
    ("Importantly, during the talks, Baku and Yerevan confirmed their willingness to cooperate for the sake of "
     "stability in the region.", {"Azerbaijan", "Armenia"}),
    ("Moscow warned that the new sanctions would hurt Europe first.", {"Russia"}),
    # conjoined sources each make the statement
    ("Ukraine and Poland condemned the attack on the embassy.", {"Ukraine", "Poland"}),
    ("Emmanuel Macron and Olaf Scholz welcomed the decision of the European Council.",
     {"Emmanuel Macron", "Olaf Scholz"}),
])
def test_a_capital_speaks_for_its_state(text: str, speakers: set[str]) -> None:
    found = {s["speaker"] for s in enriched(text)}
    assert speakers <= found, found


@pytest.mark.parametrize(("name", "code"), [
    ("Baku", "AZ"), ("Yerevan", "AM"), ("Moscow", "RU"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Washington", "US"),
    ("Seoul", "KR"),
    ("Brussels", None),  # the EU, not Belgium
    ("Victoria", None),  # an Australian state more often than the Seychelles
    ("Kharkiv", None),
])
def test_capital_country(name: str, code: str | None) -> None:
    assert capital_country(name) == code


@pytest.mark.parametrize(("text", "tokens"), [
    ("The message reads, in part:\"The history",
     ["The", "message", "reads", ",", "in", "part", ":", "\"", "The", "history"]),
    ("friendly.\"I hope that", ["friendly", ".", "\"", "I", "hope", "that"]),
    ("this is\"buried\" money", ["this", "is", "\"", "buried", "\"", "money"]),
    ("He said: “I am", ["He", "said", ":", "“", "I", "am"]),
    # markup and inch marks stay as they were
    ("id=\"783499116076687360\">The", ["id=\"783499116076687360\">The"]),
    ("a 5\" screen", ["a", "5", "\"", "screen"]),
])
def test_glued_quotation_marks_are_tokens(text: str, tokens: list[str]) -> None:
    doc = load_model(NER_COMPONENTS)(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_a_quotation_glued_to_its_colon_is_the_content() -> None:
    text = ("The message reads, in part:\"The history of your theatre is truly impressive. Each of its premieres "
            "turned into a real festival.\"")
    (statement,) = [s for s in enriched(text) if s["cue"] == "reads"]
    assert statement["speaker"] == "message"
    assert statement["direct"]
    assert statement["content"] is not None and statement["content"].startswith("The history of your theatre")
