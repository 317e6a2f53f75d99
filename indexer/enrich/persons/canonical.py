"""Canonical names: each mention's name mapped to the full name it refers to within the article ("Putin" ->
"Vladimir Putin"), then across articles (the alias table, distinctive surnames), counted per person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from indexer.enrich import geo
from indexer.enrich.aliases import (
    fold_name,
    person_aliases,
    translit_key,
    unique_surnames,
)
from indexer.enrich.name_lists import given_names
from indexer.enrich.persons.name_cleaning import NAME_PARTICLES, clean_person_name
from indexer.enrich.persons.stage import PersonMention
from indexer.enrich.spans import BODY

_FUZZY_SURNAME = 90


@dataclass
class Persons:
    """The persons of one article: canonical name -> mention count, and surface name -> canonical."""

    counts: Counter[str] = field(default_factory=Counter)
    canonical_of: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[PersonMention, str]] = field(default_factory=list)

    def is_person(self, text: str) -> bool:
        """Whether ``text`` names one of this article's persons (or a well-known person)."""
        return text in self.canonical_of or self.resolve(text) is not None

    def resolve(self, text: str) -> str | None:
        """Canonical name for a person mention of this article (``"Peskov"`` -> ``"Dmitry Peskov"``)."""
        name = clean_person_name(text)
        if name is None:
            return None
        if name in self.canonical_of:
            return self.canonical_of[name]
        return _match_within(name, list(self.counts)) or known_person(name)


def split_person_tail(name: str, is_person: Callable[[str], bool]) -> str | None:
    """``name`` without a trailing person's name ("Armed Forces Valeriy Zaluzhny" -> "Armed Forces"),
    None when it is a country followed by a person ("Senegal Macky Sall"), else ``name`` unchanged."""
    tokens = name.split()
    for size in (3, 2):
        if len(tokens) > size and is_person(" ".join(tokens[-size:])):
            head = " ".join(tokens[:-size])
            return None if geo.country_code(head) else head
    return name


def _canonicalise(names: list[str], raw: list[PersonMention]) -> dict[str, str]:
    """Map each cleaned name to its canonical full name within the article, then across articles."""
    frequency = Counter(m.name for m in raw)
    first_seen: dict[str, int] = {}
    for mention in sorted(raw, key=lambda m: (m.source != BODY, m.start)):
        first_seen.setdefault(mention.name, len(first_seen))
    full_names = [n for n in names if len(n.split()) >= 2]
    canonical_of: dict[str, str] = {}
    for name in full_names:
        canonical_of[name] = _longer_form(name, full_names, frequency, first_seen)
    for name in names:
        if name in canonical_of:
            continue
        # most frequent first; ties go to the name the article gives first (never to set order, which
        # changes with PYTHONHASHSEED)
        candidates = sorted(
            {canonical_of[n] for n in full_names}, key=lambda n: (-frequency[n], first_seen.get(n, len(first_seen)), n)
        )
        canonical_of[name] = _match_within(name, candidates) or name
    return {name: known_person(canonical) or canonical for name, canonical in canonical_of.items()}


def _longer_form(name: str, full_names: list[str], frequency: Counter[str], first_seen: dict[str, int]) -> str:
    """The most frequent full name with the same first and last word ("Donald J. Trump" ~ "Donald Trump"),
    or the same first word and a surname one slip of the pen away ("Volodymyr Zelenskyiyy"); a name is the
    one full name that writes a given name before it ("De Zoysa", "Van Biljon" / "Louis De Zoysa", "Leon van
    Biljon"; "Mohammad Mir-Mohammadi" / "Seyed Mohammad Mir-Mohammadi"; not "Transneft Nikolai Tokarev"),
    a surname with a particle the one full name that ends with it, whatever goes before."""
    words = name.split()
    ending = " " + name.lower()
    particle = words[0].lower() in NAME_PARTICLES  # a surname with a particle: "De Zoysa"
    longer = [
        n for n in full_names if n.lower().endswith(ending) and (particle or n[: -len(ending)].lower() in given_names())
    ]
    if len(longer) == 1:  # not when several people share it ("Van Halen": Eddie, Alex, Wolfgang)
        return longer[0]
    same = [n for n in full_names if n.split()[0] == words[0] and _same_surname(n.split()[-1], words[-1])]
    # the spelling the article repeats; on a tie the shorter, then the one it writes first
    return max(same, key=lambda n: (frequency[n], -len(n), -first_seen.get(n, 0))) if same else name


def _same_surname(one: str, other: str) -> bool:
    """The same surname, or one slip of the pen or transliteration away (same first three letters, rapidfuzz
    ratio >= 90, or >= 85 between transliteration keys: "Zelenska" / "Zelenskyy" for one woman)."""
    if one == other:
        return True
    if len(one) < 6 or one[:3] != other[:3]:
        return False
    return fuzz.ratio(one, other) >= _FUZZY_SURNAME or fuzz.ratio(translit_key(one), translit_key(other)) >= 85


def _match_within(name: str, candidates: list[str]) -> str | None:
    """The candidate full name a short or variant form refers to: by surname, first name or fuzzy surname."""
    if not candidates:
        return None
    words = name.split()
    key = translit_key(words[-1])
    by_surname = [c for c in candidates if translit_key(c.split()[-1]) == key]
    if len(words) == 1 and not by_surname:
        by_surname = [c for c in candidates if c.split()[0] == name and len(c.split()) >= 2]
    if not by_surname and len(words[-1]) >= 5:
        surnames = {translit_key(c.split()[-1]): c for c in candidates}
        best = process.extractOne(key, list(surnames), scorer=fuzz.ratio, score_cutoff=_FUZZY_SURNAME)
        if best is not None and best[0][:1] == key[:1]:
            by_surname = [surnames[best[0]]]
    if len(words) >= 2:
        by_surname = [c for c in by_surname if c.split()[0][:1] == words[0][:1]]
    return by_surname[0] if by_surname else None


def known_person(name: str) -> str | None:
    """Canonical name of a well-known person from the alias table (also lone distinctive surnames)."""
    aliases = person_aliases()
    found = aliases.get(fold_name(name)) or aliases.get(translit_key(name))
    if found:
        return found
    words = name.split()
    surname_owner = unique_surnames().get(translit_key(words[-1]))
    if surname_owner and (len(words) == 1 or _same_first_name(words[0], surname_owner.split()[0])):
        return surname_owner
    return None


#: Least ``rapidfuzz`` ratio of transliteration keys for two spellings of one first name ("Vladimir" /
#: "Volodymyr" 59, "Dmitri" / "Dmitry" 83; "Jason" / "Jens" 44 are two people).
_SAME_FIRST_NAME = 55


def _same_first_name(written: str, known: str) -> bool:
    """Whether ``written`` can be ``known``'s first name: its initial ("J." / "Jens"), or a spelling of it."""
    if len(written.rstrip(".")) <= 1:
        return written[:1] == known[:1]
    return written[:1] == known[:1] and fuzz.ratio(translit_key(written), translit_key(known)) >= _SAME_FIRST_NAME


def canonical_persons(mentions: list[PersonMention]) -> Persons:
    """The article's persons from its final mentions: canonical names (longest names first), and a count
    and mention list per canonical name; a one-word name only in the title counts when the body or a full
    name confirms the person."""
    canonical_of = _canonicalise(sorted({m.name for m in mentions}, key=lambda n: (-len(n.split()), n)), mentions)
    result = Persons(canonical_of=canonical_of)
    confirmed = {canonical_of[m.name] for m in mentions if m.source == BODY or len(m.name.split()) >= 2}
    for mention in mentions:
        canonical = canonical_of[mention.name]
        if mention.source == BODY or canonical in confirmed:
            result.counts[canonical] += 1
            result.mentions.append((mention, canonical))
    return result
