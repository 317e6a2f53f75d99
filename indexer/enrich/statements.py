"""Who said what: every attribution of speech in one article Doc, as statements with a speaker and a stance.

Steps: cut the Doc into statement units and keep those a cheap word-form prefilter marks as holding a
reporting cue (``attribution_units``); parse only those (``attribution_parse``); find source/cue/content in
each (``attribution``); resolve the source to a canonical speaker (``attribution_speaker``), through
transcript turns for I/we; decide the stance (``says`` when none) and its target (``stance``). See
docs/statements.md for the contract with the enrichment pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from indexer.enrich.attribution import find_attributions
from indexer.enrich.attribution_content import with_object, with_topic
from indexer.enrich.attribution_parse import parse_many, parse_spans
from indexer.enrich.attribution_source import name_span
from indexer.enrich.attribution_speaker import Speaker, SpeakerMemory, can_speak, resolve_speaker
from indexer.enrich.attribution_types import Attribution
from indexer.enrich.attribution_units import UnitMode, candidate_units, statement_units
from indexer.enrich.geo import country_code
from indexer.enrich.stance import classify, target_of
from indexer.enrich.stance_content import content_stance
from indexer.enrich.stance_lexicon import COGNITION_VERBS, RELATIVE_PRONOUNS, REPORTING_VERBS, ROLE_NOUNS
from indexer.enrich.title_speaker import title_speaker
from indexer.enrich.types import STANCES, EntityResolver, Stance, Statement

CharSpan = tuple[int, int]
#: The prefilter of the units searched for statements: every unit with a speech cue (or an early colon).
STATEMENT_UNITS: UnitMode = "speech"
#: Cues of thought rather than speech ("believes", "wants"): statements only when they carry a stance.
COGNITION_ONLY = COGNITION_VERBS - REPORTING_VERBS
#: Cues that are speech only when they refuse to tell (no_comment): "refuses to provide corridors" is an act.
_REFUSALS = frozenset({"decline", "refuse"})


@dataclass(frozen=True)
class ParsedUnits:
    """The candidate statement units of one Doc (token spans) and their parses, made ahead of
    :func:`extract_statements` so that many articles' units are parsed in one batch."""

    units: list[tuple[int, int]]
    parsed: list[Doc]


def parse_candidate_units(docs: list[Doc], nlp: Language | None = None,
                          mode: UnitMode = STATEMENT_UNITS) -> list[ParsedUnits]:
    """The candidate units of each Doc (``mode`` prefilter), all parsed in one run of the parser."""
    units = [candidate_units(doc, mode) for doc in docs]
    parsed = parse_many(list(zip(docs, units, strict=True)), nlp)
    return [ParsedUnits(u, p) for u, p in zip(units, parsed, strict=True)]


@dataclass(frozen=True)
class ArticleAttribution:
    """One attribution found in an article, with character offsets into ``doc.text``.

    ``speaker`` is None when the source is unnamed ("officials said") or missing; ``stance`` is None for
    a neutral report. ``unit`` is the character span of ``evidence``, the statement unit (a sentence,
    joined with a quotation it introduces). ``direct``: the content is a quotation. ``can_speak``: the
    source is a name, a pronoun or a noun of someone or something that speaks (see
    :func:`~indexer.enrich.attribution_speaker.can_speak`).
    """

    key: str
    cue: CharSpan
    cue_text: str
    source: CharSpan | None
    content: CharSpan | None
    direct: bool
    unit: CharSpan
    evidence: str
    speaker: Speaker | None
    stance: Stance | None
    target: str | None
    can_speak: bool = True
    source_name: str | None = None
    #: A transcript turn's speaker label ("Vladimir Putin:"), from which the turn runs to the next label.
    label: bool = False


def extract_statements(doc: Doc, resolver: EntityResolver, nlp: Language | None = None,
                       text_start: int = 0, parsed: ParsedUnits | None = None,
                       mode: UnitMode = STATEMENT_UNITS, title: Doc | None = None) -> list[Statement]:
    """Every attribution of speech in ``doc`` with a source, as statements in text order (one per speaker,
    stance and evidence sentence; a joint source such as "the two leaders" gives one per person): stance
    ``says`` when the cue carries none; a source that cannot be resolved to a person or organisation of
    the article is kept as written with ``resolved`` False and type ``unknown`` (never guessed).
    Attributions without any source ("it was noted that") and thoughts without speech (a cognition cue
    such as "believes" or "sees") are not statements.

    ``doc`` needs tokens and entities (tok2vec + ner is enough; sentence boundaries are used when present).
    ``nlp`` is the pipeline that made ``doc`` (its parser, tagger, attribute_ruler and lemmatizer may be
    disabled but must be loaded); when omitted, en_core_web_sm is loaded once per process.
    Offsets are characters of ``doc.text`` minus ``text_start``: pass the length of any prefix (a title)
    the Doc has before the article text; statements found inside that prefix are dropped. ``parsed``: this
    Doc's units from :func:`parse_candidate_units` (else they are found and parsed here, for ``mode``:
    "speech" searches every unit with a speech cue, "stance" only the units that can carry a stance, the
    cheaper setting that finds plain reports only where a stance cue also is; "all" adds thought and act
    cues, which give no statements). ``title``: the article's title Doc (with entities); when it names the
    speaker of a first-person text ("Address by President ..."), the text's I/we are that speaker
    (:func:`~indexer.enrich.title_speaker.title_speaker`).
    """
    statements: list[Statement] = []
    seen: set[tuple[str, Stance, int]] = set()
    opening = title_speaker(title, resolver)
    attributions = find_article_attributions(doc, resolver, nlp, mode, parsed, opening, title)
    text = doc.text  # built anew on every access: read once
    for found in attributions:
        if found.source is None or not found.can_speak or found.unit[0] < text_start:
            continue
        if found.key in COGNITION_ONLY or (found.stance is None and (found.key in _REFUSALS or found.content is None)):
            continue  # a thought, a refusal to act, or a report of nothing ("he said this during a speech")
        if _is_question(found.evidence):
            continue  # a question asked ("Which candidates have you supported?"), not a statement
        voiced = _voiced_for_country(found, attributions, text) if found.stance is None else None
        stance: Stance = found.stance or (voiced.stance if voiced is not None else None) or "says"
        target = found.target if voiced is None else voiced.target
        content, direct = _content_words(text, found.content, found.direct)
        if found.content is not None and content is None:
            continue  # an empty quotation ("He said: “")
        written = text[found.source[0]:found.source[1]]
        joint = found.speaker.members if found.speaker is not None else ()
        for speaker in joint or (found.speaker,):
            name = speaker.name if speaker is not None else _as_written(found.source_name or written)
            if not name or (name, stance, found.unit[0]) in seen:
                continue
            seen.add((name, stance, found.unit[0]))
            statements.append(Statement(
                speaker=name,
                speaker_text=written,
                speaker_type=speaker.type if speaker is not None and speaker.resolved else "unknown",
                speaker_country=speaker.country if speaker is not None else None,
                resolved=speaker is not None and speaker.resolved,
                stance=stance,
                cue=found.cue_text,
                content=text[content[0]:content[1]] if content is not None else None,
                direct=direct,
                evidence=found.evidence,
                start=found.unit[0] - text_start,
                end=found.unit[1] - text_start,
                content_start=content[0] - text_start if content is not None else None,
                content_end=content[1] - text_start if content is not None else None,
                target=target if stance != "says" else None,
            ))
    taken = {s["start"] + text_start for s in statements}
    statements.extend(_turn_statements(doc, attributions, taken, text_start, opening))
    statements.sort(key=lambda s: s["start"])
    return statements


#: What may stand before the country's own report at the start of the content ("that", quotation marks).
_OPENING = re.compile(r"[\W_]*(?:that\s+)?[\W_]*", re.IGNORECASE)


def _voiced_for_country(found: ArticleAttribution, attributions: list[ArticleAttribution],
                        doc_text: str) -> ArticleAttribution | None:
    """The stance-bearing attribution that opens a person's plain report and whose speaker is that person's
    own country ("Sánchez assured that [Spain] supports Ukraine"): the person voices its stance. None when
    the content opens with no such report (what other countries or bodies do is only reported, and so is a
    report deeper in the content: "said that critics claim Spain supports Russia")."""
    speaker = found.speaker
    if found.content is None or speaker is None or speaker.type != "person" or not speaker.country:
        return None
    start, end = found.content
    return next((other for other in attributions
                 if other is not found and other.stance is not None and other.speaker is not None
                 and other.source is not None and start <= other.source[0] < end and start <= other.cue[0] < end
                 and _OPENING.fullmatch(doc_text[start:other.source[0]]) is not None
                 and other.speaker.type != "person" and country_code(other.speaker.name) == speaker.country),
                None)


def _turn_statements(doc: Doc, attributions: list[ArticleAttribution], taken: set[int],
                     text_start: int, opening: Speaker | None = None) -> list[Statement]:
    """Stance-bearing sentences of transcript turns ("Viktor Orban: ... We are grateful to you ..."): in a
    first-person transcript everything is the turn's speaker's; a sentence with no cue of its own becomes a
    statement (cue ":", direct) when its words thank, praise or condemn (``stance_content``). Plain
    sentences are not made statements: a transcript would otherwise be one statement per sentence.
    ``opening``: the speaker the title names for a first-person text (``title_speaker``), whose turn runs
    from the text's start to the first speaker label."""
    turns = _turn_spans(doc, attributions, text_start, opening)
    if not turns:
        return []
    article = doc.text
    found: list[Statement] = []
    for start, end in statement_units(doc):
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        turn = next((speaker for (t0, t1, speaker) in turns if t0 < first and last <= t1), None)
        if turn is None or first in taken or first < text_start:
            continue
        text = article[first:last]
        stance = content_stance(text)
        if stance is None or _is_question(text):
            continue
        found.append(Statement(
            speaker=turn.name, speaker_text=turn.name, speaker_type=turn.type if turn.resolved else "unknown",
            speaker_country=turn.country,
            resolved=turn.resolved, stance=stance, cue=":", content=text, direct=True, evidence=text,
            start=first - text_start, end=last - text_start, content_start=first - text_start,
            content_end=last - text_start, target=None,
        ))
    return found


def _is_question(text: str) -> bool:
    """Whether a sentence (with any closing quotation marks) ends in a question mark."""
    return text.rstrip(" ”\"’»").endswith("?")


def _turn_spans(doc: Doc, attributions: list[ArticleAttribution], text_start: int = 0,
                opening: Speaker | None = None) -> list[tuple[int, int, Speaker]]:
    """Character spans of transcript turns: from a sentence that opens with a resolved "Name:" to the next
    sentence that opens with any speaker label (or the end of ``doc``); with ``opening``, its turn from
    ``text_start`` (less one, so that the first sentence is in it) to the first label."""
    labels = [a for a in attributions if a.label]
    spans: list[tuple[int, int, Speaker]] = []
    if opening is not None and len(doc):
        spans.append((text_start - 1, labels[0].unit[0] if labels else doc[-1].idx + len(doc[-1].text), opening))
    for number, label in enumerate(labels):
        following = labels[number + 1] if number + 1 < len(labels) else None
        if label.speaker is not None:
            end = following.unit[0] if following is not None else doc[-1].idx + len(doc[-1].text)
            spans.append((label.unit[0], end, label.speaker))
    return spans


def article_stances(statements: list[Statement]) -> list[Stance]:
    """The distinct stance labels of an article's statements, in the order of STANCES."""
    present = {s["stance"] for s in statements}
    return [stance for stance in STANCES if stance in present]


def _as_written(source: str) -> str:
    """An unresolved source as a reader would name it: without a leading article and outer punctuation."""
    text = " ".join(source.split()).strip(" ,;:\"'“”‘’()")
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            return text[len(article):]
    return text


def find_article_attributions(doc: Doc, resolver: EntityResolver, nlp: Language | None = None,
                              mode: UnitMode = STATEMENT_UNITS,
                              parsed: ParsedUnits | None = None,
                              opening: Speaker | None = None, title: Doc | None = None) -> list[ArticleAttribution]:
    """Every attribution in the units of ``doc`` that pass the ``mode`` prefilter ("stance": units that can
    carry a stance; "all": any reporting or cognition cue), named speaker or not, in text order.
    ``parsed``: the units already found and parsed for ``mode`` (:func:`parse_candidate_units`);
    ``opening``: the speaker of a first-person text named by its title, whom I/we mean until the first
    transcript label; ``title``: the article's title Doc, whose persons a definite title ("the Governor") may
    stand for when no person of the text does."""
    if parsed is None:
        units = candidate_units(doc, mode)
        parsed = ParsedUnits(units, parse_spans(doc, units, nlp))
    memory = SpeakerMemory(doc, resolver, title)
    found: list[ArticleAttribution] = []
    turn = opening
    if opening is not None and opening.country is None:
        turn = replace(opening, country=memory.person_country.get(opening.name))
    for (start, end), unit in zip(parsed.units, parsed.parsed, strict=True):
        base = doc[start].idx
        for attribution, speaker in _speakers(unit, resolver, memory, base, turn):
            if _is_turn_label(attribution):
                turn = speaker
            stance = classify(attribution, unit)
            topical = with_topic(unit, attribution) if attribution.content is None else attribution
            target = target_of(topical, unit, stance) if stance is not None else None
            if attribution.content is None and stance is not None:
                # what a stance cue takes a side on: its object ("condemned [the attack on the embassy]"),
                # else its topic; set after the target ("thanked him" has none)
                attribution = with_object(unit, attribution)
            if attribution.content is None:
                attribution = topical
            found.append(ArticleAttribution(
                key=attribution.key,
                cue=_chars(unit, attribution.cue, base),
                cue_text=unit[attribution.cue[0]:attribution.cue[1]].text,
                source=_chars(unit, attribution.source, base) if attribution.source else None,
                content=_chars(unit, attribution.content, base) if attribution.content else None,
                direct=_is_quotation(unit, attribution.content),
                unit=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
                evidence=doc[start:end].text,
                speaker=speaker,
                stance=stance,
                target=target,
                can_speak=speaker is not None or can_speak(unit, attribution),
                label=_is_turn_label(attribution),
                source_name=_antecedent(unit, attribution),
            ))
    return found


def _antecedent(unit: Doc, attribution: Attribution) -> str | None:
    """The noun phrase a relative-pronoun source stands for ("the people who protest" -> "people"), as a
    name to show when the speaker stays unresolved; None for any other source."""
    if attribution.source is None or attribution.source_head is None:
        return None
    if unit[attribution.source[0]:attribution.source[1]].text.lower() not in RELATIVE_PRONOUNS:
        return None
    return name_span(unit[attribution.source_head]).text


_OPEN_MARKS = "\"“«‘"
_CLOSE_MARKS = "\"”»’"


def _content_words(text: str, span: CharSpan | None, direct: bool) -> tuple[CharSpan | None, bool]:
    """The content span without a leading "that" or colon and without the quotation marks around it,
    and whether it is a direct quote (quotation marks around it, or the parser's quotation). None when
    no word is left."""
    if span is None:
        return None, False
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ":,"):
        start += 1
    if text[start:start + 5].lower() == "that " and start + 5 < end:
        start += 5  # "said that “...”", "noted that Russia is ...": the words said begin after it
    quoted = start < end and text[start] in _OPEN_MARKS
    before = text[max(0, start - 3):start].rstrip()
    quoted = quoted or (bool(before) and before[-1] in _OPEN_MARKS)
    while start < end and (text[start] in _OPEN_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _CLOSE_MARKS or text[end - 1] in " .,;:" or text[end - 1].isspace()):
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None, False
    return (start, end), direct or quoted


def _is_quotation(unit: Doc, content: tuple[int, int] | None) -> bool:
    """Whether the content span is (inside) a quotation: a quote mark opens just before or at its start."""
    if content is None:
        return False
    start, end = content
    before = unit[start - 1].text if start > 0 else ""
    first = unit[start].text
    return any(mark in (before + first) for mark in ('"', "“", "«", "‘")) or (
        end < len(unit) and unit[end].text in ('"', "”", "»", "’"))


def _chars(unit: Doc, span: tuple[int, int], base: int) -> CharSpan:
    first, last = unit[span[0]], unit[span[1] - 1]
    return base + first.idx, base + last.idx + len(last.text)


def _is_turn_label(attribution: Attribution) -> bool:
    """Whether the attribution is a transcript turn label: a sentence that opens with "Name:", or a label glued
    to a heading or elision mark before it (``Attribution.label``)."""
    return attribution.key == ":" and attribution.source is not None and (
        attribution.source[0] == 0 or attribution.label)


def _speakers(unit: Doc, resolver: EntityResolver, memory: SpeakerMemory,
              offset: int, turn: Speaker | None = None) -> list[tuple[Attribution, Speaker | None]]:
    """Attributions of ``unit`` with their resolved speakers (None when unnamed); outer reports first, so
    that a pronoun inside a reported quote ("we do not comment") resolves to the quote's speaker; ``turn``
    is the speaker of the transcript turn the unit is in (for I/we outside quotations)."""
    attributions = find_attributions(unit)
    containers = {a.cue_head: _container(a, attributions) for a in attributions}
    order = sorted(attributions, key=lambda a: containers[a.cue_head] is not None)
    resolved: dict[int, Speaker | None] = {}
    earlier: list[tuple[Attribution, Speaker | None]] = []
    for attribution in order:
        container = containers[attribution.cue_head]
        quoting = resolved.get(container.cue_head) if container is not None else None
        speaker = resolve_speaker(unit, attribution, resolver, memory, offset, quoting, earlier, turn)
        resolved[attribution.cue_head] = speaker
        earlier.append((attribution, speaker))
        if speaker is not None and not speaker.members:
            memory.remember(offset + unit[attribution.cue_head].idx, speaker)
        elif speaker is None and container is None and _unnamed_person(unit, attribution):
            memory.remember_unnamed(offset + unit[attribution.cue_head].idx)
    return [(a, resolved[a.cue_head]) for a in attributions]


def _unnamed_person(unit: Doc, attribution: Attribution) -> bool:
    """Whether the source is one person the article does not name: a singular role noun ("the head of the
    police's internal investigators", "a spokesman")."""
    if attribution.source_head is None:
        return False
    head = unit[attribution.source_head]
    return head.tag_ == "NN" and head.lower_ in ROLE_NOUNS


def _container(attribution: Attribution, attributions: list[Attribution]) -> Attribution | None:
    for other in attributions:
        if other.cue_head == attribution.cue_head or other.content is None:
            continue
        if other.content[0] <= attribution.cue[0] and attribution.cue[1] <= other.content[1]:
            return other
    return None
