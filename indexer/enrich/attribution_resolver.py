"""A small EntityResolver built from one Doc's own entities, and a country lookup for speaker titles.

The enrichment pipeline passes its own resolver (canonical names across the article); this one is the
fallback when none is given (the PolNeAR evaluation, tests, ad-hoc calls): a surname resolves to the
longest PERSON entity of the article ending in it, an organisation to its cleaned name with the country
of a state body ("the Kremlin" -> RU, "Ukraine's Foreign Ministry" -> "Foreign Ministry of Ukraine", UA).
"""

from __future__ import annotations

import re

import pycountry
from spacy.tokens import Doc

_COUNTRY_WORDS: dict[str, str] = {
    "russia": "RU", "russian": "RU", "russians": "RU", "ukraine": "UA", "ukrainian": "UA",
    "ukrainians": "UA", "us": "US", "u.s.": "US", "usa": "US", "america": "US", "american": "US",
    "americans": "US", "united states": "US", "britain": "GB", "british": "GB", "uk": "GB", "u.k.": "GB",
    "united kingdom": "GB", "england": "GB", "english": "GB", "china": "CN", "chinese": "CN",
    "france": "FR", "french": "FR", "germany": "DE", "german": "DE", "italy": "IT", "italian": "IT",
    "spain": "ES", "spanish": "ES", "poland": "PL", "polish": "PL", "turkey": "TR", "turkish": "TR",
    "türkiye": "TR", "iran": "IR", "iranian": "IR", "israel": "IL", "israeli": "IL", "japan": "JP",
    "japanese": "JP", "india": "IN", "indian": "IN", "pakistan": "PK", "pakistani": "PK",
    "belarus": "BY", "belarusian": "BY", "moldova": "MD", "moldovan": "MD", "georgia": "GE",
    "georgian": "GE", "canada": "CA", "canadian": "CA", "australia": "AU", "australian": "AU",
    "north korea": "KP", "north korean": "KP", "south korea": "KR", "south korean": "KR",
    "syria": "SY", "syrian": "SY", "iraq": "IQ", "iraqi": "IQ", "saudi arabia": "SA", "saudi": "SA",
    "egypt": "EG", "egyptian": "EG", "hungary": "HU", "hungarian": "HU", "romania": "RO",
    "romanian": "RO", "netherlands": "NL", "dutch": "NL", "belgium": "BE", "belgian": "BE",
    "sweden": "SE", "swedish": "SE", "finland": "FI", "finnish": "FI", "norway": "NO",
    "norwegian": "NO", "denmark": "DK", "danish": "DK", "estonia": "EE", "estonian": "EE",
    "latvia": "LV", "latvian": "LV", "lithuania": "LT", "lithuanian": "LT", "kazakhstan": "KZ",
    "kazakh": "KZ", "armenia": "AM", "armenian": "AM", "azerbaijan": "AZ", "azerbaijani": "AZ",
    "mexico": "MX", "mexican": "MX", "brazil": "BR", "brazilian": "BR", "venezuela": "VE",
    "venezuelan": "VE", "cuba": "CU", "cuban": "CU", "afghanistan": "AF", "afghan": "AF",
    "qatar": "QA", "qatari": "QA", "greece": "GR", "greek": "GR", "serbia": "RS", "serbian": "RS",
    "czech": "CZ", "slovakia": "SK", "slovak": "SK", "bulgaria": "BG", "bulgarian": "BG",
    "austria": "AT", "austrian": "AT", "switzerland": "CH", "swiss": "CH", "ireland": "IE",
    "irish": "IE", "portugal": "PT", "portuguese": "PT", "vietnam": "VN", "vietnamese": "VN",
    "indonesia": "ID", "indonesian": "ID", "nigeria": "NG", "nigerian": "NG", "kenya": "KE",
    "kenyan": "KE", "south africa": "ZA", "south african": "ZA", "lebanon": "LB", "lebanese": "LB",
    "jordan": "JO", "jordanian": "JO", "palestinian": "PS", "palestine": "PS", "taiwan": "TW",
    "taiwanese": "TW", "philippines": "PH", "philippine": "PH", "filipino": "PH", "thailand": "TH",
    "thai": "TH", "malaysia": "MY", "malaysian": "MY", "new zealand": "NZ", "argentina": "AR",
    "argentine": "AR", "argentinian": "AR", "chile": "CL", "chilean": "CL", "colombia": "CO",
    "colombian": "CO", "peru": "PE", "peruvian": "PE", "uae": "AE", "emirati": "AE",
    "kyiv": "UA", "moscow": "RU", "washington": "US", "beijing": "CN", "london": "GB", "paris": "FR",
    "berlin": "DE", "tehran": "IR", "ankara": "TR", "minsk": "BY", "warsaw": "PL",
}
# State bodies known by a building or a short name.
STATE_METONYMS: dict[str, tuple[str, str]] = {
    "kremlin": ("Kremlin", "RU"), "white house": ("White House", "US"), "pentagon": ("Pentagon", "US"),
    "downing street": ("Downing Street", "GB"), "élysée": ("Élysée Palace", "FR"),
    "elysee": ("Élysée Palace", "FR"), "elysee palace": ("Élysée Palace", "FR"),
    "élysée palace": ("Élysée Palace", "FR"), "state department": ("State Department", "US"),
    "foreign office": ("Foreign Office", "GB"), "bankova": ("Office of the President of Ukraine", "UA"),
    "zhongnanhai": ("Zhongnanhai", "CN"), "quai d'orsay": ("Quai d'Orsay", "FR"),
}
_STATE_BODY = re.compile(
    r"^(?P<body>(?:foreign|defen[cs]e|interior|justice|finance|health|economy|emergencies|"
    r"emergency situations|culture|education|energy|agriculture)\s+ministry|ministry of [\w\s]+|"
    r"government|parliament|presidential office|president's office|embassy|general staff|armed forces|"
    r"military|army|navy|security service|border service|prosecutor general's office|central bank|"
    r"national bank|cabinet|senate|congress|foreign office|defence department|defense department)$",
    re.IGNORECASE,
)
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TITLE_WORDS = frozenset({
    "president", "president-elect", "prime", "minister", "secretary", "spokesperson", "spokesman",
    "spokeswoman", "press", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "foreign",
    "kremlin", "chancellor", "senator", "governor", "ambassador", "former", "vice", "deputy", "general",
})


def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name, short form, demonym or capital ("Ukrainian" -> "UA")."""
    key = _POSSESSIVE.sub("", _DETERMINER.sub("", text.strip())).lower()
    if key in _COUNTRY_WORDS:
        return _COUNTRY_WORDS[key]
    try:
        return str(pycountry.countries.lookup(key).alpha_2)
    except LookupError:
        return None


def clean_name(text: str) -> str:
    """A mention without leading article, trailing possessive or surrounding punctuation."""
    return _POSSESSIVE.sub("", _DETERMINER.sub("", text.strip().strip(",;:“”\"'"))).strip()


def state_body(text: str) -> tuple[str, str] | None:
    """(canonical name, country) for a named state body: "the Kremlin" -> ("Kremlin", "RU"),
    "Ukraine's Foreign Ministry" / "the Ukrainian Foreign Ministry" -> ("Foreign Ministry of Ukraine", "UA")."""
    name = clean_name(text)
    metonym = STATE_METONYMS.get(name.lower())
    if metonym is not None:
        return metonym
    words = name.split()
    for split in range(1, min(4, len(words))):
        country_part, body_part = " ".join(words[:split]), " ".join(words[split:])
        code = country_code(country_part)
        match = _STATE_BODY.match(body_part)
        if code is not None and match is not None:
            country = pycountry.countries.get(alpha_2=code)
            country_name = getattr(country, "common_name", None) or getattr(country, "name", code)
            body = match.group("body")
            return f"{body[0].upper()}{body[1:]} of {country_name}", code
    return None


class DocEntityResolver:
    """EntityResolver over one Doc's PERSON entities (canonical = longest name sharing the surname)."""

    def __init__(self, doc: Doc) -> None:
        self._persons = sorted({_strip_titles(e.text) for e in doc.ents if e.label_ == "PERSON"},
                               key=len, reverse=True)
        self._organizations = {clean_name(e.text).lower() for e in doc.ents if e.label_ in _ORG_LABELS}

    def person(self, text: str) -> str | None:
        """Longest PERSON name of the Doc ending with the mention's last word, else None."""
        name = _strip_titles(text)
        if not name or not all(w[:1].isupper() for w in name.split()):
            return None
        last = name.split()[-1].lower()
        for candidate in self._persons:
            if candidate.split()[-1].lower() == last and len(candidate) >= len(name):
                return candidate
        return None

    def organization(self, text: str) -> tuple[str, str | None] | None:
        """A state body's canonical name and country, else the cleaned name of an ORG/GPE/NORP/FAC entity of
        the Doc (without a country), else None."""
        body = state_body(text)
        if body is not None:
            return body
        name = clean_name(text)
        if not name or name.lower() not in self._organizations:
            return None
        return name, None


def _strip_titles(text: str) -> str:
    words = clean_name(text).split()
    while len(words) > 1 and words[0].lower() in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)
