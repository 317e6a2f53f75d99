"""Filter ``results_tables``: corpus rules for the sports results tables of the 1996 Reuters layouts.

Sides of result lines, league-table rows and fixtures are teams; so are the column after a tagged name in a
results table, club tags in brackets after a name and venue labels; one-word table labels ("Attendance:") are
no persons. Switched off with ``corpus_rules=False`` (setting ``enrich_corpus_rules``).
"""

from __future__ import annotations

import re

from indexer.enrich import geo
from indexer.enrich.persons.shapes import NAME_WORD, TAG
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import english_noun

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

#: A venue label starting a results line: "Tunbridge Wells: Nottinghamshire 214", "At Cardiff: Kent 128-1".
_VENUE_LABEL = re.compile(
    r"^(?:At[ ])?(?P<venue>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}):[ ][A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,2}[ ]\d",
    re.M,
)

#: A league-table row: a team and whole numbers (played, won, drawn, lost, goals, points).
_STANDINGS_ROW = re.compile(rf"^(?P<team>{_SIDE})(?:[ ]?\(\*\))?(?P<numbers>(?:[ ]+\d{{1,4}}){{5,9}})[ ]*$", re.M)

#: A table label at the start of a line: "Attendance: 20,000", "Extras (lb-4) 11", "Halftime 1-0".
_LABEL = re.compile(r"(?:^|\n)(?P<word>[A-Z][a-z]+)(?=:|[ ]\(|[ ]\d)")

#: The column right after a tagged name in a results table: a car, team or sponsor followed by a time or
#: score ("Alex Zanardi (Italy), Reynard Honda, 53.980", "Luca Pavanello (Italy) Aki 11").
_AFTER_TAG_COLUMN = re.compile(
    rf",?[ ](?P<column>{NAME_WORD.pattern}(?:[ -](?:{NAME_WORD.pattern}|[A-Z]+))*)(?=,?[ ]+\d)"
)


def after_tag_columns(text: str) -> list[tuple[str, int, int]]:
    """The column right after a tagged name in a results table, before a time or score: a car, team or
    sponsor ("Alex Zanardi (Italy), Reynard Honda, 53.980" -> "Reynard Honda"), not a person."""
    found: list[tuple[str, int, int]] = []
    for match in TAG.finditer(text):
        tag = match.group("tag").strip()
        if not (geo.country_code(tag) or geo.place(tag)):
            continue
        column = _AFTER_TAG_COLUMN.match(text, match.end())
        if column is not None:
            found.append((column.group("column"), column.start("column"), column.end("column")))
    return found


def bracketed_after(text: str, ends: set[int]) -> list[tuple[str, int, int]]:
    """The one to three capitalised words in brackets right after a name ending at one of ``ends``: a club,
    country or party tag ("David Sesa (Servette)", "Tomasz Moskal (Slask Wroclaw)"), not another person."""
    found: list[tuple[str, int, int]] = []
    for match in TAG.finditer(text):
        if match.start() in ends:
            tag = match.group("tag")
            if len(tag.split()) <= 3 and not re.search(r"\d", tag):
                start = match.start("tag")
                found.append((tag, start, start + len(tag)))
    return found


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


def venue_labels(text: str) -> set[str]:
    """Folded venues that label a results line ("Tunbridge Wells: Nottinghamshire 214 ...")."""
    return {geo.fold(match.group("venue")) for match in _VENUE_LABEL.finditer(text)}


def line_labels(text: str) -> set[str]:
    """Words that start a line as a table label ("Attendance: 20,000", "Extras (lb-4) 11")."""
    return {match.group("word") for match in _LABEL.finditer(text)}


def drop_results_tables(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Drops, everywhere in the article, the sides of result lines, league-table rows and fixtures ("Ajax
    Amsterdam 2 PSV 1", "Wigan 22 19 1 2 902 326 39", "Dumbarton v Brechin"), the column after a tagged name
    ("Alex Zanardi (Italy), Reynard Honda, 53.980"), club tags after a name ("David Sesa (Servette)"), venue
    labels ("Tunbridge Wells: Nottinghamshire 214"; unless the surname of a full name found) and one-word
    table labels that are English nouns ("Attendance: 20,000"). The evidence comes from everything the
    sources found (``article.found``)."""
    raw = article.found
    sides: list[tuple[int, int, int]] = []
    teams: set[str] = set()
    venues: set[str] = set()
    labels: set[str] = set()
    for source, text in enumerate(article.texts):
        for side, start, end in score_line_sides(text) + standings_teams(text) + fixture_sides(text):
            sides.append((source, start, end))
            teams.add(geo.fold(side))
        ends = {m.end for m in raw if m.source == source and " " in m.name}
        for _, start, end in after_tag_columns(text) + bracketed_after(text, ends):
            sides.append((source, start, end))
        labels |= line_labels(text)
        venues |= venue_labels(text)
    surnames = {m.name.split()[-1] for m in raw if " " in m.name}
    teams |= venues - {geo.fold(s) for s in surnames}
    return [
        m
        for m in mentions
        if geo.fold(m.name) not in teams
        and not any(source == m.source and start <= m.start and m.end <= end for source, start, end in sides)
        and not (m.name in labels and m.name not in surnames and english_noun(m.name))
    ]
