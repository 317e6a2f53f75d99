"""Who is the source, and which units are searched: the attribution rules of issue 18 on sentences written
for these tests in the style of US political news (not taken from any corpus).

Each row is a text, a cue as written and the source span the rules must give for it (None: no attribution
with that cue). The Doc is made the way the enrichment pipeline makes it (sentencizer + tok2vec + ner, the
parser loaded but disabled) and its units of mode "all" are parsed like the statements step parses them.
"""

from __future__ import annotations

import pytest
from script_modules import load_script
from spacy.language import Language

from indexer.enrich.attribution import find_attributions
from indexer.enrich.attribution_parse import parse_spans
from indexer.enrich.attribution_resolver import DocEntityResolver
from indexer.enrich.attribution_units import candidate_units, statement_units
from indexer.enrich.statements import extract_statements

pytestmark = pytest.mark.nlp


def sources(nlp: Language, text: str) -> dict[str, str | None]:
    """Cue as written -> source as written, for every attribution in the units of mode "all"."""
    doc = nlp(text)
    units = candidate_units(doc, "all")
    found: dict[str, str | None] = {}
    for unit in parse_spans(doc, units, nlp):
        for a in find_attributions(unit):
            found[unit[a.cue[0]:a.cue[1]].text] = unit[a.source[0]:a.source[1]].text if a.source else None
    return found


@pytest.mark.parametrize(("text", "cue", "source"), [
    # the whole noun phrase, titles and names together
    ("Campaign manager Laura Bell told reporters the numbers were strong.", "told", "Campaign manager Laura Bell"),
    ("Ohio Gov. Tom Reilly said the plan was dead.", "said", "Ohio Gov. Tom Reilly"),
    # appositions and relative clauses stay: they say who the source is
    ("Peter Hale, the county clerk, said the count would end on Friday.", "said",
     "Peter Hale, the county clerk"),
    ("Ruth Mayer, who ran the state party for a decade, said turnout was low.", "said",
     "Ruth Mayer, who ran the state party for a decade"),
    # an age, a participle or a place after a comma only describes the moment: left out
    ("Dana Kirby, 59, of Dayton, said she had not decided.", "said", "Dana Kirby"),
    ("Senator Ann Ward, speaking at a rally in Toledo, said the bill was a mistake.", "said", "Senator Ann Ward"),
    # a dateline before the sentence is no part of the source
    ("RENO, Nev. (AP) — Senator Ann Ward said the bill would pass.", "said", "Senator Ann Ward"),
    ("WASHINGTON — The governor said on Monday that the vote would be close.", "said", "The governor"),
    # quoted words around an inverted source stay out of it
    ("“We will win this state,” said Mayor Lee Grant. “Nobody doubts it.”", "said", "Mayor Lee Grant"),
])
def test_source_span(nlp: Language, text: str, cue: str, source: str) -> None:
    assert sources(nlp, text).get(cue) == source


@pytest.mark.parametrize(("text", "cue", "source"), [
    # reporting verbs added to the lexicon (speech that PolNeAR counts)
    ("Senator Ann Ward discussed the budget with reporters on Monday.", "discussed", "Senator Ann Ward"),
    ("The governor reminded voters that the deadline was Friday.", "reminded", "The governor"),
    ("Mayor Lee Grant highlighted the drop in crime during his speech.", "highlighted", "Mayor Lee Grant"),
    ("The senator later retweeted the video with a short comment.", "retweeted", "The senator"),
    # acts PolNeAR counts as attributions (found, but never a statement: see test_acts_are_no_statements)
    ("Senator Ann Ward voted for the bill on Tuesday.", "voted", "Senator Ann Ward"),
    # a second report hung by the parser on the first one's content keeps the speaker
    ("He says the answer was to cut taxes and says he wrote the bill himself.", "says", "He"),
    # headline colons name a speaker; times, labels and lists do not
    ("Graham: Tax Plan Would Hurt Working Families", ":", "Graham"),
    ("Editor's note: The article was updated on Monday to correct a date.", ":", None),
    ("CORRECTION: An earlier version of this story misspelled a name.", ":", None),
    ("The result: Students now take more tests than ever before.", ":", None),
    ("Bell: 1,769.", ":", None),
    # a title-case headline whose verb the tagger read as a name
    ("Conservative Leader Mark Lowell Endorses Ted Cruz", "Endorses", "Conservative Leader Mark Lowell"),
    # no speaker: a purpose, and what someone saw
    ("The leaders discussed ways to counter the threat.", "to counter", None),
    ("A memo seen by Reuters showed that the plan had failed.", "seen", None),
])
def test_cues(nlp: Language, text: str, cue: str, source: str | None) -> None:
    assert sources(nlp, text).get(cue) == source


def test_second_report_keeps_its_own_content(nlp: Language) -> None:
    """Both reports of the sentence are found, the first one's content stopping before the second."""
    doc = nlp("He says the answer was to cut taxes and says he wrote the bill himself.")
    unit = parse_spans(doc, candidate_units(doc, "all"), nlp)[0]
    found = [(unit[a.source[0]:a.source[1]].text if a.source else None,
              unit[a.content[0]:a.content[1]].text if a.content else None)
             for a in find_attributions(unit) if a.key == "say"]
    assert found == [("He", "the answer was to cut taxes"), ("He", "he wrote the bill himself")]


def test_time_before_a_colon_is_no_source(nlp: Language) -> None:
    """ "12:50 p.m.:" joined with the paragraph it introduces names no speaker, so the report in that
    paragraph is not taken for its content."""
    found = sources(nlp, "12:50 p.m.:\n\nSenator Ann Ward says the vote will be close.")
    assert found.get(":") is None
    assert found.get("says") == "Senator Ann Ward"


@pytest.mark.parametrize(("text", "expected"), [
    ("Senator Ann Ward voted for the bill on Tuesday.", set()),
    ("The committee focused on the budget this week.", set()),
    ("Senator Ann Ward said the vote was a mistake.", {("Ann Ward", "says")}),
])
def test_acts_are_no_statements(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    doc = nlp(text)
    found = {(s["speaker"], s["stance"]) for s in extract_statements(doc, DocEntityResolver(doc), nlp)}
    assert found == expected


@pytest.mark.parametrize(("text", "candidate"), [
    ("Graham: Tax Plan Would Hurt Working Families", True),  # a colon early in the unit
    ("Senator Ann Ward discussed the budget.", True),
    ("The meeting ended at noon and everyone went home.", False),
    ("The schedule for the day ran long, and the last item on it, long delayed, was this: lunch.", False),
])
def test_mode_all_prefilter(nlp: Language, text: str, candidate: bool) -> None:
    doc = nlp(text)
    assert bool(candidate_units(doc, "all")) is candidate


@pytest.mark.parametrize(("text", "first_word"), [
    ("WASHINGTON (AP) — Senator Ann Ward said the bill would pass.", "Senator"),
    ("New York (AFP) - The mayor said the city was ready.", "The"),
    ("WASHINGTON, Aug. 24 (UPI) -- The senator said no.", "The"),
    ("Senator Ann Ward — a Democrat — said the bill would pass.", "Senator"),  # no dateline
    ("The bill — long delayed — passed on Friday.", "The"),
])
def test_dateline_is_cut_from_the_unit(nlp: Language, text: str, first_word: str) -> None:
    doc = nlp(text)
    start, _ = statement_units(doc)[0]
    assert doc[start].text == first_word


def test_eval_quotation_marks() -> None:
    """The evaluation leaves out cues inside quotations (PolNeAR never annotates them): curly, straight and
    the New York Times' two apostrophes, with a stray opening mark used as a closing one."""
    polnear = load_script("eval_polnear.py")
    text = "''We will win,'' he said. “I think so,“ she said. \"They know it,\" I said.\n\n“Next"
    inside = polnear.quoted_chars(text)
    for word in ("We", "think", "know", "Next"):
        assert inside[text.index(word)], word
    for word in ("he said", "she said", "I said"):
        assert not inside[text.index(word)], word
