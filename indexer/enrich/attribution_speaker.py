"""Turn the source mention of an attribution into a canonical speaker: name, type and country.

Handles a person named with a title ("Kremlin Press Secretary Dmitry Peskov" -> Dmitry Peskov, RU) or an
apposition ("Steven Cheung, Trump's communications director,"), surnames (the article's resolver, then
speakers met before), definite titles ("the Prime Minister of Slovakia" -> the person introduced so),
pronouns (he/she -> the latest person speaker or person named before the sentence; I/we inside a quote
-> the quote's speaker), organisations and metonyms ("the Kremlin", "Ukraine's Foreign Ministry"),
groups of a person ("Trump's team" -> "Donald Trump's team") and unnamed officials of a named body
("a Kremlin spokesman" -> Kremlin). Unnamed sources ("officials", "sources") give no speaker.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from indexer.enrich.attribution_joint import joint_speaker, state_speaker, with_conjuncts
from indexer.enrich.attribution_memory import Speaker, SpeakerMemory, is_media_name
from indexer.enrich.attribution_offices import introduced_role, office_holder
from indexer.enrich.attribution_resolver import clean_name, country_code
from indexer.enrich.attribution_source import name_span
from indexer.enrich.attribution_types import Attribution
from indexer.enrich.entity_tables import read_table
from indexer.enrich.geo import capital_country
from indexer.enrich.office_holders import not_holder_modifier
from indexer.enrich.person_titles import country_in, title_country
from indexer.enrich.stance_lexicon import (
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    MEDIA_WORDS,
    OFFICIAL_TITLES,
    PERSON_PRONOUNS,
    PERSONAL_TITLES,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
)
from indexer.enrich.types import EntityResolver

__all__ = ["Speaker", "SpeakerMemory", "can_speak", "is_media", "name_span", "resolve_speaker"]

_REPORT_NOUNS = frozenset({"report", "article", "story", "investigation", "editorial", "reporting",
                           "newspaper", "paper", "outlet", "publication", "daily", "broadcaster", "website"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: Common nouns a statement's source can be when no name resolves it (``data/speaker_nouns.tsv``).
SPEAKER_NOUNS: frozenset[str] = frozenset(noun for noun, _ in read_table("speaker_nouns.tsv", ("noun", "kind")))


def resolve_speaker(unit: Doc, attribution: Attribution, resolver: EntityResolver, memory: SpeakerMemory,
                    offset: int, quoting: Speaker | None = None,
                    earlier: list[tuple[Attribution, Speaker | None]] | None = None,
                    first_person: Speaker | None = None) -> Speaker | None:
    """The speaker of ``attribution`` (None when the source is unnamed or missing). ``offset`` is the
    unit's character offset in the article; ``quoting`` is the speaker whose content the cue lies in;
    ``first_person`` the speaker of the transcript turn the unit is in ("Vladimir Putin: ..."), whom an
    I/we/me/us outside any quotation means;
    ``earlier`` are the unit's attributions resolved before this one (a he/she takes the latest named
    one of them: "Quirin denied it, but he claimed ..." is Quirin, even when Quirin stays unresolved)."""
    speaker = _resolve_source(unit, attribution, resolver, memory, offset, quoting, earlier, first_person)
    if speaker is not None and speaker.resolved and not speaker.members and attribution.source_head is not None:
        def resolve_named(token: Token) -> Speaker | None:
            span = name_span(token)
            named = replace(attribution, source_head=token.i, source=(span.start, span.end))
            return _resolve_source(unit, named, resolver, memory, offset, None, None, None)

        return with_conjuncts(unit[attribution.source_head], speaker, resolve_named)
    if speaker is None and attribution.source_head is not None:
        head = unit[attribution.source_head]
        written = None
        if attribution.source is not None:
            written = _closing_untagged(unit, attribution.source[0], attribution.source[1] - 1, memory, offset)
        return (written or introduced_role(head, memory, offset) or office_holder(head, resolver, memory)
                or joint_speaker(head, memory, offset + head.idx))
    return speaker


def _resolve_source(unit: Doc, attribution: Attribution, resolver: EntityResolver, memory: SpeakerMemory,
                    offset: int, quoting: Speaker | None, earlier: list[tuple[Attribution, Speaker | None]] | None,
                    first_person: Speaker | None) -> Speaker | None:
    if attribution.source is None or attribution.source_head is None:
        return None
    head = unit[attribution.source_head]
    lower = head.lower_
    if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS or lower in ("us", "me", "you"):
        if quoting is None and lower in ("he", "she") and earlier:
            named = [(a, s) for a, s in earlier if a.source_head is not None and a.cue[0] < attribution.cue[0]
                     and unit[a.source_head].pos_ == "PROPN"]
            if named:
                return named[-1][1]
        if quoting is None and first_person is not None and lower in ("i", "we", "me", "us"):
            return first_person
        return _pronoun(lower, quoting, memory, offset + head.idx, offset)
    closing = _closing_person(unit, attribution, resolver, memory, offset)
    if closing is not None:
        return closing
    span = name_span(head)
    ent = _entity_of(unit, head)
    if ent is not None and ent.label_ != "PERSON" and ent.start < head.i and resolver.person(ent.text) is not None:
        ent = _name_part(ent, resolver)  # "Ukraine Volodymyr Zelenskyy" tagged ORG: the name is a person's
    elif ent is not None and ent.label_ != "PERSON" and (tail := _person_tail(ent, resolver)) is not None:
        ent = tail  # "the National Security and Defense Council Oleksiy Danilov" tagged ORG
    if ent is not None and ent.label_ == "PERSON" and all(t.lower_ in PERSONAL_TITLES for t in ent):
        ent = None  # NER's "Adviser" as PERSON: a title, resolved below like "the Adviser"
    if ent is not None and ent.label_ in _ORG_LABELS and len(ent) == 1 and ent.root.lower_ not in MEDIA_WORDS and (
            name := resolver.named_person(ent.text)) is not None:
        return Speaker(name, "person", memory.person_country.get(name))  # "Zelenskyy said", tagged ORG
    if ent is not None and ent.label_ == "PERSON":
        name = resolver.person(ent.text) or _known_surname(ent, memory) or clean_name(ent.text)
        return Speaker(name, "person", memory.person_country.get(name) or title_country(ent, resolver))
    if lower in PERSONAL_TITLES or (lower in ("head",) and "state" in {t.lower_ for t in span}):
        return _definite_title(head, span, resolver, memory, offset)
    if head.pos_ == "PROPN" and (ent is None or ent.label_ in _ORG_LABELS):
        person = _person(head, span, ent, resolver, memory)
        if person is not None:
            return person
    lemma = head.lemma_.lower()
    if lemma in GROUP_NOUNS or lower in GROUP_NOUNS:
        owner = _person_modifier(head, resolver, memory)
        if owner is not None:
            return Speaker(f"{owner}'s {lower}", "organization", None)
    if lower == "head":
        return None  # "the Head of the Office of the President" unresolved: a title, not an organisation
    if ent is not None or head.pos_ == "PROPN" or lemma in GROUP_NOUNS:
        return _organization(span.text, ent, resolver)
    if lemma in ROLE_NOUNS or lower in ROLE_NOUNS or lemma in _REPORT_NOUNS:
        body = _body_of_role(head, resolver)
        if body is None and lemma in _REPORT_NOUNS and _is_definite_bare(head):
            return memory.medium_before(offset)
        return body
    return _person_by_name(span, resolver, memory)


def _person_by_name(span: Span, resolver: EntityResolver, memory: SpeakerMemory) -> Speaker | None:
    """A capitalised source the tagger and NER missed that names a person of the article ("Mijares
    further claimed ..." after "Graciano Mijares")."""
    if not span.text[:1].isupper():
        return None
    name = resolver.person(span.text) or _known_surname(span, memory)
    return Speaker(name, "person", memory.person_country.get(name)) if name is not None else None


_BEFORE_OTHERS_NAME = frozenset({"for", "of", "to", "by", "with", "from", "about", "on", "against", "'s", "’s"})


def _closing_person(unit: Doc, attribution: Attribution, resolver: EntityResolver,
                    memory: SpeakerMemory, offset: int) -> Speaker | None:
    """The person whose name closes a subject that precedes its cue: a title or role chain or an
    apposition ending in a name ("Head of the Office of the President of Ukraine Andriy Yermak notes",
    "A member of parliament, Samir Dilou, said", "President of Russia Vladimir Putin: ..."). Not a name
    that follows "for", "of", "'s" ... or a verb ("a spokesman for Vladimir Putin said" is the spokesman,
    "Howard Rubel, a Toronto lawyer representing Spanton, told" is Rubel)."""
    source, head_i = attribution.source, attribution.source_head
    if source is None or head_i is None or attribution.cue[0] <= source[0]:
        return None
    start = min(source[0], unit[head_i].left_edge.i)
    last = attribution.cue[0] - 1
    colon = next((t.i for t in unit[start:attribution.cue[0]] if t.text == ":"), None)
    if colon is not None:
        last = colon - 1  # "Vladimir Putin: Mr Lukashenko, Thank you": the name after the colon is addressed
    while last >= start and (unit[last].is_punct or unit[last].pos_ in ("AUX", "ADV", "PART")):
        last -= 1
    ent = next((e for e in unit.ents if e.end - 1 == last and e.start >= start), None)
    if ent is None:
        return _closing_untagged(unit, start, last, memory, offset)
    name = resolver.person(ent.text) if ent.label_ == "PERSON" else None
    if name is None and ent.label_ != "PERSON" and (tail := _person_tail(ent, resolver)) is not None:
        ent, name = tail, resolver.person(tail.text)
    if name is None:
        return None
    if ent.start > start and (unit[ent.start - 1].lower_ in _BEFORE_OTHERS_NAME or ent.root.dep_ in ("dobj", "dative")
                              or (ent.root.dep_ == "conj" and ent.root.head.ent_type_ in ("PERSON", "ORG", "GPE"))):
        return None  # an object ("a Toronto lawyer representing Spanton"), a conjunct ("Biden and Macron")
    return Speaker(name, "person", memory.person_country.get(name) or title_country(ent, resolver))


def _closing_untagged(unit: Doc, start: int, last: int, memory: SpeakerMemory, offset: int) -> Speaker | None:
    """A person's full name NER left untagged closing the subject ("First Deputy Prime Minister and Minister
    of Economy Yulia Svyrydenko" before "said"), known from where the article names the person elsewhere."""
    if last < start:
        return None
    found = memory.person_written(offset + unit[start].idx, offset + unit[last].idx + len(unit[last].text))
    if found is None:
        return None
    speaker, name_start = found
    before = [t for t in unit[start:last + 1] if t.idx + offset < name_start]
    return None if before and before[-1].lower_ in _BEFORE_OTHERS_NAME else speaker


def can_speak(unit: Doc, attribution: Attribution) -> bool:
    """Whether the source can be someone who speaks, named or not: a name or entity, a personal pronoun
    (not a relative one left unresolved), or a noun of the speaker lists ("police", "the spokesman", "the
    report"); not a parse error such as "All we need to do (is ask)" or "the construction (was noted)"."""
    if attribution.source_head is None:
        return False
    head = unit[attribution.source_head]
    if head.pos_ == "PRON" or head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS:
        return head.lower_ not in RELATIVE_PRONOUNS and head.lower_ != "what"
    if head.pos_ == "PROPN" or head.ent_type_:
        return True
    words = {head.lower_, head.lemma_.lower()}
    lists = (SPEAKER_NOUNS, GROUP_NOUNS, ROLE_NOUNS, OFFICIAL_TITLES, MEDIA_WORDS, PERSONAL_TITLES, _REPORT_NOUNS)
    return any(words & words_of for words_of in lists)


def is_media(unit: Doc, attribution: Attribution, speaker: Speaker) -> bool:
    """Whether the speaker is a news medium ("The Washington Post", "RIA Novosti", "a Reuters report")."""
    words: set[str] = set()
    if attribution.source_head is not None:
        words = {t.lower_ for t in name_span(unit[attribution.source_head])}
    return is_media_name(speaker) or (speaker.type == "organization" and bool(words & MEDIA_WORDS))


def _pronoun(lower: str, quoting: Speaker | None, memory: SpeakerMemory, at: int,
             sentence_start: int) -> Speaker | None:
    if quoting is not None and lower in ("i", "we", "he", "she", "they", "me", "us"):
        return quoting
    if lower in ("he", "she", "him", "her"):
        return memory.person_before(at, sentence_start)
    if lower in ("they", "it"):
        return memory.group_before(at)
    return None


def _name_part(ent: Span, resolver: EntityResolver) -> Span:
    name = resolver.person(ent.text) or ""
    first = name.split()[0].lower() if name else ""
    start = next((t.i for t in ent if t.lower_ == first), ent.start)
    return Span(ent.doc, start, ent.end, label="PERSON")


def _person_tail(span: Span, resolver: EntityResolver) -> Span | None:
    """The last two to four tokens of ``span`` (a non-person entity, a titled name) when they are a person
    of the article: "the National Security and Defense Council Oleksiy Danilov" -> "Oleksiy Danilov"."""
    for size in (4, 3, 2):
        if len(span) > size and resolver.person(span[-size:].text) is not None:
            return Span(span.doc, span.end - size, span.end, label="PERSON")
    return None


def _known_surname(ent: Span, memory: SpeakerMemory) -> str | None:
    if len(ent) != 1:
        return None
    known = memory.by_surname(ent.text)
    return known.name if known is not None else None


def _person(head: Token, span: Span, ent: Span | None, resolver: EntityResolver,
            memory: SpeakerMemory) -> Speaker | None:
    """A proper-noun source that is a person: known to the resolver, named after a personal title
    ("Chancellor Olaf Scholz", whatever NER made of it), or a surname of a speaker met before."""
    titled = _titled_name(head)
    name = resolver.person((ent or span).text)
    if name is None and titled is not None:
        tail = _person_tail(titled, resolver)  # "Secretary of the National Security ... Council Oleksiy Danilov"
        name = resolver.person(titled.text) or (resolver.person(tail.text) if tail is not None else None)
        name = name or titled.text
    if name is None and len(span) == 1:
        known = memory.by_surname(head.text)
        name = known.name if known is not None else None
    if name is None:
        return None
    country = memory.person_country.get(name)
    if country is None and titled is not None:
        country = country_in(span[: titled.start - span.start], resolver)
    return Speaker(name, "person", country)


def _definite_title(head: Token, span: Span, resolver: EntityResolver, memory: SpeakerMemory,
                    offset: int) -> Speaker | None:
    """ "the President", "the Prime Minister of Slovakia", "the Head of State": the person introduced
    with that title before; an unnamed official of a named body otherwise ("a Kremlin spokesman")."""
    titled = _titled_name(head)
    if titled is not None:
        return _person(head, span, None, resolver, memory)
    words = [t.lower_ for t in span if t.lower_ in PERSONAL_TITLES or t.lower_ in ("prime", "head", "state")]
    title = " ".join(words[-2:]) if words[-2:-1] == ["prime"] or words[-2:] == ["head", "state"] else words[-1]
    if title == "head state":
        title = "head of state"
    elif head.lower_ in PERSONAL_TITLES:
        # the office is the head noun: "the Adviser [to the Head of the President's Office]"
        title = "prime minister" if head.i > 0 and head.nbor(-1).lower_ == "prime" else head.lower_
    modifier = not_holder_modifier([t.lower_ for t in span if t.i < head.i and t.lower_ != "prime"])
    if modifier is not None:
        title = f"{modifier} {title}"  # "the Deputy Prime Minister", "the Vice-President": another office
    if _is_definite(head):
        # what follows the title ("of Slovakia") or owns it ("the President's [adviser]"), not an adjective
        # before it ("the Ukrainian President" is a bare title; its country is checked apart)
        owner = [t for c in head.children if c.dep_ == "poss" for t in c.subtree]
        qualifier = "" if title == "head of state" else " ".join(
            t.lower_ for t in [*owner, *(t for t in span if t.i > head.i)]
            if t.dep_ != "det" and not t.is_punct and t.lower_ not in ("'s", "’s"))
        found = memory.titled_before(offset + head.idx, title, qualifier, country_in(span, resolver))
        if found is not None:
            return found
    if title == "head of state":
        return None  # a title no one was introduced with, not a body ("State")
    return _body_of_role(head, resolver) if head.lower_ in ROLE_NOUNS else None


def _is_definite(head: Token) -> bool:
    """Whether a title noun is definite: "the Adviser", or, when the noun is itself an office, through its
    possessor: "the President's adviser" (but "the President's wife" is no office of the President)."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or (
        head.lower_ in PERSONAL_TITLES and any(
            c.dep_ == "poss" and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
            for c in head.children))


def _titled_name(head: Token) -> Span | None:
    """The name after a personal title, whatever NER made of it: "Chancellor Olaf Scholz" -> "Olaf Scholz"."""
    compounds = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    tokens = [*sorted(compounds, key=lambda t: t.i), head]
    titles = [i for i, t in enumerate(tokens) if t.lower_ in PERSONAL_TITLES]
    if not titles:
        return None
    names = tokens[titles[-1] + 1:]
    if not names or not all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in GROUP_NOUNS for t in names):
        return None
    return head.doc[names[0].i:head.i + 1]


def _is_definite_bare(head: Token) -> bool:
    """ "the report" / "the newspaper" with no other modifier: an anaphor for a medium named before."""
    children = list(head.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and all(
        c.dep_ in ("det", "punct", "relcl", "acl", "amod") for c in children)


def _entity_of(unit: Doc, token: Token) -> Span | None:
    return next((e for e in unit.ents if e.start <= token.i < e.end), None)


def _organization(text: str, ent: Span | None, resolver: EntityResolver) -> Speaker | None:
    if ent is not None and (tail := _person_tail(ent, resolver)) is not None:
        # "Secretary of the National Security and Defense Council Oleksiy Danilov", NER's ORG running into
        # the name: the person speaks, not the body
        name = resolver.person(tail.text)
        if name is not None:
            return Speaker(name, "person", None)
    candidates = [text, ent.text if ent is not None else ""]
    if ent is not None and ent.label_ == "ORG" and len(ent.text) > len(text):
        candidates.reverse()  # "the Islamic State of Iraq and the Levant": NER saw the whole name
    for candidate in candidates:
        if not candidate:
            continue
        resolved = resolver.organization(candidate)
        if resolved is not None:
            name, country = resolved
            if country is None and ent is not None and ent.label_ == "GPE":
                country = country_code(ent.text)
            return Speaker(name, "organization", country)
    if ent is not None and ent.label_ in ("ORG", "GPE"):
        if ent.label_ == "GPE" and (capital := capital_country(clean_name(ent.text))) is not None:
            # a capital speaks for its state: "Moscow warned", "Baku and Yerevan confirmed"
            return state_speaker(capital)
        country = country_code(ent.text) if ent.label_ == "GPE" else None
        return Speaker(clean_name(ent.text), "organization", country)
    return None


def _person_modifier(head: Token, resolver: EntityResolver, memory: SpeakerMemory) -> str | None:
    for child in head.children:
        if child.dep_ in ("poss", "compound") and (child.pos_ == "PROPN" or child.is_title):
            text = _compound_text(child)
            name = resolver.person(text)
            known = memory.by_surname(text) if name is None and " " not in text else None
            if name is not None or known is not None:
                return name or (known.name if known is not None else None)
    return None


def _compound_text(token: Token) -> str:
    parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    start = min([token.i, *(p.left_edge.i for p in parts)])
    return token.doc[start:token.i + 1].text


def _body_of_role(head: Token, resolver: EntityResolver) -> Speaker | None:
    """ "a Kremlin spokesman" / "a spokesperson for the ministry" / "a Reuters report" -> that body."""
    for child in head.children:
        if child.dep_ in ("compound", "poss", "nmod") and (child.ent_type_ in ("ORG", "GPE", "FAC")):
            return _organization(_compound_text(child), _entity_of(head.doc, child), resolver)
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("ORG", "GPE", "FAC"):
                text = head.doc[pobj.left_edge.i:pobj.right_edge.i + 1].text
                return _organization(text, _entity_of(head.doc, pobj), resolver)
    return None
