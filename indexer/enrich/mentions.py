"""Entity mentions as plain values, and the clean-up of their surface text (titles, possessives, junk)."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from indexer.enrich import geo
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.nlp import english_present_participle, english_words

TITLE = 0
BODY = 1


@dataclass(frozen=True)
class EntitySpan:
    """One named-entity mention: its text, spaCy label, and character span in its source text."""

    text: str
    label: str
    start: int
    end: int
    source: int = BODY  # TITLE or BODY


class CoveredText:
    """The character ranges of one source text that entity spans cover, for "is this match inside an
    entity?" in O(log n) per question (merged, sorted ranges and a binary search)."""

    def __init__(self, spans: Sequence[EntitySpan], source: int) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((s.start, s.end) for s in spans if s.source == source):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a covered range."""
        i = bisect.bisect_left(self._starts, end)  # ranges starting before ``end``
        return i > 0 and self._ends[i - 1] > start


def entity_spans(doc: Doc, source: int = BODY) -> list[EntitySpan]:
    """The named entities of a spaCy doc as :class:`EntitySpan` values; an entity NER ran across a line
    break is one span per line ("the Frog\n\nLydia Scott": a caption and the next line's name), a PERSON
    across a comma one span per part ("Alexander Gallyamov, Nikita Katsalapov": two people of a list)."""
    spans: list[EntitySpan] = []
    for entity in doc.ents:
        text, start, label = entity.text, entity.start_char, entity.label_
        parts = _PERSON_PART if label == "PERSON" and ", " in text else _LINE
        if "\n" not in text and parts is _LINE:
            spans.append(EntitySpan(text, label, start, entity.end_char, source))
            continue
        for part in parts.finditer(text):
            spans.append(EntitySpan(part.group(0), label, start + part.start(), start + part.end(), source))
    return spans


#: A line's text without the whitespace around it.
_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")
#: A part of a PERSON span between line breaks and commas, without the whitespace around it.
_PERSON_PART = re.compile(r"[^\s,](?:[^\n,]*[^\s,])?")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words before a name that are titles or roles, not part of the name (lower case).
_TITLE_WORDS = _words(
    "president president-elect vice-president ex-president prime minister premier chancellor mr mr. "
    "mrs mrs. ms ms. miss dr dr. sir dame lord lady general gen gen. lieutenant lt lt. colonel col "
    "col. major maj captain capt capt. commander admiral marshal sergeant sgt sgt. private secretary "
    "senator sen sen. rep rep. representative congressman congresswoman governor gov gov. mayor judge "
    "justice pope cardinal bishop archbishop patriarch rabbi imam ayatollah sheikh emir king queen "
    "prince princess crown chairman chairwoman chair ceo cfo founder spokesman spokeswoman "
    "spokesperson press deputy former ex late foreign defence defense interior finance health "
    "minister ambassador envoy leader head chief director speaker professor prof prof. coach striker "
    "midfielder defender goalkeeper captain opposition russian ukrainian american british french "
    "german chinese u.s. us uk kremlin state secretary-general attorney attorney-general then acting "
    "incumbent candidate nominee democratic republican democrat senior junior top aide adviser "
    "advisor analyst officer official commissioner president's comrade saint st st. father brother "
    "sister winger fullback full-back scrum-half fly-half flanker libero pitcher shortstop outfielder "
    "lawyer accountant economist broker manager skipper batsman referee umpire teenager jockey "
    "superintendent inspector detective constable majesty highness excellency mme mlle cde ruler apostle "
    "knyaz maestro metropolitan academician chairperson prophet hetman tsar tsarina emperor empress "
    "assemblyman assemblywoman assemblymember councilman councilwoman councillor councilor alderman "
    "soldier corporal cadet ensign sheriff broadcaster presenter"
)
#: Titles that only ever stand before a person's name ("Chancellor Scholz"; not "State Duma", "Press Service").
_PERSON_TITLES = _words(
    "president president-elect premier chancellor mr mr. mrs mrs. ms ms. dr dr. sir dame colonel admiral "
    "marshal sergeant senator congressman congresswoman governor mayor pope cardinal bishop archbishop "
    "patriarch rabbi imam ayatollah sheikh emir king queen prince princess chairman chairwoman spokesman "
    "spokeswoman minister ambassador envoy secretary professor coach comrade"
)
#: Lower-case particles inside names ("Danie van Schalkwyk", "Arnel dela Vega", "Mohammed bin Salman").
NAME_PARTICLES = _words(
    "de da di do dos das du del dela della der den van von ter ten zu bin ibn ben al el la le y af av op abu"
)
_PRONOUNS = _words("i me he him his she her hers it its we us our they them their you your who whom this that")
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_MONTHS = _words("january february march april may june july august september october november december")
#: Words spaCy tags as PERSON in news that are not people; calendar words ("on October") are never a person
#: on their own, except "May" (Theresa May).
_NOT_PERSONS = (
    _WEEKDAYS
    | (_MONTHS - {"may"})
    | _words(
        "god allah covid covid-19 coronavirus brexit twitter facebook instagram youtube tiktok google "
        "whatsapp telegram mum dad mom grandma grandpa baby sir madam reuters afp ap xinhua tass bbc cnn "
        "lol ok hi thanks sputnik wikinews rue "
        # gods of old religions ("the god Thoth")
        "thoth horus osiris anubis bast bastet zeus athena odin "
        # interjections and a transcript's stage directions ("Hooray!", "(Laughter.)")
        "hooray hurrah bravo laughter applause transcript info "
        # variants, software and currencies NER takes for a person
        "omicron linux bitcoin "
        # forms of address and holidays are never a person on their own ("Her Majesty", "Easter")
        "majesty highness excellency holiness "
        "easter christmas ramadan hanukkah passover diwali nowruz navruz oscars emmys grammys "
        # peoples NER takes for a person ("Kurd rebels", "Hutu refugees")
        "kurd kurds hutu hutus tutsi tutsis tamil tamils pashtun pashtuns uighur uighurs uyghur uyghurs "
        # weapons war news names ("Javelin missiles", "Bayraktar drones")
        "javelin javelins stinger stingers bayraktar bayraktars himars nlaw nlaws armata uragan tochka tochka-u "
        "kalibr kinzhal sarmat avangard yars smerch shahed shaheds"
    )
)
#: First words of names that are no person's ("Sputnik Light", "Twitter West"): the non-persons above, but
#: not months or weekdays, which are given names too ("June Carter", "April Ryan", "Sunday Bada").
_NOT_PERSON_STARTS = _NOT_PERSONS - _WEEKDAYS - _MONTHS
#: Last words that make a name a street, building, institution or event, not a person.
_NOT_NAME_ENDINGS = _WEEKDAYS | _words(
    "avenue street st. road square boulevard bridge airport station university college school hospital "
    "prize award foundation institute center centre museum stadium park church cathedral mosque temple "
    "palace hotel tower building memorial fund act law day cup trophy league party army force forces front "
    "movement council committee union association group corp inc ltd bank company agency ministry office "
    "court team club fc united city rovers wanderers athletic department exchange board co co. corp corp. "
    "inc inc. plc ltd. llc airlines airways motors survey administration commission newsroom prison "
    "organisation organization corporation congress network division federation mining cement cables carnival "
    "managers partners brothers microsystems semiconductor systems valley harbor harbour island islands peninsula "
    "plan charter convention treaty accord doctrine match games olympics paralympics championships tournament "
    "comics studios pictures records investment investments capital ventures spa ag nv gmbh s.a. kft zrt corps "
    "statement declaration communique festival rally "
    "marathon summit forum conference expo exhibition theatre theater gallery awards service cosmodrome rights "
    "facility highway railway region territory area sea falls range cove lakes library bulletin journal studio "
    "express circuit parliament police shipyard republic republics format quartet directorate community "
    "platform academy order measures cooperatives partnership olympiad shuttle township mall tribe tribes "
    "holdings legacy yar stream "
    # parties named by their members ("Liberal Democrats", "Sweden Democrats")
    "democrats republicans conservatives liberals socialists communists nationalists unionists tories greens "
    "cymru féin fein "
    # feasts, newspapers, strongholds and monasteries ("Orthodox Easter", "Frankfurter Allgemeine Zeitung"; not
    # "castle", "chapel" or "abbey": "Darrell Castle")
    "year easter christmas fitr adha pesach passover hanukkah zeitung gazette gazeta tribune fortress "
    "monastery basilica lavra citadel ruchei jamaat "
    # drug makers, telescopes and companies named by a plural ("Ridgeback Biotherapeutics", "James Webb
    # Telescope", "Worldwide Diving Adventures")
    "therapeutics biotherapeutics pharmaceuticals pharma biotech biosciences laboratories labs telescope "
    "telescopes observatory spacecraft rover adventures tours solutions industries enterprises technologies "
    "productions"
)
#: A person's name that goes on with capitalised words ending in such a word is part of the thing's name
#: ("Maxim Gorky | Crimean Academic Russian Drama Theatre", "Bernardo O'Higgins | Riquelme Base"); not
#: weekdays ("said Joe Biden Sunday").
_THING_AFTER_NAME = re.compile(
    r"(?:[ ][A-Z][\w'’.-]*){0,4}[ ](?:"
    + "|".join(
        sorted(
            {w.capitalize() for w in _NOT_NAME_ENDINGS if w.isalpha()} - {d.capitalize() for d in _WEEKDAYS} | {"Base"}
        )
    )
    + r")(?![\w-])"
)


def thing_goes_on(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` goes on, in capitalised words, into the name of a building,
    institution, event or the like ("Maxim Gorky" + " Crimean Academic Russian Drama Theatre")."""
    return _THING_AFTER_NAME.match(text, end) is not None


#: Prefixes of ships' names ("USS Ronald Reagan"): a name with one is a ship's.
_SHIP_PREFIXES = frozenset({"USS", "HMS", "HMCS", "HMAS", "RFS", "INS"})
#: Before a name that is an award's or a ship's ("the Order of Alexander Nevsky", "the Order of Prince
#: Yaroslav the Wise", "the USS Ronald Reagan").
_THING_BEFORE_NAME = re.compile(
    r"(?:\b(?:Order|Orders|Medal|Prize|Cross|Star|Badge)[ ]of[ ](?:the[ ])?(?:(?:Holy|Saint|St\.?|Prince|Princess"
    r"|Grand[ ]Duke|Blessed)[ ])?|\b(?:" + "|".join(sorted(_SHIP_PREFIXES | {"MV", "RV"})) + r")[ ])$"
)


def thing_before(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` follows "Order of", "Medal of", a ship prefix or the like: the
    name of an award or a ship ("the Order of Bohdan Khmelnytsky", "the USS Ronald Reagan")."""
    return _THING_BEFORE_NAME.search(text, max(0, start - 40), start) is not None


#: Words before a storm's name ("Storm Lorenzo", "Hurricane Dorian", "Typhoon Haiyan").
STORM_WORDS = _words("storm hurricane typhoon cyclone")
#: First words that make a name a storm, a place or a thing ("Storm Lorenzo", "County Mayo", "Sputnik Light").
_NOT_NAME_STARTS = (
    STORM_WORDS
    | _NOT_PERSON_STARTS
    | {"county", "akademik", "academik", "nagorno"}
    # sexes of animals, upper and lower places, mosques, papers, capes, springs, teams ("Female Magellanic",
    # "Upper Lars", "Masjid Al-Aqsa", "Hagia Sophia", "Gazeta Wyborcza", "Punta Tombo", "Ain Issa", "Team Zorin")
    | _words("male female upper lower masjid hagia haghia gazeta punta ain team")
)
#: Slavic adjectives that start names of places, papers and contests, not of people ("Nizhny Novgorod",
#: "Velyka Dymerka", "Novaya Gazeta", "Verkhovna Rada", "Bolshaya Peremena").
_SLAVIC_ADJECTIVES = _words(
    "nizhny nizhniy verkhny verkhniy verkhovna velyka velykyi veliky velikiy mala malyi maly novy novyi nova "
    "krasny krasnyi bolshoi bolshoy stary staryi kryvyi zolota chorna biła bila"
)
_SLAVIC_ADJECTIVE_ENDING = re.compile(r"..(?:v|sk|sh|l|n|k|t|d)aya$|..oye$")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_ROMAN_NUMERAL = re.compile(r"[IVX]+")
#: Letters after a person's name ("Kama Melly QC", "Jo Cox MP").
_POST_NOMINALS = frozenset({"QC", "KC", "MP", "MEP", "MSP", "MD", "OBE", "MBE", "CBE", "KBE"})
#: Letters of scripts an English-language archive's names are not written in (Cyrillic, Greek): a quoted
#: word or a look-alike spelling ("Аррle" with Cyrillic letters).
_NOT_NAME_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
#: Endings of Ukrainian and Russian place names that no surname has ("Snihurivka", "Novotroitske",
#: "Hulyaipole", "Kamianske", "Zelenograd", "Ivanovo").
_SLAVIC_PLACE = re.compile(
    r"(?:[iy]vka|ovka|evka|ivske|[iy]tske|ovske|ianske|yanske|skoye|skoe|pole|hrad|horod|grad|gorod|opol|opil|ovo|evo)$"
)
#: Endings of company names, Russian ones especially, that end no surname either, so they also end a longer
#: name ("Nika Petrotech", "Gidroservis"); and those that may end a surname ("Anthuan Maybank", "Juan Somavia").
_COMPANY_ENDINGS = ("stroy", "servis", "neft", "gaz", "prom", "energo", "tech", "soft", "volokno", "holding")
_COMPANY_OR_SURNAME_ENDINGS = ("mash", "film", "bank", "avia", "kali", "invest")
#: A one-word company name ("Promsvyazbank", "Uralkali", "Gidroservis").
_COMPANY_WORD = re.compile(r"..(?:" + "|".join(_COMPANY_ENDINGS + _COMPANY_OR_SURNAME_ENDINGS) + r")$")
#: The last word of a longer company name ("Nika Petrotech").
_COMPANY_LAST_WORD = re.compile(r"..(?:" + "|".join(_COMPANY_ENDINGS) + r")$")
#: Endings of animal and plant genus names science news writes ("Archaeopteryx", "Tyrannosaurus").
_TAXON_WORD = re.compile(r"...(?:pteryx|saurus|raptor|ceratops|therium|pithecus|suchus|ornis|odon)$")
#: A word run together from two ("EliasHabermas", "UArazom"), a domain or dotted handle ("LB.ua", "C.Suthorn").
_RUN_ON_WORD = re.compile(r"^[A-Z]{2,}[a-z]|[a-z]{3,}[A-Z]|[A-Za-z]\.[a-z]{2}|^[A-Z]\.[A-Z][a-z]")
#: Surname prefixes that are followed by a capital ("McFaul", "MacArthur", "DeBartolo", "LaHood").
_CAPITAL_INSIDE_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "O'")


def _run_on_word(word: str) -> bool:
    """A one-word name that is two words run together, a domain or a handle, not "McFaul" or "DeBartolo"."""
    return bool(_RUN_ON_WORD.search(word)) and not word.startswith(_CAPITAL_INSIDE_PREFIXES)


def _slavic_adjective(word: str) -> bool:
    """A Slavic adjective (lower case) that starts a place's or a thing's name: a listed one, or a feminine
    or neuter ending no given name has ("Novaya", "Sovetskaya", "Krasnoye"; not "Maya", "Vijaya")."""
    return word in _SLAVIC_ADJECTIVES or (bool(_SLAVIC_ADJECTIVE_ENDING.search(word)) and word not in given_names())


def _title_token(word: str) -> bool:
    """A title word, also hyphenated from title words ("Prime-Minister", "Colonel-General")."""
    lowered = word.lower().rstrip(",")
    return lowered in _TITLE_WORDS or ("-" in lowered and all(part in _TITLE_WORDS for part in lowered.split("-")))


_PREFIXED_NAME = re.compile(r"^(?:al|el|ad|as|ash|bin|ibn|abu|da|de|di|du|van|von|la|le|d|o)[-'][A-Z]")
#: First words that make an ORG span a role, not an organisation ("Minister of Foreign Affairs").
_ROLE_STARTS = _words("minister president prime secretary ambassador deputy head chairman chairwoman director")
_IN_NAME_ROLES = _words("speaker spokesman spokeswoman spokesperson chief chair")
#: Abbreviations of financial tables (Reuters: "Revs", "Avg shrs", "N.Z. Dlrs"): never part of a name.
_TABLE_WORDS = _words("revs avg shr shrs dlrs dlr cts mln bln pct qtr oper div vs net")
#: Company-form words and currencies: an ORG span of only these (or ending in a currency) is no organisation.
_COMPANY_FORMS = _words("co co. inc inc. corp corp. ltd ltd. plc llc ag sa nv spa gmbh")
_CURRENCIES = _words(
    "dollar dollars dlrs dlr yen euro euros franc francs mark marks pound pounds rouble roubles "
    "ruble rubles yuan rupee rupees hryvnia hryvnias"
)
#: ORG spans that are not organisations: diseases, time zones, fragments of ministry names, slogans.
_NOT_ORGANIZATIONS = _words(
    "covid covid-19 coronavirus sars-cov-2 omicron utc gmt fatherland motherland homeland defence defense "
    "interior euro-atlantic internet wn ((wn)) twitter-sphere"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_BAD_CHARS = re.compile(r"[\d@#/\\|=+_<>{}\[\]()*;:!?\"“”]")


def strip_possessive(text: str) -> str:
    """``text`` without a trailing possessive ('s, ’s, or a lone apostrophe)."""
    return _POSSESSIVE.sub("", text.strip())


def _profession(word: str) -> bool:
    """A profession written before a name ("Immunologist", "Historian"), not a given name or a nationality."""
    lowered = word.lower()
    if not lowered.endswith(("ist", "ian")) or lowered in given_names() or geo.country_code(word):
        return False  # not "Christian", "Belgian"
    return lowered in english_words("noun")


def _body_word_before_name(word: str, next_word: str) -> bool:
    """An English noun or a town (no given name or surname) right before a given name: the end of an
    office's body that NER ran into the name ("Minister of Ecology and Transport | Sergei Ivanov", "Mayor of
    Koszalin | Piotr Jedlinski")."""
    lowered, following = word.lower(), next_word.lower()
    if lowered in given_names() or geo.country_code(word):
        return False  # not "Belgian King Baudouin I"
    if lowered not in english_words("noun") and not _town(word):
        return False
    return following in given_names() and following not in _TITLE_WORDS


#: A place at least this big, no common name, is a town before a name, not a first name.
_TOWN_POPULATION = 50_000


def _town(word: str) -> bool:
    """A place of at least ``_TOWN_POPULATION`` people whose name is no census surname ("Koszalin", not
    "Jackson")."""
    place = geo.place(word)
    return place is not None and place.population >= _TOWN_POPULATION and surname_rank(word) is None


#: Words a transcript's editor put in square brackets ("[Andrei] Serdyukov"), cut or whole; not a letter
#: inside a word ("[S]e concluye").
_BRACKETED_WORDS = re.compile(r"\[([^\[\]]*)\](?!\w)")
_CLOSING_BRACKET_ONLY = re.compile(r"^([^\[\]]*)\](?=\s|$)")
_OPENING_BRACKET_ONLY = re.compile(r"(?:^|(?<=\s))\[(?=[^\]]*$)")


def _without_editorial_brackets(text: str) -> str:
    """``text`` with square brackets around whole words removed ("Andrei] Serdyukov" -> "Andrei Serdyukov")."""
    if "[" not in text and "]" not in text:
        return text
    text = _BRACKETED_WORDS.sub(r"\1", text)
    return _OPENING_BRACKET_ONLY.sub("", _CLOSING_BRACKET_ONLY.sub(r"\1", text))


#: A caption's "Image" or "Photo" run into the name before it.
_CAPTION_RUN_ON = re.compile(r"(?<=[a-z])(?:Image|Photo)$")


def _past_tense(word: str) -> bool:
    """An English verb's -ed form that is no surname ("Announced"; not "Reed")."""
    lowered = word.lower()
    if not lowered.endswith("ed") or len(lowered) < 6 or surname_rank(word) is not None:
        return False
    verbs = english_words("verb")
    return lowered[:-1] in verbs or lowered[:-2] in verbs or (lowered[-3] == lowered[-4] and lowered[:-3] in verbs)


@functools.lru_cache(maxsize=65_536)
def clean_person_name(text: str) -> str | None:
    """The bare name in a PERSON mention, or None when it is not a plausible person's name.

    Strips titles and roles ("President-elect Donald Trump’s" -> "Donald Trump"), possessives, quotes and
    lower-case words at either end; rejects pronouns, digits, symbols, single letters, words that are not
    people ("Covid", "Twitter") and names of more than five words.
    """
    text = _without_editorial_brackets(text.replace("’", "'").replace("\u00a0", " "))
    text = text.strip(" \t\n,.;:-–—'\"“”‘")
    if "\n" in text:
        return None
    words = text.split()
    while len(words) > 1 and (_title_token(words[0]) or not _name_like(words[0])):
        words.pop(0)
    while words and not _name_like(words[-1]) and words[-1].lower() not in ("jr.", "jr", "sr.", "sr"):
        words.pop()
    if len(words) >= 3 and (_past_tense(words[-1]) or words[-1] in ("Image", "Photo")):
        words.pop()  # "[Prime Minister Narendra] Modi Announced", a caption's "Kamala Harris Image"
    if len(words) >= 2:
        words[-1] = _CAPTION_RUN_ON.sub("", words[-1])  # "Howie HawkinsImage"
    if len(words) >= 3 and (
        english_present_participle(words[0]) or _profession(words[0]) or _body_word_before_name(words[0], words[1])
    ):
        words.pop(0)  # "Greeting Zuzana Čaputová", "Immunologist Kristian Andersen", "Transport Sergei Ivanov"
    for k in range(len(words) - 3, 0, -1):  # "Gamaleya Centre | Denis Logunov": an institution, then a name
        if words[k].lower() in _NOT_NAME_ENDINGS and words[k + 1].lower() in given_names():
            words = words[k + 1 :]
            break
    for size in (3, 2, 1):  # "of Austria Karoline Edtstadler": the country belongs to the title
        if len(words) - size >= 2 and geo.country_code(" ".join(words[:size])):
            words = words[size:]
            while words and (not _name_like(words[0]) or (len(words) > 1 and words[0].lower() in _TITLE_WORDS)):
                words.pop(0)  # "United States Representative Elijah Cummings"
            break
    if not words:
        return None
    words[-1] = strip_possessive(words[-1])
    name = " ".join(w for w in words if w)
    if not name or len(words) > 5 or _BAD_CHARS.search(name):
        return None
    lowered = name.lower()
    if lowered in _PRONOUNS or lowered in _NOT_PERSONS or len(name.replace(".", "")) < 2:
        return None
    if all(is_title_word(w) for w in name.split()):
        return None  # "Adviser", "Prime Minister": a title alone names nobody here
    if any(not _name_like(w) and w.lower() not in NAME_PARTICLES for w in name.split()):
        return None
    if name.isupper() and len(name) <= 4:
        return None  # acronyms ("AFP", "WP") are organisations
    if any(w.lower().strip(".") in _TABLE_WORDS or w in _SHIP_PREFIXES for w in name.split()):
        return None  # "Revs", "USS Ronald Reagan"
    first = words[0].lower()
    if _slavic_adjective(first) or (len(words) >= 2 and first in _NOT_NAME_STARTS):
        return None  # "Storm Lorenzo", "County Kerry", "Sputnik Light", "Nizhny Novgorod": no person
    if name.split()[-1].lower() in _NOT_NAME_ENDINGS:
        return None  # "Karl Marx Avenue", "Nobel Prize"
    if _NOT_NAME_SCRIPT.search(name) or _SLAVIC_PLACE.search(name) or (" " not in name and _run_on_word(name)):
        return None  # "Тюмень", "Аррle", "Snihurivka", "Hulyaipole", "UArazom", "EliasHabermas", "LB.ua"
    if " " not in name and (_COMPANY_WORD.search(name) or _TAXON_WORD.search(name)):
        return None  # "Promsvyazbank", "Bamtonnelstroy", "Rostselmash", "Mosfilm": a company; "Archaeopteryx"
    if " " in name and _COMPANY_LAST_WORD.search(words[-1]) and surname_rank(words[-1]) is None:
        return None  # "Nika Petrotech"
    if len(words) >= 2 and _ACRONYM.fullmatch(words[-1]) and not _ROMAN_NUMERAL.fullmatch(words[-1]):
        if words[-1] not in _POST_NOMINALS:
            return None  # "Yamal LNG"; not "Elizabeth II"
        return " ".join(words[:-1]) if len(words) >= 3 else name  # "Kama Melly QC" -> "Kama Melly"
    return name


def is_title_word(word: str) -> bool:
    """Whether ``word`` is a title or role ("President", "King") rather than a name."""
    return word.lower() in _TITLE_WORDS


def is_person_title(word: str) -> bool:
    """Whether ``word`` is a title that only ever stands before a person's name ("Chancellor", "Sheikh")."""
    return word.lower() in _PERSON_TITLES


def _name_like(word: str) -> bool:
    """A capitalised word, or one with a lower-case particle prefix ("el-Sisi", "al-Assad", "d'Estaing")."""
    return word[:1].isupper() or bool(_PREFIXED_NAME.match(word))


def clean_org_name(text: str) -> str | None:
    """The organisation name in an ORG mention: no leading "the", possessive, quotes; None for junk."""
    text = text.replace("’", "'").replace("\u00a0", " ").strip(" \t\n,.;:-–—\"“”‘'")
    if "\n" in text:
        text = text.split("\n")[0].strip()
    if text.lower().startswith("the "):
        text = text[4:]
    text = strip_possessive(text.split(" (")[0]).strip()
    words = text.split()
    for index in range(1, len(words) - 1):  # "Federation Council Speaker Valentina Matviyenko"
        if words[index].lower() in _ROLE_STARTS | _IN_NAME_ROLES and _name_like(words[index + 1]):
            words = words[:index]
            break
    while words and ((not words[-1][:1].isupper() and not words[-1][:1].isdigit()) or words[-1] in "-–—&"):
        words.pop()
    while len(words) > 1 and words[-1].lower().strip(",") in _COMPANY_FORMS:  # "Chrysler Corp" = "Chrysler"
        words.pop()
        while len(words) > 1 and (not words[-1][:1].isupper() or words[-1] in "-–—&"):
            words.pop()
    words[-1:] = [words[-1].rstrip(",")] if words else []
    text = " ".join(words)
    if words and words[0].lower() in _ROLE_STARTS:
        return None
    if text.lower() in _NOT_ORGANIZATIONS or all(w.lower() in _COMPANY_FORMS for w in words):
        return None
    if words[-1].lower() in _CURRENCIES:
        return None  # "U.S. Dollar"
    if len(text) < 2 or (not text[:1].isupper() and not text[:1].isdigit()):
        return None
    if text.isdigit() or text.lower() in _PRONOUNS:
        return None
    return " ".join(text.split())


_LOWER_CASE_WORD = re.compile(r"\b[a-z][a-z'-]+\b")


@functools.lru_cache(maxsize=8)
def lower_case_words(texts: tuple[str, ...]) -> frozenset[str]:
    """The words the texts (an article's title and body) write in lower case ("children" makes "Children"
    a common word). Cached: the person and organisation steps both ask for the same article's words."""
    return frozenset(w for text in texts for w in _LOWER_CASE_WORD.findall(text))


_COORDINATION = re.compile(r",\s*|\s+and\s+|\s*&\s*")


def split_coordinations(spans: list[EntitySpan], known: Callable[[str], str | None]) -> list[EntitySpan]:
    """Split non-PERSON spans that join known names ("Kharkiv and Odesa", "the White House and") into one
    span per name. ``known(text)`` gives the label for a name it knows ("GPE", "ORG") or None; a span is
    split only when every part is known, and a trailing "and" is dropped.
    """
    result: list[EntitySpan] = []
    for span in spans:
        if span.label == "PERSON" or not _COORDINATION.search(span.text):
            result.append(span)
            continue
        parts: list[EntitySpan] = []
        position = 0
        for match in [*_COORDINATION.finditer(span.text), None]:
            end = match.start() if match else len(span.text)
            piece = span.text[position:end]
            stripped = piece.strip()
            if stripped:
                offset = position + piece.index(stripped)
                label = known(stripped)
                if label is None:
                    parts = []
                    break
                parts.append(
                    EntitySpan(stripped, label, span.start + offset, span.start + offset + len(stripped), span.source)
                )
            position = match.end() if match else len(span.text)
        result.extend(parts if parts else [span])
    return result
