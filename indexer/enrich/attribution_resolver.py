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

from indexer.enrich import geo, seats

#: Words that in a speaker's description name the state, which the shared country lexicon (indexer.enrich.geo)
#: leaves out on purpose (capitals are places there, and "English" is a language): from the seats table.
_STATE_WORDS: dict[str, str] = seats.speaker_states()

#: State bodies known by a building or a short name ("kremlin" -> ("Kremlin", "RU")): from the seats table.
STATE_METONYMS: dict[str, tuple[str, str]] = seats.speaker_bodies()
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
    name = _POSSESSIVE.sub("", _DETERMINER.sub("", text.strip()))
    key = name.lower()
    if key in _STATE_WORDS:
        return _STATE_WORDS[key]
    code = geo.country_code(name if not name.islower() else name.title())
    if code is not None:
        return code
    if len(key) <= 3 and not name.isupper():
        return None  # an ISO code is written in capitals: "and", "Can", "per" are words, not AND, CAN, PER
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

    def named_person(self, name: str) -> str | None:
        """``name`` when it is exactly one of the Doc's PERSON names (titles aside), else None: "Joe Biden"
        is not named by a Doc that names only Hunter Biden."""
        stripped = _strip_titles(name)
        return stripped if stripped in self._persons else None

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
