"""Entity tables as data files (issue 19): every file has its header and parses; the seats of government are
one table that all four consumers agree with; one fold; the seat PhraseMatcher finds what a regex would."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from indexer.enrich import (
    aliases,
    attribution_resolver,
    entity_tables,
    folding,
    geo,
    organizations,
    seats,
    stance_lexicon,
)
from indexer.enrich.countries import extract_countries
from indexer.enrich.entity_tables import TableError, read_table, split_cell, table_header
from indexer.enrich.mentions import BODY, EntitySpan
from indexer.enrich.name_lists import given_names
from indexer.readers import iter_records
from indexer.records import RawArticle

ROOT = Path(__file__).resolve().parent.parent

#: Every data file and its columns (a new file must be added here, so it is tested).
DATA_FILES = {
    "person_aliases.tsv": ("canonical", "unique_surname", "variants"),
    "organization_aliases.tsv": ("canonical", "country", "variants"),
    "seats_of_government.tsv": ("written", "canonical", "country", "kind", "uses"),
    "countries.tsv": ("code", "display_name", "article", "aliases", "demonyms"),
    "places_extra.tsv": ("name", "country"),
    "place_words.tsv": ("list", "word"),
    "state_bodies.tsv": ("canonical", "pattern"),
    "given_names_extra.tsv": ("group", "name"),
    "stance_words.tsv": ("list", "word", "value"),
    "stance_content.tsv": ("stance", "kind", "words"),
    "speaker_nouns.tsv": ("noun", "kind"),
    "office_holders.tsv": ("office", "country", "holder"),
    "first_person_titles.tsv": ("word",),
    "joint_speakers.tsv": ("noun", "kind"),
}


def test_the_data_files_are_the_known_ones() -> None:
    assert entity_tables.data_files() == sorted(DATA_FILES)


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_file_has_its_header_and_parses(name: str) -> None:
    header = " ".join(table_header(name))
    assert "Source:" in header and "Columns:" in header and "Read by" in header
    for column in DATA_FILES[name]:
        assert column in header  # the header says what each column holds
    rows = read_table(name, DATA_FILES[name])
    assert rows and all(len(row) == len(DATA_FILES[name]) for row in rows)
    assert len(set(rows)) == len(rows), "a row is repeated"


def test_a_malformed_table_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_tables, "DATA_DIR", tmp_path)
    (tmp_path / "no_header.tsv").write_text("a\tb\nx\ty\n", encoding="utf-8")
    (tmp_path / "short_row.tsv").write_text("# what\na\tb\nx\n", encoding="utf-8")
    (tmp_path / "good.tsv").write_text("# what\n# more\na\tb\nx\t\n", encoding="utf-8")
    with pytest.raises(TableError, match="header"):
        read_table("no_header.tsv", ("a", "b"))
    with pytest.raises(TableError, match="row 2"):
        read_table("short_row.tsv", ("a", "b"))
    with pytest.raises(TableError, match="columns"):
        read_table("good.tsv", ("a", "c"))
    assert read_table("good.tsv", ("a", "b")) == (("x", ""),)
    assert table_header("good.tsv") == ["what", "more"]
    assert split_cell(" x | y |") == ["x", "y"] and split_cell("") == []


# --- seats of government: one table, four consumers -------------------------------------------------------

#: Mention -> (canonical body, country) as the seats table says.
SEATS = [
    ("the Kremlin", "Kremlin", "RU"),
    ("Kremlin", "Kremlin", "RU"),
    ("the White House", "White House", "US"),
    ("Downing Street", "Downing Street", "GB"),
    ("Élysée Palace", "Élysée Palace", "FR"),
    ("Elysee Palace", "Élysée Palace", "FR"),
    ("the Élysée", "Élysée Palace", "FR"),
    ("Bankova", "Office of the President of Ukraine", "UA"),
    ("the Pentagon", "Pentagon", "US"),
    ("Zhongnanhai", "Zhongnanhai", "CN"),
    ("the Quai d'Orsay", "Quai d'Orsay", "FR"),
]


def _row(mention: str) -> seats.Seat:
    written = re.sub(r"^the ", "", mention)
    return next(seat for seat in seats.seats() if seat.written == written)


@pytest.mark.parametrize(("mention", "canonical", "country"), SEATS)
def test_every_consumer_agrees_with_the_seats_table(mention: str, canonical: str, country: str) -> None:
    row = _row(mention)
    assert (row.canonical, row.country) == (canonical, country)
    # geo: a mention of the country (and never a place)
    assert geo.country_code(mention) == country
    assert geo.place(mention) is None
    # countries: a FAC span NER tagged, and the same name NER left untagged when each word starts with an ASCII
    # capital (the untagged candidates of indexer.enrich.countries)
    text = f"Officials at {mention} said so."
    start = text.index(mention)
    tagged = [EntitySpan(mention, "FAC", start, start + len(mention), BODY)]
    assert [found["code"] for found in extract_countries(tagged, ["", text], [])] == [country]
    if all(word[0] in string.ascii_uppercase for word in row.written.split()):
        assert [found["code"] for found in extract_countries([], [text], [])] == [country]
    # attribution: the speaker's state body
    assert attribution_resolver.state_body(mention) == (canonical, country)
    # aliases / organizations: an organisation name (when the table says so) and untagged mentions
    alias = aliases.organization_aliases().get(aliases.fold_name(mention))
    assert alias == ((canonical, country) if "organization" in row.uses else None)
    text = f"A statement from {mention} came late."
    found = [text[start:end] for start, end in organizations.seat_mentions(text)]
    assert found == ([row.written] if "untagged" in row.uses else [])


@pytest.mark.parametrize("seat", seats.seats(), ids=lambda seat: seat.written)
def test_each_row_reaches_each_consumer_it_names(seat: seats.Seat) -> None:
    assert (geo.METONYMS.get(geo.fold(seat.written)) == seat.country) == ("country" in seat.uses)
    spoken = attribution_resolver.STATE_METONYMS.get(seat.written.lower())
    assert spoken == ((seat.canonical, seat.country) if "speaker" in seat.uses and seat.canonical else None)
    if "speaker" in seat.uses and seat.canonical is None:  # a capital or "English": the state
        assert attribution_resolver.country_code(seat.written) == seat.country
    if "organization" in seat.uses:
        assert aliases.organization_aliases()[aliases.fold_name(seat.written)] == (
            seat.canonical,
            seat.country,
        )


def test_the_seats_are_in_no_other_table() -> None:
    written = {aliases.fold_name(seat.written) for seat in seats.seats()}
    rows = read_table("organization_aliases.tsv", DATA_FILES["organization_aliases.tsv"])
    org_names = {
        aliases.fold_name(name) for canonical, _, variants in rows for name in (canonical, *split_cell(variants))
    }
    assert written & org_names == set()
    assert written & (set(geo.country_names()) | set(geo.demonyms())) == set()


def test_capitals_name_the_state_for_a_speaker_only() -> None:
    assert attribution_resolver.country_code("Moscow") == "RU" and attribution_resolver.country_code("English") == "GB"
    assert geo.country_code("Moscow") is None and geo.place("Moscow") == geo.Place("Moscow", "RU", 10381222)


# --- one fold ---------------------------------------------------------------------------------------------

#: text -> (fold, fold with join_dots)
FOLDS = [
    ("The Hague", "hague", "hague"),
    (" the  Hague ", "hague", "hague"),
    ("THE WEST", "west", "west"),
    ("theatre", "theatre", "theatre"),
    ("Zelens’kyy", "zelens'kyy", "zelens'kyy"),
    ("‘Kremlin’", "'kremlin'", "'kremlin'"),
    ("U.S.", "u.s.", "u.s."),
    ("U. S.", "u. s.", "u.s."),
    ("Mr. J. R. R. Tolkien", "mr. j. r. r. tolkien", "mr.j.r.r.tolkien"),
    ("No. 10", "no. 10", "no.10"),
    ("Élysée  Palace", "elysee palace", "elysee palace"),
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan", "recep tayyip erdogan"),
    ("Łódź", "łodz", "łodz"),
    ("Київ", "киів", "киів"),
    ("東京", "東京", "東京"),
]


@pytest.mark.parametrize(("text", "folded", "dots_joined"), FOLDS)
def test_one_fold_for_every_table(text: str, folded: str, dots_joined: str) -> None:
    assert folding.fold(text) == folding.fold_uncached(text) == geo.fold(text) == folded
    assert folding.fold(text, join_dots=True) == aliases.fold_name(text) == dots_joined


def test_geo_fold_is_the_one_fold() -> None:
    assert geo.fold is folding.fold


# --- the seat PhraseMatcher finds what the regex of the table finds ---------------------------------------


def _regex_mentions(text: str) -> list[tuple[int, int]]:
    names = "|".join(re.escape(name) for name in seats.untagged_names())
    return [match.span() for match in re.finditer(rf"(?<![\w-])(?:{names})(?![\w-])", text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin said on Monday that the White House had not called.",
        "Kremlin-backed forces and pro-Kremlin bloggers; Kremlinology; the Kremlin's line; the Kremlin’s line.",
        "Downing Street/White House talks (Bankova) — the Élysée Palace, the Elysee Palace.",
        "White  House, White\nHouse, WhiteHouse, White-House, the White House_ and Pentagon2 are not seats.",
        "“Pentagon”: Pentagon.Pentagon, Bankova;Bankova",
        "",
    ],
)
def test_seat_matcher_finds_the_regex_spans(text: str) -> None:
    assert organizations.seat_mentions(text) == _regex_mentions(text)


def test_seat_matcher_finds_the_regex_spans_in_every_seed_article() -> None:
    texts = [
        text
        for record in iter_records([ROOT / "seeds"])
        if isinstance(record, RawArticle)
        for text in (record.title, record.body)
    ]
    assert len(texts) > 4000
    found = 0
    for text in texts:
        spans = organizations.seat_mentions(text)
        assert spans == _regex_mentions(text)
        found += len(spans)
    assert found > 100


# --- the other tables reach their modules -------------------------------------------------------------------


def test_the_geographic_tables_reach_geo() -> None:
    assert geo.country_display_name("RU") == "Russia" and geo.country_phrase_name("US") == "the United States"
    assert geo.country_names()["britain"] == "GB" and geo.demonyms()["ukrainians"] == "UA"
    assert geo.place("Bakhmut") == geo.Place("Bakhmut", "UA", 10**8)
    assert "middle east" in geo.NOT_COUNTRIES and geo.place("Western") is None and "kiev" in geo.BIG_CITY_ALIASES


def test_the_person_and_name_tables_reach_their_modules() -> None:
    assert aliases.person_aliases()[aliases.fold_name("Volodymyr Zelensky")] == "Volodymyr Zelenskyy"
    assert aliases.unique_surnames()[aliases.translit_key("Putin")] == "Vladimir Putin"
    assert aliases.translit_key("Harris") not in aliases.unique_surnames()  # Kamala Harris: "no"
    assert "V. Putin" in aliases.person_surface_names()
    assert {"oleksandr", "klaus", "recep"} <= given_names()
    assert organizations._body_name("ministry of foreign affairs") == "Foreign Ministry"


def test_the_stance_word_lists_reach_the_lexicon() -> None:
    rows = read_table("stance_words.tsv", DATA_FILES["stance_words.tsv"])
    assert {name for name, _, _ in rows} == {
        "verb_stance", "cognition_verb", "conduit_verb", "claim_noun", "no_comment_xcomp", "no_comment_negated",
        "oppose_evaluation", "deny_evaluation", "support_evaluation", "media_word", "group_noun", "role_noun",
        "official_title", "other_verb", "ambiguous_form", "stance_cue_verb", "stance_cue_form", "act_verb",
        "colon_label", "light_verb", "light_object", "title_qualifier_preposition", "clause_word",
        "apposition_opener", "not_title_opener", "title_synonym", "office_qualifier", "topic_preposition",
        "object_preposition", "personal_title", "title_joiner", "greeting_word", "clause_only_verb",
        "not_holder_modifier",
    }  # fmt: skip
    assert "afternoon" in stance_lexicon.GREETING_WORDS and {"continue", "find"} == stance_lexicon.CLAUSE_ONLY_VERBS
    assert {"deputy", "vice", "former"} <= stance_lexicon.NOT_HOLDER_MODIFIERS
    assert {"adviser", "chancellor", "mr."} <= stance_lexicon.PERSONAL_TITLES and "to" in stance_lexicon.TITLE_JOINERS
    assert "in" not in stance_lexicon.OBJECT_PREPOSITIONS and "about" in stance_lexicon.TOPIC_PREPOSITIONS
    assert stance_lexicon.TITLE_SYNONYMS == {"head of state": "president", "premier": "prime minister"}
    assert "to" not in stance_lexicon.TITLE_QUALIFIER_PREPOSITIONS and "who" in stance_lexicon.CLAUSE_WORDS
    assert "according" in stance_lexicon.NOT_TITLE_OPENERS and "the" in stance_lexicon.APPOSITION_OPENERS
    assert all(value == "" for name, _, value in rows
               if name not in ("verb_stance", "light_verb", "light_object", "title_synonym"))
    assert {value for name, _, value in rows if name == "light_verb"} == {"-", "only"}
    assert stance_lexicon.LIGHT_OBJECTS["condolence"] == "supports"
    assert stance_lexicon.LIGHT_OBJECTS["concern"] == "opposes"
    assert "extend" in stance_lexicon.LIGHT_ONLY_VERBS and "express" not in stance_lexicon.LIGHT_ONLY_VERBS
    assert stance_lexicon.LIGHT_ONLY_VERBS <= stance_lexicon.REPORTING_VERBS
    assert stance_lexicon.VERB_STANCE["deny"] == "denies" and stance_lexicon.VERB_STANCE["say"] is None
    assert len(stance_lexicon.VERB_STANCE) == sum(1 for name, _, _ in rows if name == "verb_stance")
    assert "reuters" in stance_lexicon.MEDIA_WORDS and "spokesman" in stance_lexicon.ROLE_NOUNS
    assert "denied" in stance_lexicon.STANCE_CUE_FORMS and "thanks" not in stance_lexicon.STANCE_CUE_FORMS
    assert stance_lexicon.verb_lemma("went") == "go"
