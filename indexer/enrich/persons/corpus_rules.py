"""Sources ``scorecards`` and ``line_ups``: corpus rules for sports results in the 1996 Reuters layouts
(cricket scorecards, goal scorers with their minute, team sheets with shirt numbers). Switched off with
``corpus_rules=False`` (setting ``enrich_corpus_rules``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.enrich import geo
from indexer.enrich.persons.name_cleaning import clean_person_name, is_title_word
from indexer.enrich.persons.shapes import NAME_WORD, name_words_before
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import plausible_full_name, unknown_word


def _lineup_mentions(texts: Sequence[str]) -> list[PersonMention]:
    """Names in team line-ups ("15 - Christian Cullen, 14 - Jeff Wilson, ..."): full names, and one-word
    names that are no English word, title, country or place ("(Becerril 46th)")."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        for name, start, end in lineup_names(text):
            if clean_person_name(name) != name:
                continue
            if plausible_full_name(name) or (" " not in name and unknown_word(name)):
                found.append(PersonMention(name, start, end, source))
    return found


#: A goal minute after a scorer's name: "Gilbert Agius (24th)", "(Driller 15th, Trulsen 54th)".
_MINUTE = re.compile(r"(?<=[a-z]) \(?\d{1,3}(?:st|nd|rd|th)\b(?! (?:century|anniversary|birthday|place|round))")

#: One to three name words (a scorecard name: "Waqar Younis", "M. Atherton", "Inzamam-ul-Haq", "de Silva").
_NAMES = rf"(?:{NAME_WORD.pattern})(?:[ ](?:{NAME_WORD.pattern})){{0,2}}"

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


def scorer_names(text: str) -> list[tuple[str, int, int]]:
    """Goal scorers: one to four name words right before a minute ("Gilbert Agius (24th)",
    "Driller 15th"), not a place, a country or a word the text also writes in lower case."""
    found: list[tuple[str, int, int]] = []
    for match in _MINUTE.finditer(text):
        words = name_words_before(text, match.start(), 1)
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


def find_scorecards(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Goal scorers before a minute ("Gilbert Agius (24th)") and names in cricket scorecard notation ("c Moin
    Khan b Waqar Younis 0", "Wasim Akram 25-8-61-1"), in title and body."""
    found = list(mentions)
    for source, text in enumerate(article.texts):
        spans = scorer_names(text) + scorecard_names(text)
        found.extend(PersonMention(name, start, end, source) for name, start, end in spans)
    return found


def find_line_ups(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Names in team line-ups ("15 - Christian Cullen, 14 - Jeff Wilson, ...", "(Wayne Fyvie, 75)"): full
    names, and one-word names that are no English word, title, country or place."""
    return [*mentions, *_lineup_mentions(article.texts)]
