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
    # ... nor a report deeper in the content
    ("Spanish Prime Minister Pedro Sánchez met Volodymyr Zelenskyy in Kyiv. Pedro Sánchez said that critics "
     "claim Spain supports Russia.", {("Pedro Sánchez", "says")}, {("Pedro Sánchez", "supports")}),
    # a negative evaluation in "called it X"; "on Tuesday" is no call, a negated evaluation none
    ("Donald Trump called the ruling absurd on Tuesday.", {("Donald Trump", "denies")}, set()),
    ("The Prime Minister Boris Johnson called the deal not a disaster.", set(), {("Boris Johnson", "opposes")}),
    ("Joe Biden said: \"I don't agree with him on this.\"", {("Joe Biden", "says")}, {("Joe Biden", "supports")}),
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
    ("Joe Biden and Emmanuel Macron welcomed the decision.", {"Joe Biden", "Emmanuel Macron"}),
    ("Ukraine, Poland and Lithuania condemned the attack on the embassy.", {"Ukraine", "Poland", "Lithuania"}),
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
    ("Douglas", None), ("San Jose", None),  # the capital of a small territory; a Californian city
])
def test_capital_country(name: str, code: str | None) -> None:
    assert capital_country(name) == code


@pytest.mark.parametrize(("text", "tokens"), [
    ("The message reads, in part:\"The history",
     ["The", "message", "reads", ",", "in", "part", ":", "\"", "The", "history"]),
    ("friendly.\"I hope that", ["friendly", ".", "\"", "I", "hope", "that"]),
    ("in the U.S.\"The war", ["in", "the", "U.S.", "\"", "The", "war"]),
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


@pytest.mark.parametrize(("text", "cue", "speaker"), [
    # he/she right after a person the article does not name stays unresolved (kept as written) ...
    ("Emily Spanton accused two officers. The head of the police's internal investigators told the court "
     "\"Basic investigations weren't done.\" She also said \"I regret we weren't called immediately.\"",
     "said", "She"),
    # ... but not after one quoted inside another speaker's words
    ("Vladimir Putin said a spokesman had told him the deal was off. He added that Russia would respond.",
     "added", "Vladimir Putin"),
    # ... nor when a person is named in between
    ("A spokesman said the talks were over. Later, Joe Biden met the families of the victims. He said the "
     "response was slow.", "said", "Joe Biden"),
    # a name after a verb in the apposition is someone else's
    ("Emily Spanton accused two officers. Howard Rubel, a Toronto lawyer representing Spanton, told the BBC "
     "after the verdict \"My client is of course very relieved.\"", "told", "Howard Rubel"),
])
def test_who_a_pronoun_or_an_apposition_names(text: str, cue: str, speaker: str) -> None:
    speakers = [s["speaker"] for s in enriched(text) if s["cue"] == cue]
    assert speakers[-1] == speaker, speakers
