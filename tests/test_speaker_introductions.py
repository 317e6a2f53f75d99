"""Speakers resolved from how the article introduces people (issue 18, fourth round): a full name NER left
untagged, a given name NER cut off, a title's persons ("Meeting with Governor of Sevastopol Mikhail
Razvozhayev" ... "The Governor added"), an office named by its head noun in other words ("the Head of the
President's Office"), and office holders the article itself names (a bare "the President" too).

Sentences are from the seed releases (kremlin.ru, president.gov.ua: CC BY 4.0), shortened; each article is
enriched as ``newsarchive index`` does (persons step and article resolver included).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from indexer.enrich.office_holders import named_holder, office_named
from indexer.enrich.pipeline import ArticleText, enrich_texts
from indexer.enrich.types import Statement

pytestmark = pytest.mark.nlp


def enriched(title: str, text: str) -> list[Statement]:
    """Statements of one article enriched as ``newsarchive index`` does."""
    (result,) = enrich_texts([ArticleText(title, text)], batch_size=4)
    assert not isinstance(result, str), result
    return result["statements"]


def speakers_of(title: str, text: str, cue: str) -> list[tuple[str, bool]]:
    """(speaker, resolved) of the statements whose cue is ``cue``."""
    return [(s["speaker"], s["resolved"]) for s in enriched(title, text) if s["cue"] == cue]


@pytest.mark.parametrize(("title", "text", "cue", "expected"), [
    # the introduction NER did not tag ("... Ukraine Mykhailo Podolyak in an interview") gives the title
    ("Ukraine needs effective security guarantees - Mykhailo Podolyak",
     "This was stated by Adviser to the Head of the Office of the President of Ukraine Mykhailo Podolyak in an "
     "interview for WP Wiadomości. Mykhailo Podolyak noted that the talks go on. \"It will be a new system,\" "
     "said the Adviser to the Head of the President's Office.", "said", [("Mykhailo Podolyak", True)]),
    ("Ihor Zhovkva in Bucharest discussed Ukraine's Euro-Atlantic prospects",
     "Deputy Head of the Office of the President of Ukraine Ihor Zhovkva, who was on a visit to Romania on "
     "November 3-4, held working meetings. Ihor Zhovkva thanked Romania for its support. The Deputy Head of the "
     "Office of the President confirmed the invariability of Ukraine's course.", "confirmed",
     [("Ihor Zhovkva", True)]),
    # a full name NER left untagged right before the cue
    ("Meeting on the economy",
     "Yulia Svyrydenko opened the meeting. According to First Deputy Prime Minister and Minister of Economy "
     "Yulia Svyrydenko, work is underway with the Ministry of Foreign Affairs.", "According to",
     [("Yulia Svyrydenko", True)]),
    # the same office qualified in other words ("the President's Office"), the given name NER cut off
    ("The global security system has failed - Andriy Yermak",
     "Head of the Office of the President of Ukraine Andriy Yermak wrote this in his op-ed for TIME. "
     "\"These are all signs of the drive to replace the rule of law,\" the Head of the President's Office "
     "emphasized.", "emphasized", [("Andriy Yermak", True)]),
    # a person the title introduces with an office, named in the text
    ("Meeting with Governor of Sevastopol Mikhail Razvozhayev",
     "At the beginning of the meeting, Vladimir Putin asked Mr Razvozhayev to extend his greetings to "
     "Sevastopol residents. The Governor added that he agreed with the remark.", "added",
     [("Mikhail Razvozhayev", True)]),
])
def test_a_title_stands_for_the_person_introduced_with_it(title: str, text: str, cue: str,
                                                          expected: list[tuple[str, bool]]) -> None:
    assert speakers_of(title, text, cue) == expected


@pytest.mark.parametrize(("text", "cue", "expected"), [
    # a bare office: the one holder of it (any country, data/office_holders.tsv) the article names
    ("At the beginning of the meeting, Vladimir Putin asked Mr Razvozhayev to extend his greetings. "
     "The President supported the request.", "supported", [("Vladimir Putin", True)]),
    # the article's own persons only: a holder known from elsewhere (Poroshenko) does not make it unclear
    ("Volodymyr Zelenskyy met the press in Kyiv. The Ukrainian President thanked the partners for their help.",
     "thanked", [("Volodymyr Zelenskyy", True)]),
    # two holders named: who is meant is not clear
    ("Vladimir Putin spoke to Emmanuel Macron by phone. The President thanked the partners.", "thanked",
     [("President", False)]),
    # the office must be the head noun, held by the bearer: these are not the President or Prime Minister
    ("Volodymyr Zelenskyy met the press in Kyiv. The Head of the President's Office thanked the partners.",
     "thanked", [("Head of the President's Office", False)]),
    ("Denys Shmyhal met the press in Kyiv. The Deputy Prime Minister thanked the partners.", "thanked",
     [("Deputy Prime Minister", False)]),
    ("Prime Minister Denys Shmyhal met the press in Kyiv. The Minister thanked the partners.", "thanked",
     [("Minister", False)]),
])
def test_an_office_is_the_holder_the_article_names(text: str, cue: str, expected: list[tuple[str, bool]]) -> None:
    assert speakers_of("Meeting", text, cue) == expected


@pytest.mark.parametrize(("title", "text", "expected"), [
    # a visitor the title names is not "the President" when the article names holders: unclear, as written
    ("Meeting with President of Kazakhstan Kassym-Jomart Tokayev",
     "Vladimir Putin met Kassym-Jomart Tokayev in the Kremlin.", [("President", False)]),
    # a president of a region is not "the President" when the article names a holder of the office
    ("Meeting", "President of Tatarstan Rustam Minnikhanov met Vladimir Putin in the Kremlin.",
     [("Vladimir Putin", True)]),
    # an office of a place stands for its bare title; an office of a body does not
    ("Meeting", "Governor of Sevastopol Mikhail Razvozhayev met the press.", [("Mikhail Razvozhayev", True)]),
    ("Meeting", "President of the European Council Charles Michel met the press.", [("President", False)]),
    # a past holder the text gives another title is not the holder: as written
    ("Meeting", "Dmitry Medvedev, Deputy Chairman of the Security Council, spoke on Monday.",
     [("Prime Minister", False)]),
    ("Meeting", "Former President Petro Poroshenko met the press.", [("President", False)]),
    # a deputy or vice office is another office: its own holder, or as written
    ("Meeting", "Joe Biden met senators in Washington.", [("Vice-President", False)]),
    ("Meeting", "Prime Minister Denys Shmyhal met the press.", [("Deputy Prime Minister", False)]),
    ("Meeting", "Deputy Prime Minister Olha Stefanishyna met the press.", [("Olha Stefanishyna", True)]),
    # an empty title changes nothing
    ("", "Vladimir Putin met the press.", [("Vladimir Putin", True)]),
])
def test_who_a_bare_office_stands_for(title: str, text: str, expected: list[tuple[str, bool]]) -> None:
    office = {"Vice-President": "The Vice-President", "Deputy Prime Minister": "The Deputy Prime Minister",
              "Prime Minister": "The Prime Minister"}.get(expected[0][0], "The President")
    if "Governor" in text:
        office = "The Governor"
    elif "Stefanishyna" in text:
        office = "The Deputy Prime Minister"
    assert speakers_of(title, f"{text} {office} thanked the partners for their help.", "thanked") == expected


def test_a_surname_ner_tagged_as_an_organisation_is_the_person() -> None:
    # president.gov.ua (shortened): "Zelenskyy" alone is tagged ORG; the article names him in full
    text = ("The conference will begin a large-scale process. This was stated by President Volodymyr Zelenskyy, "
            "who was speaking with media representatives. Zelenskyy said that Ukrainian diplomacy should be "
            "created not only in the capital of the country.")
    found = [(s["speaker"], s["speaker_type"]) for s in enriched("Conference of ambassadors", text)]
    assert found == [("Volodymyr Zelenskyy", "person")]


@pytest.mark.parametrize(("words", "office"), [
    ("the President of Russia", "president"),
    ("the Head of State", "president"),
    ("the Prime Minister", "prime minister"),
    ("the Deputy Prime Minister", None),
    ("former President", None),
    ("the Vice President", None),
    ("the Minister", None),
])
def test_office_named(words: str, office: str | None) -> None:
    assert office_named(words) == office


def test_named_holder_without_a_country_is_the_one_holder_named() -> None:
    def named_in(*names: str) -> Callable[[str], str | None]:
        return lambda name: name if name in names else None

    assert named_holder("president", None, named_in("Vladimir Putin", "Olaf Scholz")) == "Vladimir Putin"
    assert named_holder("president", None, named_in("Vladimir Putin", "Joe Biden")) is None
    assert named_holder("president", "RU", named_in()) is None
