"""Persons: canonical full names with mention counts, from real news sentences (real spaCy model)."""

from __future__ import annotations

import pytest

from indexer.enrich.enricher import Enricher
from indexer.enrich.mentions import EntitySpan, clean_person_name
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.persons import PersonMention
from indexer.enrich.persons.context_filters import dateline_places, non_person_context
from indexer.enrich.persons.corpus_rules import lineup_names, scorecard_names, scorer_names
from indexer.enrich.persons.corpus_tables import (
    after_tag_columns,
    bracketed_after,
    fixture_sides,
    standings_teams,
    venue_labels,
)
from indexer.enrich.persons.filters import upper_case_mentions
from indexer.enrich.persons.list_lines import _listed_with_persons, list_names
from indexer.enrich.persons.ner_spans import _extended_leftwards, _mostly_organisations
from indexer.enrich.persons.office_holders import apposed_names as _apposed_names
from indexer.enrich.persons.shaped_names import (
    byline_names,
    east_asian_names,
    initial_names,
    names_of_country,
    nickname_names,
    regnal_names,
    sign_off_names,
    tagged_names,
)
from indexer.enrich.persons.words import plausible_full_name
from indexer.enrich.pipeline import ArticleText

pytestmark = pytest.mark.nlp
ENRICHER = Enricher(batch_size=16, processes=1)


def persons(body: str, title: str = "") -> list[tuple[str, int]]:
    result = ENRICHER.enrich_one(ArticleText(title, body, "2024-11-11"))
    return [(p["name"], p["mentions"]) for p in result["persons"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "Trump" tagged ORG by NER; titles and possessives stripped; short forms are the full name
        (
            "US President-elect Donald Trump’s team said they don't comment on private calls. "
            "Trump's spokesman Steven Cheung declined to say more.",
            [("Donald Trump", 2), ("Steven Cheung", 1)],
        ),
        # a hyphenated pair is two people; every "Putin" is Vladimir Putin
        (
            "The Kremlin denied reports of a Putin-Trump phone call. Russian President Vladimir Putin has not "
            "spoken to Donald Trump, Kremlin Press Secretary Dmitry Peskov said.",
            [("Vladimir Putin", 2), ("Dmitry Peskov", 1), ("Donald Trump", 1)],
        ),
        # transliteration variants are one canonical name
        (
            "Ukrainian President Volodymyr Zelensky met European leaders. Zelensky said the talks went well.",
            [("Volodymyr Zelenskyy", 2)],
        ),
        ("President Zelenskiy thanked partners for their support.", [("Volodymyr Zelenskyy", 1)]),
        # courtesy titles go; a surname alone with no full name stays a surname
        (
            "Mr. Johnson and Ms. Smith met Dr. Ahmed in London. Johnson said the meeting was useful.",
            [("Johnson", 2), ("Ahmed", 1), ("Smith", 1)],
        ),
        (
            "German Chancellor Olaf Scholz and French President Emmanuel Macron met in Berlin. Scholz thanked Macron.",
            [("Emmanuel Macron", 2), ("Olaf Scholz", 2)],
        ),
        # a name after a role that NER tagged ORG ("Hage Geingob"), then its untagged surname
        (
            "Nickey Iyambo, former vice-president of Namibia, died on Sunday. The current president of "
            "Namibia, Hage Geingob, expressed his sadness at Iyambo's death. Geingob tweeted his condolences.",
            [("Hage Geingob", 2), ("Nickey Iyambo", 2)],
        ),
        # a country name in front of a name belongs to the title, not to the name
        (
            "Ihor Zhovkva held a video conference with Federal Minister for the EU and Constitution at the "
            "Federal Chancellery of Austria Karoline Edtstadler.",
            [("Ihor Zhovkva", 1), ("Karoline Edtstadler", 1)],
        ),
        # a distinctive surname alone is the well-known person (alias table)
        ("Reagan met Gorbachev in Reykjavik.", [("Mikhail Gorbachev", 1), ("Ronald Reagan", 1)]),
        # pronouns and places are not persons
        ("He said it was a mistake. They told us nothing, she added.", []),
        ("Russian troops shelled Kherson and Mykolaiv overnight, officials said.", []),
    ],
)
def test_persons(body: str, expected: list[tuple[str, int]]) -> None:
    assert persons(body) == expected


def test_same_person_across_articles_has_one_name() -> None:
    spellings = [
        "Volodymyr Zelensky addressed parliament.",
        "Volodymyr Zelenskyy addressed parliament.",
        "Volodymyr Zelenskiy addressed parliament.",
    ]
    assert {persons(text)[0][0] for text in spellings} == {"Volodymyr Zelenskyy"}


def test_title_only_surname_needs_the_body() -> None:
    # the one-word "Pompeo" in the title is not confirmed by the body
    assert persons("The minister spoke about the budget.", title="Pompeo rules out talks") == []
    # a full name in the title counts
    assert persons(
        "The message reads, in part: the results confirm your authority.",
        title="Congratulations to President-elect of Turkmenistan Serdar Berdymukhamedov",
    ) == [("Serdar Berdymukhamedov", 1)]


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("President-elect Donald Trump’s", "Donald Trump"),
        ("Kremlin Press Secretary Dmitry Peskov", "Dmitry Peskov"),
        ("Abdel Fattah el-Sisi", "Abdel Fattah el-Sisi"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Karl Marx Avenue", None),
        # a sentence-initial participle NER takes into the name ("Greeting Zuzana Čaputová in Kyiv, he ...")
        ("Greeting Zuzana Čaputová", "Zuzana Čaputová"),
        # a profession or an abbreviated form of address before the name; a given name or nationality stays
        ("Immunologist Kristian Andersen", "Kristian Andersen"),
        # the end of an office's body NER ran into the name ("Minister of Ecology and Transport Sergei Ivanov")
        ("Transport Sergei Ivanov", "Sergei Ivanov"),
        ("Relief Alexander Chupriyan", "Alexander Chupriyan"),
        ("Belgian King Baudouin I", "Baudouin I"),  # a nationality, then a title: not the body's end
        # a thing's last word or a non-person's first word; months and weekdays stay given names
        ("Belgorod Highway", None),
        ("Main Intelligence Directorate", None),
        ("Java Sea", None),
        ("Sputnik Light", None),
        ("June Carter", "June Carter"),
        ("Sunday Bada", "Sunday Bada"),
        # Slavic adjectives start places and papers; hyphenated and church titles; an acronym ends a thing
        ("Nizhny Novgorod", None),
        ("Novaya Gazeta", None),
        ("Vijaya Kumar", "Vijaya Kumar"),
        ("Prime-Minister Johnson", "Johnson"),
        ("Metropolitan Epiphanius", "Epiphanius"),
        ("Yamal LNG", None),
        ("Elizabeth II", "Elizabeth II"),
        ("Kama Melly QC", "Kama Melly"),  # a post-nominal is no part of the name
        # a look-alike or foreign script, a Slavic place's ending, words run together, a domain
        ("Аррle", None),
        ("Snihurivka", None),
        ("Hulyaipole", None),
        ("Beograd", None),
        ("EliasHabermas", None),
        ("UArazom", None),
        ("LB.ua", None),
        ("McFaul", "McFaul"),
        ("DeBartolo", "DeBartolo"),
        ("Tarantino", "Tarantino"),
        ("J.R. Smith", "J.R. Smith"),
        # weapons and one-word company names
        ("Javelin", None),
        ("Bayraktar", None),
        ("Promsvyazbank", None),
        ("Rostselmash", None),
        ("Iskander Makhmudov", "Iskander Makhmudov"),
        ("Academician Ivan Dedov", "Ivan Dedov"),
        ("Cde Mugabe", "Mugabe"),
        ("Christian Louis Smith", "Christian Louis Smith"),
        # calendar words, forms of address and agencies are not persons
        ("October", None),
        ("Sunday", None),
        ("Majesty", None),
        ("Geological Survey", None),
        ("April Ryan", "April Ryan"),
        # a title alone names nobody
        ("Adviser", None),
        ("Prime Minister", None),
        ("King Charles", "Charles"),
        ("Majesty Salman", "Salman"),
        ("Storm Lorenzo", None),
        ("County Kerry", None),  # "His Majesty Salman bin Abdulaziz": the form of address is a title
        ("Theresa May", "Theresa May"),
        ("Welcoming Joe Biden", "Joe Biden"),
        ("Sterling K. Brown", "Sterling K. Brown"),
        ("Ding Liren", "Ding Liren"),
        ("they", None),
        ("AFP", None),
        ("Covid-19", None),
        ("1996", None),
        # organisations NER tags PERSON: a newsroom, a prison, a congress
        ("Warsaw Newsroom", None),
        ("Changi Prison", None),
        ("Iraqi National Congress", None),
        # a player's position before his name
        ("Winger Lee Sharpe", "Lee Sharpe"),
    ],
)
def test_clean_person_name(mention: str, name: str | None) -> None:
    assert clean_person_name(mention) == name


# --- names found by their shape (indexer/enrich/persons/shaped_names.py, corpus_rules.py, ...) ---


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("3 - Maria Gonzalez (Argentina) beat Hanna Berg (Sweden) 6-3 6-4", ["Maria Gonzalez", "Hanna Berg"]),
        ("1. Tom Okello (Kenya) 13:02.45", ["Tom Okello"]),
        ("Sen. Phil Gramm (R-Texas) said the bill would not pass.", ["Phil Gramm"]),
        ("Second round: Luis de la Vega (Spain) beat Ivo Kral (Czech Republic)", ["Luis de la Vega", "Ivo Kral"]),
        # teams and companies followed by their country are not people
        ("Bayern Munich (Germany) 2 Sparta Prague (Czech Republic) 0", []),
        ("Toyota Motor (Japan) rose 2 percent.", []),
        ("Talks were held in Nairobi (Kenya) on Monday.", []),
    ],
)
def test_tagged_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in tagged_names(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Essex 212 (G. McGrath 54, D.A. Weibring 31 not out; T.O'Gorman 4-40)",
            ["G. McGrath", "D.A. Weibring", "T.O'Gorman"],
        ),
        ("To bat: R. Croft, K. Mullen", ["R. Croft", "K. Mullen"]),
        # abbreviations of places and bodies are not initials
        ("Exports to S. Korea and N. Ireland rose, the U.S. Treasury said.", []),
        ("She won the U.S. Open last year.", []),
        # a middle initial belongs to the full name NER finds
        ("David J. Russell finished third.", []),
    ],
)
def test_initial_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in initial_names(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Maria Hollis\nNAIROBI 2003-05-14\nKenya's parliament voted on Wednesday.", ["Maria Hollis"]),
        ("By Owen Pratt\nLIMA, Peru (Reuters) - Peru's government said on Monday...", ["Owen Pratt"]),
        # a short heading above a dateline is not a byline
        ("Market Report\nLONDON 2003-05-14\nShares fell in a quiet market, the report said.", []),
        ("Maria Hollis said the vote was close.\nNAIROBI 2003-05-14", []),
    ],
)
def test_byline_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in byline_names(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Rovers - Dean Holt (12th), Okafor (67th minute)", ["Dean Holt", "Okafor"]),
        ("Celtic 3 (Brennan 15th, Mulder 54th penalty) Hibernian 1", ["Brennan", "Mulder"]),
        # a place or an ordinary word before an ordinal is no scorer
        ("Madrid (12th) and the clubs of the league", []),
        ("Crowds marked the Independence 50th anniversary. The independence day parade was long.", []),
    ],
)
def test_scorer_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in scorer_names(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "R. Hartley b Imran Qadir 44\nT. Brook c Nasir Baig b Imran Qadir 0",
            ["R. Hartley", "Imran Qadir", "T. Brook", "Nasir Baig", "Imran Qadir"],
        ),
        ("J. Mercer lbw b Tahir 19\nS. Patel not out 7", ["J. Mercer", "Tahir", "S. Patel"]),
        ("Bowling: Imran Qadir 21.3-4-70-3, Tahir 9-0-41-1", ["Imran Qadir", "Tahir"]),
        # no notation, no names: a plan b, a 3-0 win
        ("The company's plan b for Apple was dropped. Leeds won 3-0 at Elland Road.", []),
    ],
)
def test_scorecard_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in scorecard_names(text)] == names


@pytest.mark.parametrize(
    ("before", "name", "expected"),
    [
        ("the wickets fell to Waqar ", "Younis", "Waqar Younis"),
        ("beat Sandrine ", "Testud", "Sandrine Testud"),
        # an English word, a stop word, a title, a country or a big place stays out
        ("as Justice ", "Kagame", "Kagame"),
        ("said. When ", "Arafat", "Arafat"),
        ("leaders Toronto-based ", "Barrick", "Barrick"),
        ("Prince ", "Rainier", "Rainier"),
        ("the Pakistani ", "Akram", "Akram"),
        ("in Tokyo ", "Okada", "Okada"),
        ("on the next line\n", "Okada", "Okada"),
    ],
)
def test_one_word_name_extended_leftwards(before: str, name: str, expected: str) -> None:
    start = len(before)
    mention = _extended_leftwards(PersonMention(name, start, start + len(name), 1), before)
    assert mention.name == expected
    assert (before + name)[mention.start : mention.end] == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "68 Colin Pryde, Hank Dalton (Canada), Sven Aberg, Luis Mora (Spain) 70 72",
            [["Colin Pryde", "Hank Dalton", "Sven Aberg", "Luis Mora"]],
        ),
        (
            "Wales: 15 - Owen Price, 14 - Rhys Morgan, 13 - Gareth Lloyd; 12 - Tom Evans",
            [["Owen Price", "Rhys Morgan", "Gareth Lloyd", "Tom Evans"]],
        ),
        # too few items, or a sentence with commas
        ("Players: Ivo Smit, and Jan de Boer.", []),
        ("He said, in fact, that it was fine, really.", []),
    ],
)
def test_list_names(text: str, names: list[list[str]]) -> None:
    assert [[n for n, _, _ in items] for items in list_names(text)] == names


@pytest.mark.parametrize(
    ("text", "found", "added"),
    [
        # most items are persons already found: the rest of the list are persons too
        (
            "70 Colin Pryde, Hank Dalton, Sven Aberg, Luis Mora, Quaglia (Italy)",
            ["Colin Pryde", "Sven Aberg", "Luis Mora"],
            ["Hank Dalton", "Quaglia"],
        ),
        # one person in a list of clubs or places proves nothing
        ("Qualified: Ajax Amsterdam, Dynamo Kiev, Sparta Prague, Tom Evans", ["Tom Evans"], []),
        # English words and places stay out even in a names list
        ("Hank Dalton, Sven Aberg, Luis Mora, Paris, Total", ["Hank Dalton", "Sven Aberg", "Luis Mora"], []),
    ],
)
def test_names_listed_with_persons(text: str, found: list[str], added: list[str]) -> None:
    raw = [PersonMention(n, text.index(n), text.index(n) + len(n), 1) for n in found]
    assert [m.name for m in _listed_with_persons(raw, ("", text))] == added


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        # NER tags the word ORG at least as often as PERSON in the article
        ("Ferrani won. Ferrani drivers led. Ferrani said.", ["PERSON", "ORG", "ORG"], {"Ferrani"}),
        ("Kessler won. Kessler's team led. Kessler said.", ["PERSON", "ORG", "PERSON"], set()),
        # organisation cues: company forms, shares, a team's score
        ("Velmont shares rose 3 percent. Velmont said.", ["PERSON", "PERSON"], {"Velmont"}),
        ("Durham 250 for 6 at the close. Durham batted.", ["PERSON", "PERSON"], {"Durham"}),
        ("Velmont Inc made a profit. Velmont said.", ["PERSON", "PERSON"], {"Velmont"}),
    ],
)
def test_mostly_organisations(text: str, labels: list[str], expected: set[str]) -> None:
    word = text.split()[0]
    starts = [i for i in range(len(text)) if text.startswith(word, i)]
    spans = [EntitySpan(word, label, start, start + len(word), 1) for label, start in zip(labels, starts, strict=True)]
    assert _mostly_organisations(spans, ("", text)) == expected


def test_upper_case_mentions_of_known_names() -> None:
    text = "SOCCER - GRANT SIGNS NEW DEAL WITH ROVERS.\nJamie Grant signed a four-year contract."
    names = {"jamie grant": "Jamie Grant", "grant": "Grant"}
    assert [(n, text[s:e]) for n, s, e in upper_case_mentions(text, names)] == [("Grant", "GRANT")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # results table: names before a country tag, even when NER tags them ORG or misses them
        (
            "Results from the women's tournament on Tuesday:\n"
            "4 - Kimiko Sato (Japan) beat Olga Petrenko (Ukraine) 6-2 7-5\n"
            "Anna Lindqvist (Sweden) beat 7 - Sara Moretti (Italy) 6-3 4-6 6-4",
            {"Kimiko Sato", "Olga Petrenko", "Anna Lindqvist", "Sara Moretti"},
        ),
        # a headline in capitals names the person the body names
        (
            "CYCLING - MORETTI WINS STAGE AS RIVALS FADE.\nItaly's Paolo Moretti won the seventh stage on "
            "Sunday. Moretti attacked on the final climb.",
            {"Paolo Moretti"},
        ),
    ],
)
def test_shaped_persons_end_to_end(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("name", "plausible"),
    [
        ("Danie van Schalkwyk", True),  # "van" is a particle, not the city of Van
        ("At The Oval", False),  # a venue after a preposition
        ("Federative Republic", False),
        ("Ajax Amsterdam", False),
        ("Bayern Munich", False),
        ("Dynamo Kiev", False),
        ("Hugo Lloris", True),
        # surnames that are also regions, states or look-alike city spellings
        ("Raul Rodrigo Lara", True),
        ("MaliVai Washington", True),
        ("Hakan Sukur", True),
    ],
)
def test_plausible_full_name(name: str, plausible: bool) -> None:
    assert plausible_full_name(name) is plausible


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # numbered players and substitutes (with their minute) on a team-sheet line
        (
            "France - 1 - Hugo Lloris; 5 - Jules Kounde, 4 - Raphael Varane (24 - Ibrahima Konate 90th), "
            "22 - Theo Hernandez; 8 - Aurelien Tchouameni",
            [
                "Hugo Lloris",
                "Jules Kounde",
                "Raphael Varane",
                "Ibrahima Konate",
                "Theo Hernandez",
                "Aurelien Tchouameni",
            ],
        ),
        (
            "Wales - 15 - Liam Williams, 14 - Louis Rees-Zammit (Josh Adams, 62) 13 - George North, 12 - Nick Tompkins",
            ["Liam Williams", "Louis Rees-Zammit", "Josh Adams", "George North", "Nick Tompkins"],
        ),
        # two numbered names are no team sheet; years before a dash are no shirt numbers
        ("Seeds: 1 - Iga Swiatek, 2 - Aryna Sabalenka", []),
        ("1990 - British historian Alan Taylor died.\n1991 - Freddie Mercury died.\n1992 - Ann Smith born.", []),
    ],
)
def test_lineup_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in lineup_names(text)] == names


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        (
            "1. Alex Palou (Spain), Dallara Honda, 53.980\n2. Scott Dixon (New Zealand), Dallara Honda, 54.101",
            ["Dallara Honda", "Dallara Honda"],
        ),
        ("7. Luca Mozzato (Italy) Arkea 11", ["Arkea"]),
        # the next item is another tagged person, or a result: no column
        ("3. Peter Holm (Sweden), Falk Berger (Germany), 38.87", []),
        ("Nick Price (Zimbabwe) 70 71 68 74", []),
    ],
)
def test_after_tag_columns(text: str, columns: list[str]) -> None:
    assert [c for c, _, _ in after_tag_columns(text)] == columns


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        ("Standings:\nWigan 22 19 1 2 902 326 39\nSt Helens 21 19 0 2 884 441 38", ["Wigan", "St Helens"]),
        # a golf card and batting averages do not add up like played = won + drawn + lost
        ("282 Corey Pavin 73 70 70 69\nGraham Thorpe 3 5 0 159 77 31.80", []),
        ("Mark Ealham 1 2 0 30 25 15", []),
    ],
)
def test_standings_teams(text: str, teams: list[str]) -> None:
    assert [t for t, _, _ in standings_teams(text)] == teams


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Division two: Ayr v Berwick, Dumbarton v Brechin", ["Ayr", "Berwick", "Dumbarton", "Brechin"]),
        ("x-AEK Athens (Greece) v Chemlon Humenne (Slovakia)", ["AEK Athens", "Chemlon Humenne"]),
        # tennis draws pair people with "vs."
        ("Patrick Rafter (Australia) vs. Kenneth Carlsen (Denmark)", []),
    ],
)
def test_fixture_sides(text: str, sides: list[str]) -> None:
    assert [s for s, _, _ in fixture_sides(text)] == sides


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Cedric Pioline of France beat Tim Henman of Britain 6-2 6-4.", ["Cedric Pioline", "Tim Henman"]),
        (
            "number four Marcelo Rios of Chile and Mikael Tillstrom of the Netherlands",
            ["Marcelo Rios", "Mikael Tillstrom"],
        ),
        # institutions: after "the", in brackets, one word
        ("Chairman of the Verkhovna Rada of Ukraine Ruslan Stefanchuk", []),
        ("Rodrigo Soares (Federative Republic of Brazil)", []),
        ("the Bank of France said", []),
    ],
)
def test_names_of_country(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in names_of_country(text)] == names


def test_sign_off_names() -> None:
    text = "Prices were steady.\n-- Luli Popescu, Bucharest Newsroom 40-1 3120264\n-- Reuters Chicago Newsdesk"
    assert [n for n, _, _ in sign_off_names(text)] == ["Luli Popescu"]


def test_bracketed_after_a_name_is_a_tag() -> None:
    text = "Squad: David Sesa (Servette), Ciriaco Sforza (Inter Milan), Murat Yakin (Grasshoppers 2)"
    ends = {text.index(n) + len(n) for n in ("David Sesa", "Ciriaco Sforza", "Murat Yakin")}
    assert [t for t, _, _ in bracketed_after(text, ends)] == ["Servette", "Inter Milan"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a team sheet: every numbered player, none of the teams
        (
            "France beat Mexico 2-0 in a friendly on Saturday.\nTeams:\n"
            "France - 1 - Hugo Lloris; 5 - Jules Kounde, 4 - Raphael Varane (24 - Ibrahima Konate 90th), "
            "22 - Theo Hernandez; 8 - Aurelien Tchouameni",
            {
                "Hugo Lloris",
                "Jules Kounde",
                "Raphael Varane",
                "Ibrahima Konate",
                "Theo Hernandez",
                "Aurelien Tchouameni",
            },
        ),
        # a results table: drivers are persons, their cars are not
        (
            "Leading qualifiers for the IndyCar race on Sunday:\n"
            "1. Alex Palou (Spain), Dallara Honda, 53.980\n"
            "2. Scott Dixon (New Zealand), Dallara Honda, 54.101\n"
            "3. Will Power (Australia), Dallara Chevrolet, 54.220",
            {"Alex Palou", "Scott Dixon", "Will Power"},
        ),
    ],
)
def test_tables_end_to_end(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("text", "name", "organisation_or_place"),
    [
        ("It agreed to be bought by Magna International Inc for $31 a share.", "Magna", True),
        ("Shares of Velmont S.A. fell.", "Velmont", True),
        ("Yeltsin spent the night at the Barvikha sanatorium outside Moscow.", "Barvikha", True),
        ("Everton striker Duncan Ferguson scored.", "Everton", True),
        ("the news weekly Der Spiegel reported", "Der Spiegel", True),
        ("Zycie Warszawy daily said on Saturday", "Zycie Warszawy", True),
        # people: a co-chair is no company, a campaign team and supporters belong to a person
        ("a delegation headed by Alexander Novak, Co-Chair of the commission", "Alexander Novak", False),
        ("Dole team seeking to pin down debate details.", "Dole", False),
        ("Trump supporters gathered outside.", "Trump", False),
        ("Clinton spokesman Mike McCurry said", "Clinton", False),
        # a plural after "the" is a team; a name after "the" in a modifier is still a person
        ("as the Brewers rallied for a 5-4 victory", "Brewers", True),
        ("the Bush administration said", "Bush", False),
        ("a member of the Ukrainian negotiating team Mykhailo Podolyak said", "Mykhailo Podolyak", False),
        # things a name labels, "Republic of", and a place preposition before a name the gazetteer knows
        ("Instead, you can make a few clicks in the Diia app.", "Diia", True),
        ("efforts in the framework of the Rammstein format were emphasized", "Rammstein", True),
        ("this wonderful hospitable Volga city", "Volga", True),
        ("greetings to the Republic of Ingushetia residents", "Ingushetia", True),
        ("the bus crashed on Thursday between Baracoa and Guantanamo", "Baracoa", True),
        ("He placed his confidence in Putin on Monday.", "Putin", False),  # no place of that name
        ("in Melbourne's view", "Melbourne", False),  # a possessive after the preposition's name
        ("the National Hurricane Center upgraded Tropical Storm Humberto to hurricane status", "Humberto", True),
    ],
)
def test_non_person_context(text: str, name: str, organisation_or_place: bool) -> None:
    start = text.index(name)
    assert non_person_context(text, start, start + len(name)) is organisation_or_place


def test_dateline_places() -> None:
    text = "Troops advance on town.\nTAVILDARA, Tajikistan 1996-08-30\nGovernment troops took Tavildara."
    assert dateline_places(text) == {"tavildara"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('Panama\'s Roberto "Hands of Stone" Duran fights on.', ["Roberto Duran"]),
        ("He saw (Tom) Seaver and (Jerry) Koosman when they were starting.", ["Tom Seaver", "Jerry Koosman"]),
        # a tag in brackets is no first name
        ("Kimiko Date (Japan) beat (Ukraine) Olga Petrenko.", []),
        ('the "Iron Lady" Thatcher', []),
    ],
)
def test_nickname_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in nickname_names(text)] == names


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a club written as the owner of its player; a newspaper after a press word
        (
            "Everton's Duncan Ferguson went close for Scotland. Ferguson said Everton played well. "
            "The daily Sueddeutsche Zeitung quoted Juergen Klinsmann.",
            {"Duncan Ferguson", "Juergen Klinsmann"},
        ),
    ],
)
def test_contexts_end_to_end(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # NER tags a full name ORG or GPE: a common given name makes it a person
        ("Ironically, Karbacher two years ago ended Ivan Lendl's Grand Slam career here.", {"Ivan Lendl", "Karbacher"}),
        (
            "Early yesterday morning, United States Representative Elijah Cummings died while in hospice care.",
            {"Elijah Cummings"},
        ),
        # companies named after people stay companies
        ("Analysts at Merrill Lynch and Morgan Stanley cut their forecasts on Monday.", set()),
        ("Eli Lilly said its new drug cut deaths.", set()),
        # an ordinary word as given name needs a known surname; events and plans are no persons
        ("Our athletes have already won 25 medals at the Winter Paralympics!", set()),
        ("The Marshall Plan rebuilt Europe.", set()),
    ],
)
def test_given_name_makes_a_mistagged_name_a_person(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


def test_name_lists() -> None:
    given = given_names()
    assert {"mariano", "ivan", "les", "mark"} <= given
    assert {"sergei", "oleksandr", "volodymyr", "iryna"} <= given  # transliterated names the census lacks
    assert not {"in", "will", "may"} & given  # English stop words are left out
    assert all(surname_rank(name) is not None for name in ("Rivera", "Martinez", "Jones"))
    assert surname_rank("Smith") == 1 and surname_rank("Lendl") is None


def test_venue_labels() -> None:
    text = "Tunbridge Wells: Nottinghamshire 214 and 81-3.\nAt Cardiff: Kent 128-1\nZelenskyy: I said 300 times"
    assert venue_labels(text) == {"tunbridge wells", "cardiff"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("the repatriation of Kim In-so to North Korea", ["Kim In-so"]),
        ("Red Cross president Li Song-ho said", ["Li Song-ho"]),
        ("South Korean President Moon Jae-in met", ["Moon Jae-in"]),
        ("the Euro-zone and Air Jet-setting", []),
        ("a major Hong Kong-listed company and a Hong Kong-based group", []),
    ],
)
def test_east_asian_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in east_asian_names(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("1533 - Queen Elizabeth I born. Daughter of Henry VIII.", ["Elizabeth I", "Henry VIII"]),
        ("Pope John Paul II and King Felipe VI met.", ["John Paul II", "Felipe VI"]),
        # no title and "I", or no given name: a war, a vaccine
        ("After World War II, Elizabeth I think", []),
        ("The Sputnik V vaccine", []),
    ],
)
def test_regnal_names(text: str, names: list[str]) -> None:
    assert [n for n, _, _ in regnal_names(text)] == names


def test_company_context_anywhere_makes_every_mention_the_company() -> None:
    body = (
        "The seat maker agreed to be acquired by Magna International Inc for $31 a share. "
        "Magna was up 1/8 on the New York Stock Exchange. Magna said the deal would close in October."
    )
    assert {name for name, _ in persons(body)} == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a known surname goes to the known person only when the first name can be the same one
        ("Jason Stoltenberg beat Patrick Rafter. Stoltenberg served well.", {"Jason Stoltenberg", "Patrick Rafter"}),
        ("First Lady Jill Biden visited the school.", {"Jill Biden"}),
        # clubs, places and headline fragments NER tags PERSON
        ("Ajax Amsterdam beat Feyenoord on Sunday.", set()),
        ("Kurd rebels attacked a police post.", set()),
    ],
)
def test_known_surnames_and_team_names(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


def test_canonical_names_do_not_depend_on_hash_order() -> None:
    """Two full names of one surname and a lone surname tied between them (the shape of a kremlin.ru
    seed article): every process maps the lone surname the same way (set order changes with
    PYTHONHASHSEED; the tie goes to the name the article gives first). Before the fix, hash seeds 1 and 2
    gave different mention counts."""
    import json
    import os
    import subprocess
    import sys

    title = "Telephone conversation with Gurbanguly Berdimuhamedov and Serdar Berdimuhamedov"
    body = (
        "Vladimir Putin spoke with Gurbanguly Berdimuhamedov on Monday. He also congratulated Serdar "
        "Berdimuhamedov on winning. Berdimuhamedov thanked him."
    )
    script = (
        "import json, sys\n"
        "from indexer.enrich.pipeline import ArticleText\nfrom indexer.enrich.enricher import Enricher\n"
        "result = Enricher(batch_size=4, processes=1).enrich_one(ArticleText(sys.argv[1], sys.argv[2], None))\n"
        "print(json.dumps(result['persons']))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", script, title, body]
        outputs.add(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
    assert len(outputs) == 1
    counts = {p["name"]: p["mentions"] for p in json.loads(outputs.pop())}
    assert counts["Gurbanguly Berdimuhamedov"] == 3  # named first in the title: the tie goes to him
    assert counts["Serdar Berdimuhamedov"] == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # NER ran an office into its holder's name ("Tver Region Governor Igor Rudenya" as one ORG)
        (
            "Vladimir Putin held a working meeting with Tver Region Governor Igor Rudenya at the Kremlin.",
            {"Vladimir Putin", "Igor Rudenya"},
        ),
        # a well-known surname after a role, tagged GPE
        (
            "And I would also like to thank US President Biden today for increasing American support.",
            {"Joe Biden"},
        ),
        # a surname with a particle is the full name that ends with it
        (
            "Sergeant Matiu Ratana was shot at the custody centre on Friday by a prisoner, suspected to be "
            "23-year-old Louis De Zoysa. As of Monday, De Zoysa was reportedly still in critical condition, after "
            "a bullet hit him in the neck.",
            {"Matiu Ratana", "Louis De Zoysa"},
        ),
        # ... but not when several people share it
        (
            "Eddie Van Halen and his brother Alex Van Halen formed the band in 1972. Wolfgang Van Halen, "
            "Eddie's son, joined later. Van Halen said he was proud.",
            {"Eddie Van Halen", "Alex Van Halen", "Wolfgang Van Halen", "Van Halen"},
        ),
        # a slip of the pen in the surname is the same person (the spelling written more often wins)
        (
            "Volodymyr Zelenskyy met the prime minister. Volodymyr Zelenskyy thanked Albania. Volodymyr "
            "Zelenskyiyy also met the president of Montenegro.",
            {"Volodymyr Zelenskyy"},
        ),
        # events, statements, company forms and holidays are no persons
        (
            "Vladimir Putin sent greetings on Easter Sunday. The Joint Statement was signed "
            "after the Dakar Rally and the St. Petersburg Economic Forum, said HDT Védelmi Ipari Kft. The Federal "
            "Security Service and the Vostochny Cosmodrome agreed.",
            {"Vladimir Putin"},
        ),
    ],
)
def test_offices_particles_and_misspellings(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an office of a body written before the span, its holder's name at the span's end
        (
            "Volodymyr Zelenskyy had a meeting with Executive Vice President of the European Commission Valdis "
            "Dombrovskis. The President thanked for the support.",
            {"Volodymyr Zelenskyy", "Valdis Dombrovskis"},
        ),
        (
            "Andriy Yermak met with French Minister of the Economy, Finance and the Recovery Bruno Le Maire to "
            "discuss financial and bilateral cooperation.",
            {"Andriy Yermak", "Bruno Le Maire"},
        ),
        # a country before ordinary words is an organisation, not "<Country> <Full Name>"
        (
            "Commander-in-Chief of the National Guard Troops of the Russian Federation Viktor Zolotov: Mr "
            "President, colleagues. The Russian Red Cross Society and the Russian Civil War were discussed.",
            {"Viktor Zolotov"},
        ),
        # an ambassador of a country: the whole name after the country, up to four words
        (
            "Volodymyr Zelenskyy received credentials from Ambassador of the Dominican Republic Francisco "
            "Alberto Caraballo Nuñez and Ambassador of the People's Democratic Republic of Algeria Djihad Eddine "
            "Belkas.",
            {"Volodymyr Zelenskyy", "Francisco Alberto Caraballo Nuñez", "Djihad Eddine Belkas"},
        ),
        # ... also when the span as a whole is no name; not when the span is the body alone
        ("Vladimir Putin met the Chairman of the Verkhovna Rada on Monday.", {"Vladimir Putin"}),
        (
            "Vladimir Putin held a working meeting with Head of the Delovaya Rossiya National Public Organisation "
            "Alexei Repik.",
            {"Vladimir Putin", "Alexei Repik"},
        ),
        # ... not when NER cut the name ("Delovaya Rossiya Alexei | Repik": a capital goes on)
        (
            "Vladimir Putin: Good afternoon, Mr Repik. President of Delovaya Rossiya Alexei Repik: Good "
            "afternoon, Mr President.",
            {"Vladimir Putin", "Repik"},
        ),
    ],
)
def test_office_holder_after_office_of_a_body(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


def test_transliterated_surname_forms_of_one_person_are_one() -> None:
    """A kremlin-style couple's surname ("Olena Zelenskyy") and her own form ("Olena Zelenska")."""
    body = (
        "President Volodymyr Zelenskyy and First Lady Olena Zelenska took part in an event. The Head of State "
        "and the First Lady, Volodymyr and Olena Zelenskyy, installed a board."
    )
    assert {name for name, _ in persons(body)} == {"Volodymyr Zelenskyy", "Olena Zelenska"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a one-word "person" the gazetteer knows as a place, and no common given name or surname
        (
            "The Russian army did the same to Volnovakha and dozens of other towns and villages in Ukraine, "
            "President Volodymyr Zelenskyy said.",
            {"Volodymyr Zelenskyy"},
        ),
        (
            "Evacuation buses will depart from Bila Tserkva, Fastiv and Bilohorodka, Iryna Vereshchuk said.",
            {"Iryna Vereshchuk"},
        ),
        # regions and landmarks the gazetteer lacks are in the project's own list
        (
            "Both the Heroes of the Heavenly Hundred on Maidan and the soldiers sacrificed their lives, Olena "
            "Zelenska said. They discussed threats from unrecognized Transnistria.",
            {"Olena Zelenska"},
        ),
        # a name that goes on into the name of a building, institution or the like is that thing's
        (
            "Vladimir Putin sent greetings to the Maxim Gorky Crimean Academic Russian Drama Theatre. COVID-19 "
            "reached General Bernardo O'Higgins Riquelme Base in Antarctica.",
            {"Vladimir Putin"},
        ),
        # ... and a name after "Order of" or a ship's prefix is the award's or the ship's
        (
            "He received the Order of Bohdan Khmelnytsky and the Order of Prince Yaroslav the Wise. The USS "
            "Ronald Reagan sailed, Volodymyr Zelenskyy said.",
            {"Volodymyr Zelenskyy"},
        ),
        # plurals of English nouns and demonyms of places are no persons; a plural that is a surname stays
        (
            "Vladimir Putin thanked the Colonels. Javelins and Tomahawks were delivered, Oleksii Reznikov said. "
            "A Turkmenistani delegation and a Kyivan choir came. Bridges answered questions.",
            {"Vladimir Putin", "Oleksii Reznikov", "Bridges"},
        ),
        # a one-word name the organisation table knows is the organisation
        ("Alexei Likhachev said Rosatom and Gazprombank had signed the deal, Vladimir Putin said.", {"Vladimir Putin"}),
        # ... unless a title goes before it, or it is a common surname ("Dole", "Clinton")
        ("Moldova. I spoke with President Sandu about the candidacy.", {"Sandu"}),
        ("Clinton and Dole met in Kansas City.", {"Clinton", "Dole"}),
    ],
)
def test_one_word_place_names_are_no_persons(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two PERSON spans one space apart are one name NER split
        (
            "Wearing the niqab was banned in Tunisian public offices during Zine El Abidine Ben Ali's Presidency.",
            {"Zine El Abidine Ben Ali"},
        ),
        (
            "I would like to thank King of Saudi Arabia His Majesty Salman bin Abdulaziz Al-Saud, Custodian of "
            "the Two Holy Mosques.",
            {"Salman bin Abdulaziz Al-Saud"},
        ),
        # a span starting with a lower-case particle takes the given name before it
        (
            "Arnel dela Vega of the army's Western Mindanao Command said the blasts were deliberate.",
            {"Arnel dela Vega"},
        ),
        # a span cut inside a hyphenated surname the article writes whole
        (
            "The coup placed incumbent Prayuth Chan-o-cha in office. The party did not announce whom they "
            "would support to run against Chan-o-cha.",
            {"Prayuth Chan-o-cha"},
        ),
    ],
)
def test_name_parts_ner_split_are_joined(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


def test_an_entity_across_a_line_break_is_one_per_line() -> None:
    """NER ran a caption's last words and the next paragraph's name into one ORG span."""
    body = "Tiana from The Princess and the Frog\n\nLydia Scott as a ranger from Fallout: New Vegas"
    assert {name for name, _ in persons(body)} == {"Lydia Scott"}


def test_a_person_span_across_commas_is_one_per_part() -> None:
    """NER ran two names of a list into one PERSON span (a kremlin.ru seed article)."""
    body = (
        "Vladimir Putin presented state decorations to Kamila Valiyeva, Alexander Gallyamov, Nikita Katsalapov, "
        "Mark Kondratyuk."
    )
    expected = {"Vladimir Putin", "Kamila Valiyeva", "Alexander Gallyamov", "Nikita Katsalapov", "Mark Kondratyuk"}
    assert {name for name, _ in persons(body)} == expected


def test_an_ordinary_word_is_no_person_whichever_rule_found_it() -> None:
    """A speech opening with "Colleagues," after the speaker's name (a kremlin.ru transcript)."""
    body = "Ecology and Transport Sergei Ivanov.\n\nPresident of Russia Vladimir Putin: Colleagues, good afternoon."
    assert {name for name, _ in persons(body)} == {"Sergei Ivanov", "Vladimir Putin"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a two-word name after a capitalised title, whatever NER said
        ("President of Ukraine and First Lady Olena Zelenska honored the memory.", {"Olena Zelenska"}),
        (
            "According to Chief Superintendent Graciano Mijares of the police of the Autonomous Region, at "
            "least 20 were killed.",
            {"Graciano Mijares"},
        ),
        # ... not a title followed by ordinary words or a place
        ("The Chief Sanitary Doctor said. The Prime Minister Sunday Times reported.", set()),
        # one unknown word after a person's title (NER tagged nothing); the alias table names the person
        ('"We spoke today with Chancellor Scholz about Nord Stream 2," the President said.', {"Olaf Scholz"}),
        # ... not after a title that also starts an institution's name, nor before a name particle
        (
            "The State Duma and the German Bundestag voted. Sheikh Mohammed bin Rashid Al Maktoum called.",
            {"Mohammed bin Rashid Al Maktoum"},
        ),
    ],
)
def test_names_after_a_title(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the holder's name ends "<title> of <body>" where NER tagged none or ran the body into it
        ("Today I will also speak with Prime Minister of the Netherlands Rutte. I use every opportunity.", {"Rutte"}),
        ("Bernie Sanders aside, United States Senator from Vermont Bernie Sanders has earned 914.", {"Bernie Sanders"}),
        (
            "The meeting was attended by Minister for Foreign Affairs of the Netherlands Wopke Hoekstra who is "
            "on a visit to our country.",
            {"Wopke Hoekstra"},
        ),
        (
            "The Deputy Head of the Office of the President Rostyslav Shurma and Minister of Infrastructure "
            "Oleksandr Kubrakov will hold a series of meetings.",
            {"Rostyslav Shurma", "Oleksandr Kubrakov"},
        ),
        # ... not a country's long name, an institution after an adjective, a place's word, or a name that
        # goes on with a particle
        ("I would like to greet His Majesty the Sultan of Brunei Darussalam, who is chairing the summit.", set()),
        ("I also spoke with the President of the German Bundestag. The Governor of Tyumen Oblast, Russia.", set()),
        (
            "He met the President of the Arab Republic of Egypt Abdel Fattah el-Sisi yesterday.",
            {"Abdel Fattah el-Sisi"},
        ),
    ],
)
def test_office_holder_where_ner_tagged_none(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a name NER tagged otherwise, after a noun for a person or before an apposition saying who it is
        (
            "payments made to porn actress Stormy Daniels and former Playboy model Karen McDougal to remain secret.",
            {"Stormy Daniels", "Karen McDougal"},
        ),
        ("Jasim Uddin, a spokesperson for the fire service, told the Associated Press.", {"Jasim Uddin"}),
        (
            "The November 4 issue of Magyar Nemzet published an interview with Gáspár Maróth, the Hungarian "
            "Government commissioner.",
            {"Gáspár Maróth"},
        ),
        # ... not an affiliation after a preposition, nor a newspaper called official
        (
            "Dr. Tristan Smith of University College London, a shipping researcher, said so.",
            {"Tristan Smith"},
        ),
        ("said a commentary in the official China Daily.", set()),
    ],
)
def test_persons_in_apposition(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


def test_apposition_alone_makes_a_name_a_persons() -> None:
    """Where NER tagged nothing (a wikinews seed article), the apposition alone finds the name; not a body's."""
    text = "Jasim Uddin, a spokesperson for the fire service, said. The Security Council, a member of the UN, met."
    assert [name for name, _, _ in _apposed_names(text)] == ["Jasim Uddin"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a one-word name written only after "the" is a thing or a group ...
        (
            "Though she was nominated for the Academy Award for Pillow Talk, the Gukurahundi massacres saw "
            "thousands killed, Robert Mugabe said.",
            {"Robert Mugabe"},
        ),
        # ... unless a common surname or a well-known person ("the Clinton administration")
        ("The Clinton administration and the Assad regime talked.", {"Clinton", "Assad"}),
        # a name the article also writes next to a natural feature's word is the place
        (
            "Alexei Tsydenov thanked the President for his attention to Baikal. The uniqueness of Lake Baikal is "
            "also a tourist advantage.",
            {"Alexei Tsydenov"},
        ),
    ],
)
def test_things_and_places_by_article_context(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a body's or town's name NER ran into the name of its head
        ("Mayor of Koszalin Piotr Jedlinski has declared tomorrow a day of mourning.", {"Piotr Jedlinski"}),
        (
            "Answering the question of the moderator - founder of the World Economic Forum Klaus Schwab about "
            "the vision of the future, he spoke.",
            {"Klaus Schwab"},
        ),
        (
            "He met State Secretary at the Ministry of Foreign Affairs of the Republic of Slovenia Stanislav "
            "Raščan, promising measures.",
            {"Stanislav Raščan"},
        ),
        (
            "He laid flowers at the monument to the prominent statesman, President of the Ukrainian People's "
            "Republic Mykhailo Hrushevsky. The ceremonial group laid a wreath.",
            {"Mykhailo Hrushevsky"},
        ),
        (
            "Director of the Gamaleya Centre Denis Logunov said the vaccine works. Logunov added more.",
            {"Denis Logunov"},
        ),
        # ... but not a common word or a thing's name after the body ("Million Man March", "the Two Noble
        # Sanctuaries", "Make the World Greta Again")
        ("Farrakhan organised last October's Million Man March in Washington.", set()),
        (
            "Servant of the Two Noble Sanctuaries and Protector of the Two Holy Cities, King Salman, spoke.",
            {"Salman"},
        ),
        ('Some were using the slogan "Make the World Greta Again".', set()),
        # a given name no census lists (Polish, German, Arabic, ...) still makes a full name
        ("Bishop Wojciech Polak and Tomasz Sekielski spoke.", {"Wojciech Polak", "Tomasz Sekielski"}),
    ],
)
def test_holder_after_a_body_or_town(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


def test_a_span_goes_on_with_a_surname_the_article_tags_alone() -> None:
    body = (
        "Paul Manafort was sentenced by Judge Amy Berman Jackson to 73 months. Judge Jackson clarified the "
        "terms. Later Judge Jackson stated more."
    )
    assert {name for name, _ in persons(body)} == {"Paul Manafort", "Amy Berman Jackson"}


def test_a_name_split_into_two_spans_of_other_labels() -> None:
    """NER tagged the given name GPE and the surname NORP, one space apart: one person."""
    body = "Member of the National Scout Organization of Ukraine Natalia Strokan said that the year was hard."
    assert persons(body) == [("Natalia Strokan", 1)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the end of one full name the article writes after a given name is that person
        (
            "Seyed Mohammad Mir-Mohammadi died. Mir-Mohammadi was 71. Iranian official Mohammad Mir-Mohammadi dies.",
            {"Seyed Mohammad Mir-Mohammadi"},
        ),
        ("Leon van Biljon, owner of the lodge, said so. Van Biljon added that he left.", {"Leon van Biljon"}),
        # ... not after a company's name NER ran into it, which is dropped where the article names the person
        # alone too
        (
            "The President met President of Transneft Nikolai Tokarev. Transneft Nikolai Tokarev said. Nikolai "
            "Tokarev added.",
            {"Nikolai Tokarev"},
        ),
    ],
)
def test_longer_and_shorter_forms_of_one_name(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # things, groups, places, feasts and ranks NER takes for persons
        ("Vladimir Putin greeted Orthodox Christians and all Russians celebrating Easter.", {"Vladimir Putin"}),
        (
            "Sergeant Khanin Andriy Pavlovych. Posthumously. Defending Volnovakha, Donetsk region, he destroyed an "
            "enemy tank.",
            set(),
        ),
        ("The history of Kyivan Rus matters, Volodymyr Zelenskyy said.", {"Volodymyr Zelenskyy"}),
        ("They walked the Poltava Way with Volodymyr Zelenskyy.", {"Volodymyr Zelenskyy"}),
        ("Macron's Address to the nation was short, Olaf Scholz said.", {"Olaf Scholz"}),
        ("He was named People's Artist of Russia by Vladimir Putin.", {"Vladimir Putin"}),
        ("The Apostolic Nuncio met Pope Francis.", {"Francis"}),
        ("Liberal Democrats - 11 seats. Jo Swinson lost her seat.", {"Jo Swinson"}),
        ("The procession at the Rue nationale was led by Bishop Laurent Camiade.", {"Laurent Camiade"}),
        ("Nika Petrotech has implemented a joint project, Alexander Brechalov said.", {"Alexander Brechalov"}),
        ("I am asking Kyivites to be careful, Volodymyr Zelenskyy said.", {"Volodymyr Zelenskyy"}),
        (
            "Gray, 24, who cited only his experience with the sport of rugby: 'one in, all in'. I did what any "
            "Londoner would do and tried to put a stop to it.",
            set(),
        ),
        (
            "Dinosaurs such as Archaeopteryx were already in the air, said John Hutchinson.",
            {"John Hutchinson"},
        ),
        # ... and what the article writes as "the <name>" elsewhere is a thing, not a person
        (
            "He observed the service of the Marine Guard. Tasks by Marine Guard units were shown to Volodymyr "
            "Zelenskyy.",
            {"Volodymyr Zelenskyy"},
        ),
        # ... while real people with such words stay
        (
            "Kobe Bryant, Orel Hershiser, Manning Marable, Darrell Castle and Martin Luther King were named.",
            {"Kobe Bryant", "Orel Hershiser", "Manning Marable", "Darrell Castle", "Martin Luther King"},
        ),
        ("Xiaogang Wei said Taiwan's legislature voted.", {"Xiaogang Wei"}),
    ],
)
def test_things_groups_and_places_named_like_persons(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transcript editor's square brackets around whole words go; a letter bracketed in a word does not
        ("Andrei] Serdyukov", "Andrei Serdyukov"),
        ("[David] Evans", "David Evans"),
        ("[S]e", None),
        # a verb or a caption word run on after the name goes
        ("Narendra] Modi Announced", "Narendra Modi"),
        ("Kamala Harris Image", "Kamala Harris"),
        ("Howie HawkinsImage", "Howie Hawkins"),
        ("Lou Reed", "Lou Reed"),
        # first words that start names of places, papers, mosques and teams, and last words of feasts,
        # parties and movements
        ("Female Magellanic", None),
        ("Masjid Al-Aqsa", None),
        ("Gazeta Wyborcza", None),
        ("Team Zorin", None),
        ("Orthodox Easter", None),
        ("Sinn Féin", None),
        ("Tablighi Jamaat", None),
        ("Usolye Stroganovskoye", None),
        ("Soldier Mrochko", "Mrochko"),
        # interjections and a transcript's stage directions
        ("Hooray", None),
        ("Laughter", None),
        ("Broadcaster Piers Morgan", "Piers Morgan"),
        # post-nominals go from a full name; a drug maker, a telescope, a plural company name and a god are
        # no persons
        ("Jo Cox MP", "Jo Cox"),
        ("Ridgeback Biotherapeutics", None),
        ("James Webb Telescope", None),
        ("Worldwide Diving Adventures", None),
        ("Thoth", None),
    ],
)
def test_clean_person_name_brackets_captions_and_thing_words(text: str, expected: str | None) -> None:
    assert clean_person_name(text) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an award after a determiner is the award; a person of that name is a person
        (
            "The Oscar statuette was made of plaster, Sean Penn said. You were ready to melt your Oscar.",
            {"Sean Penn"},
        ),
        ("Oscar scored twice for Chelsea.", {"Oscar"}),
        # a band after the word for one; not people after "trio"
        (
            "Baker and Clapton were in another supergroup Blind Faith with Steve Winwood. Blind Faith recorded "
            "one album.",
            {"Baker", "Clapton", "Steve Winwood"},
        ),
        (
            "Pace trio David Millns (2-24), Gordon Parsons (3-20) and Vince Wells (2-19) had Hampshire on the ropes.",
            {"David Millns", "Gordon Parsons", "Vince Wells"},
        ),
    ],
)
def test_awards_and_bands_named_like_persons(body: str, expected: set[str]) -> None:
    assert {name for name, _ in persons(body)} == expected
