"""Person names found by their shape in the text, where a statistical NER often misses them.

Results tables and scorecards ("4 - Kimiko Date (Japan) beat ...", "G. Thorpe lbw b Akram 54"), names
tagged with a party and state ("Sen. Phil Gramm (R-Texas)"), names in all-capital headlines that the
body names in ordinary case ("DALGLISH SAD OVER ..."), and bylines on their own line above a dateline.
Every function is pure: text in, ``(name, start, end)`` character spans out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from spacy.lang.en.stop_words import STOP_WORDS

from indexer.enrich import geo
from indexer.enrich.aliases import fold_name, organization_aliases
from indexer.enrich.mentions import STORM_WORDS, clean_person_name, is_title_word
from indexer.enrich.name_lists import given_names
from indexer.enrich.nlp import english_words

#: One name word: capitalised, possibly with an inner capital or apostrophe ("MaliVai", "O'Meara",
#: "Sanchez-Vicario"), or a lower-case particle ("van", "de", "el").
_NAME_WORD = re.compile(
    r"(?:[A-Z](?:['’][A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z]+)*|[A-Z]\.(?:[A-Z]\.)?"
    r"|de|da|di|do|dos|du|del|della|der|den|van|von|ter|bin|ibn|ben|al|el|la|le)"
)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "do",
        "dos",
        "du",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "ter",
        "bin",
        "ibn",
        "ben",
        "al",
        "el",
        "la",
        "le",
    ]
)
#: A parenthesised tag right after a name: a country, nationality or place ("(Canada)", "(U.S.)") or a
#: party and state ("(R-Texas)", "(D-N.Y.)").
_TAG = re.compile(r"(?<=[a-z.]) \((?P<tag>[A-Z][\w.'’ -]{1,28})\)")
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][\w. ]+")
#: A goal minute after a scorer's name: "Gilbert Agius (24th)", "(Driller 15th, Trulsen 54th)".
_MINUTE = re.compile(r"(?<=[a-z]) \(?\d{1,3}(?:st|nd|rd|th)\b(?! (?:century|anniversary|birthday|place|round))")
#: Words of a team, company or event, not of a person ("Ajax Amsterdam (Netherlands)").
_NOT_PERSON_WORDS = frozenset(
    [
        "fc",
        "cf",
        "sc",
        "ac",
        "club",
        "united",
        "city",
        "town",
        "athletic",
        "rovers",
        "county",
        "motor",
        "motors",
        "corp",
        "inc",
        "ltd",
        "co",
        "group",
        "bank",
        "airlines",
        "energy",
        "oil",
        "gas",
        "steel",
        "holdings",
        "open",
        "cup",
        "classic",
        "championship",
        "grand",
        "prix",
        "republic",
        "kingdom",
        "federation",
        "union",
        "emirates",
        "islands",
        "states",
    ]
)
#: An initial (or two) and a surname: "G. McGrath", "D.A. Weibring", "T.O'Gorman", "K. Curran".
_INITIAL_NAME = re.compile(
    r"(?<![\w.'’-])(?P<initials>(?:[A-Z]\.[ ]?){1,2})(?P<surname>(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+"
    r"(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)(?![\w'’-])"
)
_DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West"}
#: Capitalised words after an initial that are not surnames.
_NOT_SURNAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "it",
        "he",
        "she",
        "we",
        "they",
        "this",
        "that",
        "but",
        "not",
        "no",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
#: A byline line: "By Adrian Warner" or a bare two- or three-word name alone on its line.
_BYLINE = re.compile(
    r"^(?:By[ ]+)?(?P<name>[A-Z][a-z]+(?:[ ](?:[A-Z]\.|[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)?)){1,2})[ ]*$", re.M
)
#: "of <country>" after a name: "Cedric Pioline of France", "Aleksandra Olsza of Poland".
_OF_COUNTRY = re.compile(r"(?<=[a-z]) of (?:the )?(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")
#: A nickname in quotes inside a name ('Roberto "Hands of Stone" Duran'), and a first name an editor put in
#: brackets after a lower-case word ("he saw (Tom) Seaver").
_FIRST_NAMES = rf"{_NAME_WORD.pattern}(?:[ ]{_NAME_WORD.pattern}){{0,2}}"
_QUOTED_NICKNAME = re.compile(
    rf"(?<![\w'’-])(?P<first>{_FIRST_NAMES})[ ][\"“](?P<nickname>[ ]?[A-Z][^\"”\n]{{0,30}}?[ ]?)[\"”][ ]"
    rf"(?P<last>(?:(?:D[aeiu]|L[ae]|Van|Von|De[lr])[ ])?{_NAME_WORD.pattern})"
    r"(?![\w'’-])"
)
_BRACKETED_FIRST_NAME = re.compile(
    r"\((?P<first>[A-Z][a-z]+)\)[ ](?P<last>[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)(?![\w'’-])"
)
#: A cheap test for a short quoted nickname between two capitalised words.
_QUOTED_NICKNAME_GATE = re.compile(r"[a-z][ ][\"“][ ]?[A-Z][^\"”\n]{0,30}?[ ]?[\"”][ ][A-Z]")
#: A surname-first East Asian name with a hyphenated given name: "Kim In-so", "Li Song-ho".
_EAST_ASIAN_NAME = re.compile(r"(?<![\w'’-])(?P<surname>[A-Z][a-z]{1,4})[ ][A-Z][a-z]+-(?P<second>[a-z]+)(?![\w'’-])")
#: The second syllable of a romanised given name ("so", "ho", "in", "seok"), not "based" or "listed" of
#: "Hong Kong-based".
_GIVEN_SYLLABLE = re.compile(r"[a-z]{1,5}(?<!ed)")
_EAST_ASIAN_SURNAMES = frozenset(
    [
        "kim",
        "lee",
        "park",
        "choi",
        "jung",
        "chung",
        "kang",
        "cho",
        "yoon",
        "jang",
        "lim",
        "han",
        "oh",
        "seo",
        "shin",
        "kwon",
        "hwang",
        "ahn",
        "song",
        "yoo",
        "hong",
        "moon",
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "yang",
        "zhao",
        "huang",
        "zhou",
        "wu",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "he",
        "lin",
        "luo",
        "gao",
        "zheng",
        "liang",
        "xie",
        "tang",
        "han",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "dong",
        "pan",
        "yuan",
        "cai",
        "jiang",
        "yu",
        "du",
        "ye",
        "cheng",
        "wei",
        "su",
        "lu",
        "ding",
        "ren",
        "shen",
        "yao",
    ]
)
#: A monarch's or pope's regnal number after the name: "Henry VIII", "Pope John Paul II", "Queen Elizabeth I".
_REGNAL_NAME = re.compile(
    r"(?:(?P<title>\b(?:King|Queen|Emperor|Empress|Pope|Tsar|Czar|Kaiser|Sultan|Shah|Prince|Princess)[ ]))?"
    r"(?<![\w'’-])(?P<name>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?[ ](?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI"
    r"|XVII|XVIII))(?![\w'’-])"
)
#: A cheap test for a regnal number after a capitalised word.
_REGNAL_GATE = re.compile(r"[A-Z][a-z]+[ ](?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3})(?![\w'’-])")
#: A reporter's sign-off at the end of a wire story: "-- Luli Popescu, Bucharest Newsroom 40-1 3120264".
_SIGN_OFF = re.compile(
    r"^--[ ]*(?P<name>[A-Z][a-z]+(?:[ ](?:[A-Z]\.|[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)?)){1,2}),[ ]+[A-Z][\w ]*"
    r"[Nn]ewsroom\b",
    re.M,
)
#: A dateline line: a capitalised place (optionally ", Region") and a date or a weekday.
_DATELINE_LINE = re.compile(
    r"[A-Z][A-Z .'’-]+(?:,[ ]*[A-Z][\w .'’-]*)?[ ]+(?:\d{4}-\d\d-\d\d|\(\w+\)|[A-Z][a-z]{2,8}[ ]+\d{1,2})"
    r"|[A-Z][A-Z .'’-]+(?:,[ ]*[A-Z][\w .'’-]*)?[ ]*[-–—:]"
)
#: A result line: "<team> 2 <team> 1", each score possibly followed by a parenthesis (scorers, half-time).
_SIDE = r"[A-Z][\w.'’-]*(?:[ ][A-Za-z][\w.'’-]*){0,3}"
#: A side's country or city in brackets: "Benetton (Italy) 92 Dinamo (Russia) 81".
_SIDE_TAG = r"[ ]\([A-Z][\w.'’ -]{1,28}\)"
_SCORE_LINE = re.compile(
    rf"^(?:[^\n:]{{0,80}}:[ ])?(?P<a>{_SIDE})(?:{_SIDE_TAG})?[ ]\d{{1,3}}(?:[ ]\([^()\n]*\))?"
    rf"[ ](?P<b>{_SIDE})(?:{_SIDE_TAG})?[ ]\d{{1,3}}(?:[ ]\([^()\n]*\))?[ .]*$",
    re.M,
)
#: A fixture: "<team> [(<country>)] v <team> [(<country>)]", each side ending at a comma, bracket or line end.
_FIXTURE = re.compile(
    rf"(?:^|(?<=[,:][ ])|(?<=\)[ ])|(?<=x-))(?P<a>{_SIDE})(?:{_SIDE_TAG})?[ ]v[ ](?:x-)?(?P<b>{_SIDE})"
    rf"(?=(?:{_SIDE_TAG})?(?:[,.;]|[ ][A-Z]|[ ]?$))",
    re.M,
)
#: Context cues for organisations, teams, places and newspapers (see ``non_person_context``).
_COMPANY_AFTER = re.compile(
    r"(?:[ ][A-Z][a-z]+){0,2},?[ ](?:Inc|Corp|Co|Plc|PLC|Ltd|AG|SpA|S\.A\.|SA|NV|GmbH|&[ ](?:Sons|Co))(?![\w-])"
)
_PLACE_NOUN_AFTER = re.compile(
    r"[ ](?:sanatorium|checkpoint|port|region|province|district|valley|hills|mountains|airport|village|prison"
    r"|camp|rifles?|archdiocese|diocese|bookshop|resort|stadium|collective farm|city|river|lake|island"
    r"|cosmodrome|app|format|contest|programme|program|project|initiative|platform)\b"
)
#: Before a place: a preposition of place (the name must be in the gazetteer too: "in Baracoa", "at
#: Cliffe") or "Republic of" and the like ("the Republic of Ingushetia").
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|near|between|outside)[ ]+$")
_OF_REGION_BEFORE = re.compile(r"\b(?:Republic|Region|Province|Oblast|Krai|Territory|Governorate)[ ]+of[ ]+$")
#: A natural feature's word before or after a name ("Lake Baikal", "Mount Elbrus", "Dnieper River"): a
#: place. Not streets, squares or bridges, which are often named after people.
_FEATURE_BEFORE = re.compile(r"\b(?:Lake|Mount|Mt\.?|Cape|River|Gulf[ ]of|Sea[ ]of)[ ]+$")
_FEATURE_AFTER = re.compile(r"[ ](?:River|Lake|Sea|Mountains|Island|Islands|Canal|Strait|Peninsula|Gulf)\b")
#: A band's name after the word for a band ("the supergroup Blind Faith", "the band Wings").
_BAND_BEFORE = re.compile(r"\b(?:band|supergroup|rock[ ]group|pop[ ]group)[ ]+$")  # not "Pace trio David Millns"
#: A storm's name ("Tropical Storm Humberto", "Hurricane Humberto", "Typhoon Hagibis").
_STORM_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(w.capitalize() for w in STORM_WORDS)) + r")[ ]+$")
_TEAM_WORD_AFTER = re.compile(
    r"[ ](?:captain|skipper|striker|midfielder|defender|goalkeeper|winger|players|squad|scrum-half|fly-half"
    r"|fullback|full-back)\b"  # not "team", "fans" or "supporters": "the Dole team", "Trump supporters"
)
_PRESS_AFTER = re.compile(r"[ ](?:daily|weekly|newspaper|magazine|news agency)\b")
_PRESS_BEFORE = re.compile(r"\b(?:daily|weekly|newspaper|magazine|news agency|agency|news weekly)[ ]+$")
_THE_BEFORE = re.compile(r"\bthe[ ]+$")
#: A venue label starting a results line: "Tunbridge Wells: Nottinghamshire 214", "At Cardiff: Kent 128-1".
_VENUE_LABEL = re.compile(
    r"^(?:At[ ])?(?P<venue>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}):[ ][A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,2}[ ]\d",
    re.M,
)
#: The place of a dateline line: "TAVILDARA, Tajikistan 1996-08-30", "LONGYEAR, Norway 1996-08-30".
_DATELINE_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z .'’-]+[A-Z])(?:,[ ]*[A-Z][\w .'’-]*)?[ ]+\d{4}-\d\d-\d\d", re.M)
#: A league-table row: a team and whole numbers (played, won, drawn, lost, goals, points).
_STANDINGS_ROW = re.compile(rf"^(?P<team>{_SIDE})(?:[ ]?\(\*\))?(?P<numbers>(?:[ ]+\d{{1,4}}){{5,9}})[ ]*$", re.M)
#: A table label at the start of a line: "Attendance: 20,000", "Extras (lb-4) 11", "Halftime 1-0".
_LABEL = re.compile(r"(?:^|\n)(?P<word>[A-Z][a-z]+)(?=:|[ ]\(|[ ]\d)")
#: One to three name words (a scorecard name: "Waqar Younis", "M. Atherton", "Inzamam-ul-Haq", "de Silva").
_NAMES = rf"(?:{_NAME_WORD.pattern})(?:[ ](?:{_NAME_WORD.pattern})){{0,2}}"
#: Cricket scorecards: a batsman at the start of a line before how he was out ("M. Atherton b Wasim Akram
#: 65"), a fielder or bowler after "c", "st" or "b" ("c Moin Khan b Waqar Younis 0"), a bowler before
#: overs-maidens-runs-wickets ("Wasim Akram 25-8-61-1").
_CRICKET = re.compile(
    rf"^(?P<batsman>{_NAMES})[ ](?=(?:c|b|st|c[ ]&[ ]b|lbw[ ]b)[ ][A-Z]|run[ ]out\b|not[ ]out\b|retired\b)"
    rf"|(?<=[ ])(?:c|st|b|c[ ]&[ ]b)[ ](?P<fielder>{_NAMES})(?=[ ](?:b[ ][A-Z]|\d)|[ ]?$)"
    rf"|(?<![\w.'’-])(?P<bowler>{_NAMES})[ ](?=\d{{1,3}}(?:\.\d)?-\d{{1,3}}-\d{{1,3}}-\d{{1,2}}\b)",
    re.M,
)
#: A cheap test for cricket notation anywhere in a text, in three scans (one pattern with all three
#: alternatives scanned ten times slower: Python's ``re`` has no fast scan for a leading alternation).
_CRICKET_DISMISSAL = re.compile(r"[ ](?:c|b|st|lbw)[ ][A-Z]")
_CRICKET_FIGURES = re.compile(r"\d-\d{1,3}-\d{1,3}-\d")
_CRICKET_OUT = re.compile(r"\brun[ ]out\b|\bnot[ ]out\b|\bretired\b")
#: A line with at least two list separators (commas or semicolons).
_LIST_LINE = re.compile(r"^[^\n,;]*[,;][^\n,;]*[,;][^\n]*$", re.M)
#: One list item: a name of one to four words, maybe after "and", a rank or a shirt number ("70 ",
#: "15 - "), before a tag and scores ("(Sweden) 71 74").
_LIST_ITEM = re.compile(
    r"(?:[^:]*:)?[ ]*(?:and[ ]+)?(?:\d{1,3}\.?[ ]+(?:-[ ]+)?)?"
    rf"(?P<name>{_NAME_WORD.pattern}(?:[ ]{_NAME_WORD.pattern}){{0,3}})"
    r"(?:[ ]+\([^()]*\))?(?:[ ]+[\d.:/-]+)*[ .]*"
)
#: A shirt number and a name in a team line-up ("15 - Christian Cullen", "(14 - Sabri Lamouchi 87th)",
#: "7- Abdullah Ercan") or a substitute with his minute ("(Wayne Fyvie, 75)", "(Joel Stransky, 48 mins)").
_LINEUP_ITEM = re.compile(
    rf"(?:^|(?<=[,;(])|(?<=[)-][ ]))[ ]*\d{{1,2}}[ ]?-[ ]?(?P<numbered>{_NAMES})"
    rf"(?=[ ]*(?:[,;()]|\d{{1,3}}(?:st|nd|rd|th)\b|$))"
    rf"|\((?P<substitute>{_NAMES}),?[ ]\d{{1,3}}(?:st|nd|rd|th|[ ]mins?)?\)",
    re.M,
)
#: A cheap test that a text may hold a team sheet at all: a shirt number, a dash and a capital.
_LINEUP_GATE = re.compile(r"\d[ ]?-[ ]?[A-Z]")
#: Line-up items a line needs before its numbered names count as a team sheet.
_LINEUP_MIN_ITEMS = 3
#: The column right after a tagged name in a results table: a car, team or sponsor followed by a time or
#: score ("Alex Zanardi (Italy), Reynard Honda, 53.980", "Luca Pavanello (Italy) Aki 11").
_AFTER_TAG_COLUMN = re.compile(
    rf",?[ ](?P<column>{_NAME_WORD.pattern}(?:[ -](?:{_NAME_WORD.pattern}|[A-Z]+))*)(?=,?[ ]+\d)"
)
#: Words that cannot start a person's name ("At The Oval (London)").
_NOT_NAME_START = frozenset(["at", "in", "on", "the", "a", "an", "of", "by", "for", "from", "to", "with", "and"])
#: An all-capital word (two letters or more): headline words.
_UPPER_WORDS = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’-]*[A-Z](?:[ ]+[A-Z][A-Z'’-]*[A-Z])*(?![\w'’-])")


def tagged_names(text: str) -> list[tuple[str, int, int]]:
    """Names right before a country, nationality, place or party-state tag: "Kimiko Date (Japan)",
    "Phil Gramm (R-Texas)". Two to four name words, alone on their stretch of the line."""
    found: list[tuple[str, int, int]] = []
    for match in _TAG.finditer(text):
        tag = match.group("tag").strip()
        if not (geo.country_code(tag) or geo.place(tag) or _PARTY_STATE.fullmatch(tag)):
            continue
        words = _name_words_before(text, match.start())
        if words is None:
            continue
        start = words[0][1]
        name = clean_person_name(text[start : match.start()])
        if name is None or not plausible_full_name(name):
            continue
        offset = text.find(name, start, match.start())
        if offset >= 0:
            found.append((name, offset, offset + len(name)))
    return found


def lineup_names(text: str) -> list[tuple[str, int, int]]:
    """Names in team line-ups: a shirt number before each ("15 - Christian Cullen, 14 - Jeff Wilson, ...")
    and substitutes with their minute ("(Wayne Fyvie, 75)"), on lines with at least three such items.
    Returns the name-shaped items as they are written; callers decide which are persons."""
    found: list[tuple[str, int, int]] = []
    if _LINEUP_GATE.search(text) is None:
        return found
    for line in re.finditer(r"[^\n]+", text):
        items = list(_LINEUP_ITEM.finditer(line.group(0)))
        if sum(item.group("numbered") is not None for item in items) < _LINEUP_MIN_ITEMS:
            continue
        for item in items:
            group = "numbered" if item.group("numbered") is not None else "substitute"
            start, end = item.span(group)
            found.append((item.group(group), line.start() + start, line.start() + end))
    return found


def after_tag_columns(text: str) -> list[tuple[str, int, int]]:
    """The column right after a tagged name in a results table, before a time or score: a car, team or
    sponsor ("Alex Zanardi (Italy), Reynard Honda, 53.980" -> "Reynard Honda"), not a person."""
    found: list[tuple[str, int, int]] = []
    for match in _TAG.finditer(text):
        tag = match.group("tag").strip()
        if not (geo.country_code(tag) or geo.place(tag)):
            continue
        column = _AFTER_TAG_COLUMN.match(text, match.end())
        if column is not None:
            found.append((column.group("column"), column.start("column"), column.end("column")))
    return found


def scorer_names(text: str) -> list[tuple[str, int, int]]:
    """Goal scorers: one to four name words right before a minute ("Gilbert Agius (24th)",
    "Driller 15th"), not a place, a country or a word the text also writes in lower case."""
    found: list[tuple[str, int, int]] = []
    for match in _MINUTE.finditer(text):
        words = _name_words_before(text, match.start(), 1)
        if words is None:
            continue
        start = words[0][1]
        name = clean_person_name(text[start : match.start()])
        if name is None or (" " in name and not plausible_full_name(name)):
            continue
        if " " not in name and (
            is_title_word(name)
            or geo.country_code(name)
            or geo.place(name)
            or re.search(rf"\b{re.escape(name.lower())}\b", text)
        ):
            continue
        offset = text.find(name, start, match.start())
        if offset >= 0:
            found.append((name, offset, offset + len(name)))
    return found


def _may_be_scorecard(text: str) -> bool:
    """Whether the text may hold cricket scorecard notation (cheap, before the full pattern)."""
    return bool(
        _CRICKET_DISMISSAL.search(text)
        or ("-" in text and _CRICKET_FIGURES.search(text))
        or (("run out" in text or "not out" in text or "retired" in text) and _CRICKET_OUT.search(text))
    )


def scorecard_names(text: str) -> list[tuple[str, int, int]]:
    """Names in cricket scorecards, by the notation around them: "M. Atherton b Wasim Akram 65",
    "c Moin Khan b Waqar Younis 0", "Bowling: Wasim Akram 25-8-61-1"."""
    found: list[tuple[str, int, int]] = []
    if not _may_be_scorecard(text):
        return found
    for match in _CRICKET.finditer(text):
        group = match.lastgroup or "bowler"
        start, end = match.span(group)
        name = clean_person_name(text[start:end])
        if name is None or (" " not in name and (geo.country_code(name) or is_title_word(name))):
            continue
        if " " in name and not plausible_full_name(name) and not re.fullmatch(r"(?:[A-Z]\.)+ \S+", name):
            continue
        offset = text.find(name, start, end + 1)
        if offset >= 0:
            found.append((name, offset, offset + len(name)))
    return found


def list_names(text: str) -> list[list[tuple[str, int, int]]]:
    """The name-shaped items of each comma- or semicolon-separated list line ("70 Tim Herron, Duffy
    Waldorf (U.S.), Anders Forsbrand", "15 - Andre Joubert, 14 - Justin Swart; ..."): one list of
    ``(name, start, end)`` per line, with every item whose shape is a name (people or not)."""
    found: list[list[tuple[str, int, int]]] = []
    for line in _LIST_LINE.finditer(text):
        items: list[tuple[str, int, int]] = []
        position = line.start()
        for piece in re.split(r"[,;]", line.group(0)):
            item = _LIST_ITEM.fullmatch(piece)
            if item is not None:
                start = position + item.start("name")
                items.append((item.group("name"), start, start + len(item.group("name"))))
            position += len(piece) + 1
        if len(items) >= 3:
            found.append(items)
    return found


def _name_words_before(text: str, end: int, fewest: int = 2) -> list[tuple[str, int]] | None:
    """The two (or ``fewest``) to four name words ending at ``end`` on the same line, or None when the
    run of capitalised words is longer or shorter (then it is not plainly one name)."""
    line_start = text.rfind("\n", 0, end) + 1
    words: list[tuple[str, int]] = []
    position = end
    while position > line_start:
        space = text.rfind(" ", line_start, position)
        word_start = space + 1 if space >= 0 else line_start
        word = text[word_start:position]
        opening = word[:1] in "(\"“‘'"
        if opening:  # "(Brennan 15th": the name starts after the bracket
            word, word_start = word[1:], word_start + 1
        if not _NAME_WORD.fullmatch(word):
            break
        words.insert(0, (word, word_start))
        if space < 0 or opening:
            break
        position = space
    while words and words[0][0] in _PARTICLES:
        words.pop(0)
    if not fewest <= len(words) <= 4:
        return None
    return words


def plausible_full_name(name: str) -> bool:
    """Two or more words, not starting with an article or preposition ("At The Oval"), none a country, a
    big place after the first word, or a team/company word."""
    words = name.split()
    if len(words) < 2 or words[0].lower() in _NOT_NAME_START or geo.country_code(name) or geo.place(name):
        return False
    for index, word in enumerate(words):
        if word in _PARTICLES:
            continue  # "Danie van Schalkwyk": a lower-case particle, not the city of Van
        if word.lower() in _NOT_PERSON_WORDS or is_title_word(word) or geo.country_code(word):
            return False
        if index and big_city(word):
            return False  # "Ajax Amsterdam", "Bayern Munich": a team named after its city
    return True


def big_city(word: str) -> bool:
    """A city of 500,000 people or more by its own name ("Munich", "Kiev"), not a region or province that
    shares a surname ("Lara", "Palencia", "Van") and not a look-alike spelling of another city ("Sukur")."""
    place = geo.place(word)
    if place is None or place.population < 500_000 or place.population in geo.REGION_POPULATIONS:
        return geo.fold(word) in geo.BIG_CITY_ALIASES
    return geo.fold(place.name) == geo.fold(word) or geo.fold(word) in geo.BIG_CITY_ALIASES


def initial_names(text: str) -> list[tuple[str, int, int]]:
    """Initial-and-surname names ("G. McGrath", "D.A. Weibring"), not after another capitalised word
    (a middle initial belongs to the NER's full name), and not "S. Korea" or "N. Ireland"."""
    found: list[tuple[str, int, int]] = []
    for match in _INITIAL_NAME.finditer(text):
        surname = match.group("surname")
        if surname.lower() in _NOT_SURNAMES or geo.country_code(surname) or is_title_word(surname):
            continue
        initials = match.group("initials").replace(" ", "")
        if len(initials) == 4 and (geo.country_code(initials) or fold_name(initials) in organization_aliases()):
            continue  # "U.S. Open", "U.N. Security Council"
        direction = _DIRECTIONS.get(initials[0]) if len(initials) == 2 else None
        if direction and (geo.country_code(f"{direction} {surname}") or geo.place(f"{direction} {surname}")):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        if re.search(r"[A-Z][\w'’-]*[ ]$", before):
            continue
        found.append((match.group(0), match.start(), match.end()))
    return found


def byline_names(text: str) -> list[tuple[str, int, int]]:
    """A writer's name alone on a line ("Adrian Warner", "By Adrian Warner") right above a dateline
    line ("BERLIN 1996-08-30", "KYIV, Ukraine (Reuters) -"), within the first lines of the text."""
    found: list[tuple[str, int, int]] = []
    head = text[:400]
    for match in _BYLINE.finditer(head):
        next_line = head[match.end() + 1 :].split("\n", 1)[0]
        if not _DATELINE_LINE.match(next_line):
            continue
        name = clean_person_name(match.group("name"))
        if name is None or not plausible_full_name(name):
            continue
        if all(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in name.split()):
            continue  # "Market Report" above "... the report said": a heading of ordinary words
        start = match.start("name") + match.group("name").find(name)
        found.append((name, start, start + len(name)))
    return found


def names_of_country(text: str) -> list[tuple[str, int, int]]:
    """Two or three name words right before "of <country>" ("Cedric Pioline of France", "MaliVai
    Washington of the United States"), when they make a plausible full name and do not follow "the";
    callers check the words are names rather than ordinary words ("Bank of France")."""
    found: list[tuple[str, int, int]] = []
    for match in _OF_COUNTRY.finditer(text):
        if not geo.country_code(match.group("country")):
            continue
        words = _name_words_before(text, match.start())
        if words is None or len(words) > 3:
            continue
        start = words[0][1]
        name = text[start : match.start()]
        if re.search(r"\bthe[ ]$", text[max(0, start - 4) : start], re.I):
            continue  # "the Verkhovna Rada of Ukraine": an institution
        if clean_person_name(name) == name and plausible_full_name(name):
            found.append((name, start, match.start()))
    return found


def nickname_names(text: str) -> list[tuple[str, int, int]]:
    """Names written with a nickname or an editor's insertion, as the bare name: 'Roberto "Hands of Stone"
    Duran' -> "Roberto Duran", "he saw (Tom) Seaver" -> "Tom Seaver". The span covers the whole written
    form. (A bracket inside a name is left alone: it is far more often a tag, "Jos Verstappen (Neths)".)"""
    found: list[tuple[str, int, int]] = []
    quoted = _QUOTED_NICKNAME.finditer(text) if _QUOTED_NICKNAME_GATE.search(text) else iter(())
    for match in quoted:
        nickname = match.group("nickname").strip()
        if geo.country_code(nickname) or geo.place(nickname):
            continue
        if text[max(0, match.start() - 1) : match.start()] in '"“' and match.start() > 0:
            continue  # 'the "Only "Old Men" Are Going ..."': a quoted title, not a name
        if any(w.lower() in STOP_WORDS for w in (*match.group("first").split(), match.group("last"))):
            continue
        name = f"{match.group('first')} {match.group('last')}"
        if clean_person_name(name) == name and plausible_full_name(name):
            found.append((name, match.start("first"), match.end("last")))
    for match in _BRACKETED_FIRST_NAME.finditer(text):
        if not re.search(r"(?<![A-Za-z])[a-z]+[ ]$", text[max(0, match.start() - 20) : match.start()]):
            continue  # "he saw (Tom) Seaver": only after a lower-case word
        first, last = match.group("first"), match.group("last")
        if geo.country_code(first) or geo.place(first) or is_title_word(first):
            continue
        name = f"{first} {last}"
        if clean_person_name(name) == name and plausible_full_name(name):
            found.append((name, match.start("first") - 1, match.end("last")))
    return found


def east_asian_names(text: str) -> list[tuple[str, int, int]]:
    """Korean and Chinese names written surname first with a hyphenated given name ("Kim In-so", "Li
    Song-ho"), which NER often cuts after the surname: a common surname and a hyphenated given name."""
    return [
        (match.group(0), match.start(), match.end())
        for match in _EAST_ASIAN_NAME.finditer(text)
        if match.group("surname").lower() in _EAST_ASIAN_SURNAMES and _GIVEN_SYLLABLE.fullmatch(match.group("second"))
    ]


def regnal_names(text: str) -> list[tuple[str, int, int]]:
    """Monarchs and popes with their regnal number ("Henry VIII", "Queen Elizabeth I" -> "Elizabeth I",
    "Pope John Paul II"): the number is part of the name. Without a royal title before it, the first word
    must be a common given name and the number not "I"."""
    found: list[tuple[str, int, int]] = []
    if _REGNAL_GATE.search(text) is None:
        return found
    given = given_names()
    for match in _REGNAL_NAME.finditer(text):
        name = match.group("name")
        words = name.split()
        if match.group("title") is None and (words[-1] == "I" or words[0].lower() not in given):
            continue  # "World War II", "Sputnik V"; "Elizabeth I" only after "Queen"
        found.append((name, match.start("name"), match.end("name")))
    return found


def sign_off_names(text: str) -> list[tuple[str, int, int]]:
    """A reporter's name in a wire story's sign-off line ("-- Amra Kevic, Belgrade newsroom +381 ...")."""
    found: list[tuple[str, int, int]] = []
    for match in _SIGN_OFF.finditer(text):
        name = clean_person_name(match.group("name"))
        if name is not None and plausible_full_name(name):
            start = match.start("name") + match.group("name").find(name)
            found.append((name, start, start + len(name)))
    return found


def bracketed_after(text: str, ends: set[int]) -> list[tuple[str, int, int]]:
    """The one to three capitalised words in brackets right after a name ending at one of ``ends``: a club,
    country or party tag ("David Sesa (Servette)", "Tomasz Moskal (Slask Wroclaw)"), not another person."""
    found: list[tuple[str, int, int]] = []
    for match in _TAG.finditer(text):
        if match.start() in ends:
            tag = match.group("tag")
            if len(tag.split()) <= 3 and not re.search(r"\d", tag):
                start = match.start("tag")
                found.append((tag, start, start + len(tag)))
    return found


def upper_case_mentions(text: str, names: Mapping[str, str]) -> Iterator[tuple[str, int, int]]:
    """Mentions written in capitals ("DALGLISH", "CHANDA RUBIN") of names the article writes in ordinary
    case; ``names`` maps the folded name to that name. The longest known run of words wins."""
    if not names:
        return
    for match in _UPPER_WORDS.finditer(text):
        words = [(m.group(0), match.start() + m.start()) for m in re.finditer(r"\S+", match.group(0))]
        index = 0
        while index < len(words):
            for size in (3, 2, 1):
                if index + size > len(words):
                    continue
                start = words[index][1]
                last, last_start = words[index + size - 1]
                written = re.sub(r"['’]S?$", "", text[start : last_start + len(last)])
                key = geo.fold(written)
                if key in names:
                    yield names[key], start, start + len(written)
                    index += size
                    break
            else:
                index += 1


def score_line_sides(text: str) -> list[tuple[str, int, int]]:
    """The two sides of result lines ("Ajax Amsterdam 2 Feyenoord Rotterdam 1"): teams, not people."""
    found: list[tuple[str, int, int]] = []
    for match in _SCORE_LINE.finditer(text):
        for group in ("a", "b"):
            found.append((match.group(group), match.start(group), match.end(group)))
    return found


def standings_teams(text: str) -> list[tuple[str, int, int]]:
    """Teams in league tables: a line of a name and five or more whole numbers whose first is the sum of
    the next three or two (played = won + drawn + lost: "Wigan 22 19 1 2 902 326 39"). Golf cards and
    batting averages ("Graham Thorpe 3 5 0 159 77 31.80") do not add up that way."""
    found: list[tuple[str, int, int]] = []
    for match in _STANDINGS_ROW.finditer(text):
        numbers = [int(n) for n in match.group("numbers").split()]
        if len(numbers) >= 5 and numbers[0] > 0 and numbers[0] in (sum(numbers[1:4]), sum(numbers[1:3])):
            found.append((match.group("team"), match.start("team"), match.end("team")))
    return found


def fixture_sides(text: str) -> list[tuple[str, int, int]]:
    """The two sides of a fixture ("Dumbarton v Brechin", "x-AEK Athens (Greece) v Chemlon Humenne
    (Slovakia)"): teams, not people. Only the British " v ", not "vs." (tennis draws pair people)."""
    if " v " not in text:
        return []
    return [
        (match.group(group), match.start(group), match.end(group))
        for match in _FIXTURE.finditer(text)
        for group in ("a", "b")
    ]


def non_person_context(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` stands where news writes an organisation, a team, a place or a
    newspaper, not a person: before a company form ("Magna International Inc", "Pirelli SpA"), a place noun
    ("Barvikha sanatorium", "Erez checkpoint", "the Diia app"), a player's role ("Everton striker", "Wallaby
    captain"), after/before a press word ("the daily Sueddeutsche Zeitung", "Zycie Warszawy daily"), after
    "Republic of", next to a natural feature's word ("Lake Baikal", "Dnieper River"), after a storm word
    ("Hurricane Humberto") or a band word ("the supergroup Blind Faith"), or after a preposition of place
    when the gazetteer knows the name ("between Baracoa and Guantanamo")."""
    after = text[end : end + 40]
    if _COMPANY_AFTER.match(after) or _PLACE_NOUN_AFTER.match(after) or _TEAM_WORD_AFTER.match(after):
        return True
    before = text[max(0, start - 30) : start]
    if _PRESS_AFTER.match(after) or _PRESS_BEFORE.search(before) or _OF_REGION_BEFORE.search(before):
        return True
    if _FEATURE_BEFORE.search(before) or _FEATURE_AFTER.match(after):
        return True
    if _STORM_BEFORE.search(before) or _BAND_BEFORE.search(before):
        return True
    name = text[start:end]
    if _PLACE_PREPOSITION_BEFORE.search(before) and not after.startswith(("'s", "’s")) and geo.place(name):
        return True  # "as the Brewers rallied": a plural after "the" is a team or a family
    return " " not in name and name.endswith("s") and not name.endswith("ss") and bool(_THE_BEFORE.search(before))


def venue_labels(text: str) -> set[str]:
    """Folded venues that label a results line ("Tunbridge Wells: Nottinghamshire 214 ...")."""
    return {geo.fold(match.group("venue")) for match in _VENUE_LABEL.finditer(text)}


def dateline_places(text: str) -> set[str]:
    """Folded place names of the text's dateline lines ("TAVILDARA, Tajikistan 1996-08-30" -> "tavildara"):
    places, whatever NER says about the same word in the body."""
    return {geo.fold(match.group("place")) for match in _DATELINE_PLACE.finditer(text)}


def line_labels(text: str) -> set[str]:
    """Words that start a line as a table label ("Attendance: 20,000", "Extras (lb-4) 11")."""
    return {match.group("word") for match in _LABEL.finditer(text)}


def english_noun(word: str) -> bool:
    """Whether ``word`` (or its singular: "Extras") is an English noun (the model's WordNet index)."""
    lowered = word.lower()
    nouns = english_words("noun")
    return lowered in nouns or (lowered.endswith("s") and lowered[:-1] in nouns)
