"""What a stance-bearing cue without a clause or quote takes a side on: its object is the content.

Sentences are from the seed releases and Wikinews (kremlin.ru, president.gov.ua: CC BY 4.0; Wikinews:
CC BY 2.5), shortened where marked; the Doc is made the way the enrichment pipeline makes it, and the
resolver is the Doc's own.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from indexer.enrich.attribution_resolver import DocEntityResolver
from indexer.enrich.statements import extract_statements
from indexer.enrich.types import Statement

pytestmark = pytest.mark.nlp


def statements(nlp: Language, text: str) -> list[Statement]:
    doc = nlp(text)
    found = extract_statements(doc, DocEntityResolver(doc), nlp)
    for s in found:
        if s["content"] is not None:
            assert text[s["content_start"]:s["content_end"]] == s["content"], "offsets must point at the content"
    return found


@pytest.mark.parametrize(("text", "stance", "content"), [
    # president.gov.ua (shortened)
    ("Airbus Vice President Kimon Sotiropoulos commended the Ukrainian government's decision to establish "
     "a national carrier.", "supports", "the Ukrainian government's decision to establish a national carrier"),
    ("Magdalena Andersson reaffirmed the Swedish government's strong and unwavering support for Ukraine's "
     "sovereignty.", "supports", "the Swedish government's strong and unwavering support for Ukraine's sovereignty"),
    ("Oleg Ustenko thanked Seoul for supporting Ukraine.", "supports", "Seoul for supporting Ukraine"),
    # kremlin.ru (shortened)
    ("Nicolas Maduro condemned the destabilising activity of the United States and NATO.", "opposes",
     "the destabilising activity of the United States and NATO"),
    ("Vladimir Putin extended his condolences on the passing of President Khalifa bin Zayed Al Nahyan.",
     "supports", "his condolences on the passing of President Khalifa bin Zayed Al Nahyan"),
    # a passive cue: its subject is what was denied
    ("The report was denied by the Ministry of Defence of Ukraine.", "denies", "The report"),
    # the object ends where the next clause begins
    ("Kimon Sotiropoulos commended the decision, noting that the carrier will start from scratch.", "supports",
     "the decision"),
    # the object before its topic
    ("Volodymyr Zelenskyy condemned the attack on the embassy.", "opposes", "the attack on the embassy"),
    # a relative clause on the object that reports speech is someone else's words; any other is the object's
    ("Joe Biden praised Volodymyr Zelenskyy, who said that the war will end.", "supports", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelenskyy thanked those countries that support Ukraine and transfer weapons.", "supports",
     "those countries that support Ukraine and transfer weapons"),
])
def test_the_object_of_a_stance_cue_is_its_content(nlp: Language, text: str, stance: str, content: str) -> None:
    found = [s for s in statements(nlp, text) if s["stance"] == stance]
    assert [s["content"] for s in found] == [content]


def test_a_when_or_where_is_not_content(nlp: Language) -> None:
    # "on Monday" is when, not what the speaker thanked for
    (found,) = statements(nlp, "Volodymyr Zelenskyy thanked Latvia on Monday.")
    assert found["content"] == "Latvia"


def test_the_target_of_a_pronoun_object_stays_empty(nlp: Language) -> None:
    # the object is content to search, but "him" names no target
    (found,) = statements(nlp, "Mykhailo Podolyak thanked him for the help.")
    assert (found["stance"], found["content"], found["target"]) == ("supports", "him for the help", None)


def test_a_lone_pronoun_is_no_content(nlp: Language) -> None:
    (found,) = statements(nlp, "Dmitry Peskov denied it.")
    assert (found["stance"], found["content"]) == ("denies", None)


def test_a_plain_report_gets_no_statement_for_its_object_alone(nlp: Language) -> None:
    # "noted the importance of ...": no clause, no stance -> still no statement (measured in round one)
    assert statements(nlp, "Volodymyr Zelenskyy noted the importance of the visit.") == []


@pytest.mark.parametrize(("text", "stance"), [
    # "according to X, ..." reads its content like "X said ...": the words of data/stance_content.tsv
    ("According to Volodymyr Zelenskyy, the shelling of Kharkiv is unacceptable.", "opposes"),
    ("According to Volodymyr Zelenskyy, he is grateful to Latvia for its help.", "supports"),
    # content that denies, as after "said" ("Dmitry Peskov said the reports are false" denies)
    ("According to Volodymyr Zelenskyy, the reports are false.", "denies"),
    # and a plain one stays a plain report
    ("According to Volodymyr Zelenskyy, the talks will continue on Monday.", "says"),
])
def test_according_to_takes_the_stance_of_its_content(nlp: Language, text: str, stance: str) -> None:
    (found,) = statements(nlp, text)
    assert (found["speaker"], found["cue"], found["stance"]) == ("Volodymyr Zelenskyy", "According to", stance)
