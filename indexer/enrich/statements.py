"""Who said what: statements with a named speaker and a stance, from one article Doc.

Steps: cut the Doc into statement units and keep those a cheap word-form prefilter marks as able to carry
a stance (``attribution_units``); parse only those (``attribution_parse``); find source/cue/content in each
(``attribution``); resolve the source to a canonical speaker (``attribution_speaker``); decide the stance
and its target (``stance``). See docs/statements.md for the contract with the enrichment pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from indexer.enrich.attribution import Attribution, find_attributions
from indexer.enrich.attribution_parse import parse_many, parse_spans
from indexer.enrich.attribution_speaker import Speaker, SpeakerMemory, is_media, resolve_speaker
from indexer.enrich.attribution_units import UnitMode, candidate_units
from indexer.enrich.stance import classify, target_of
from indexer.enrich.types import STANCES, EntityResolver, Stance, Statement

CharSpan = tuple[int, int]


@dataclass(frozen=True)
class ParsedUnits:
    """The candidate statement units of one Doc (token spans) and their parses, made ahead of
    :func:`extract_statements` so that many articles' units are parsed in one batch."""

    units: list[tuple[int, int]]
    parsed: list[Doc]


def parse_candidate_units(docs: list[Doc], nlp: Language | None = None, mode: UnitMode = "stance") -> list[ParsedUnits]:
    """The candidate units of each Doc (``mode`` prefilter), all parsed in one run of the parser."""
    units = [candidate_units(doc, mode) for doc in docs]
    parsed = parse_many(list(zip(docs, units, strict=True)), nlp)
    return [ParsedUnits(u, p) for u, p in zip(units, parsed, strict=True)]


@dataclass(frozen=True)
class ArticleAttribution:
    """One attribution found in an article, with character offsets into ``doc.text``.

    ``speaker`` is None when the source is unnamed ("officials said") or missing; ``stance`` is None for
    a neutral report. ``unit`` is the character span of ``evidence``, the statement unit (a sentence,
    joined with a quotation it introduces).
    """

    key: str
    cue: CharSpan
    cue_text: str
    source: CharSpan | None
    content: CharSpan | None
    unit: CharSpan
    evidence: str
    speaker: Speaker | None
    stance: Stance | None
    target: str | None


def extract_statements(doc: Doc, resolver: EntityResolver, nlp: Language | None = None,
                       text_start: int = 0, parsed: ParsedUnits | None = None) -> list[Statement]:
    """Statements with a stance and a named speaker in ``doc``, in text order, one per
    (speaker, stance, evidence sentence).

    ``doc`` needs tokens and entities (tok2vec + ner is enough; sentence boundaries are used when present).
    ``nlp`` is the pipeline that made ``doc`` (its parser, tagger, attribute_ruler and lemmatizer may be
    disabled but must be loaded); when omitted, en_core_web_sm is loaded once per process.
    ``start``/``end`` of each statement are character offsets of its evidence in ``doc.text`` minus
    ``text_start``: pass the length of any prefix (a title) the Doc has before the article text; statements
    found inside that prefix are dropped. ``parsed``: this Doc's units from :func:`parse_candidate_units`
    (else they are found and parsed here).
    """
    statements: list[Statement] = []
    seen: set[tuple[str, Stance, int]] = set()
    for found in find_article_attributions(doc, resolver, nlp, "stance", parsed):
        speaker, stance = found.speaker, found.stance
        if speaker is None or stance is None or found.unit[0] < text_start:
            continue
        if (speaker.name, stance, found.unit[0]) in seen:
            continue
        seen.add((speaker.name, stance, found.unit[0]))
        statements.append(Statement(
            speaker=speaker.name,
            speaker_type=speaker.type,
            speaker_country=speaker.country,
            stance=stance,
            cue=found.cue_text,
            evidence=found.evidence,
            start=found.unit[0] - text_start,
            end=found.unit[1] - text_start,
            target=found.target,
        ))
    return statements


def article_stances(statements: list[Statement]) -> list[Stance]:
    """The distinct stance labels of an article's statements, in the order of STANCES."""
    present = {s["stance"] for s in statements}
    return [stance for stance in STANCES if stance in present]


def find_article_attributions(doc: Doc, resolver: EntityResolver, nlp: Language | None = None,
                              mode: UnitMode = "stance", parsed: ParsedUnits | None = None) -> list[ArticleAttribution]:
    """Every attribution in the units of ``doc`` that pass the ``mode`` prefilter ("stance": units that can
    carry a stance; "all": any reporting or cognition cue, for evaluation), named speaker or not.
    ``parsed``: the units already found and parsed for ``mode`` (:func:`parse_candidate_units`)."""
    if parsed is None:
        units = candidate_units(doc, mode)
        parsed = ParsedUnits(units, parse_spans(doc, units, nlp))
    memory = SpeakerMemory(doc, resolver)
    found: list[ArticleAttribution] = []
    for (start, end), unit in zip(parsed.units, parsed.parsed, strict=True):
        base = doc[start].idx
        for attribution, speaker in _speakers(unit, resolver, memory, base):
            media = speaker is not None and is_media(unit, attribution, speaker)
            stance = classify(attribution, unit, media)
            found.append(ArticleAttribution(
                key=attribution.key,
                cue=_chars(unit, attribution.cue, base),
                cue_text=unit[attribution.cue[0]:attribution.cue[1]].text,
                source=_chars(unit, attribution.source, base) if attribution.source else None,
                content=_chars(unit, attribution.content, base) if attribution.content else None,
                unit=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
                evidence=doc[start:end].text,
                speaker=speaker,
                stance=stance,
                target=target_of(attribution, unit, stance) if stance is not None else None,
            ))
    return found


def _chars(unit: Doc, span: tuple[int, int], base: int) -> CharSpan:
    first, last = unit[span[0]], unit[span[1] - 1]
    return base + first.idx, base + last.idx + len(last.text)


def _speakers(unit: Doc, resolver: EntityResolver, memory: SpeakerMemory,
              offset: int) -> list[tuple[Attribution, Speaker | None]]:
    """Attributions of ``unit`` with their resolved speakers (None when unnamed); outer reports first, so
    that a pronoun inside a reported quote ("we do not comment") resolves to the quote's speaker."""
    attributions = find_attributions(unit)
    containers = {a.cue_head: _container(a, attributions) for a in attributions}
    order = sorted(attributions, key=lambda a: containers[a.cue_head] is not None)
    resolved: dict[int, Speaker | None] = {}
    earlier: list[tuple[Attribution, Speaker | None]] = []
    for attribution in order:
        container = containers[attribution.cue_head]
        quoting = resolved.get(container.cue_head) if container is not None else None
        speaker = resolve_speaker(unit, attribution, resolver, memory, offset, quoting, earlier)
        resolved[attribution.cue_head] = speaker
        earlier.append((attribution, speaker))
        if speaker is not None:
            memory.remember(offset + unit[attribution.cue_head].idx, speaker)
    return [(a, resolved[a.cue_head]) for a in attributions]


def _container(attribution: Attribution, attributions: list[Attribution]) -> Attribution | None:
    for other in attributions:
        if other.cue_head == attribution.cue_head or other.content is None:
            continue
        if other.content[0] <= attribution.cue[0] and attribution.cue[1] <= other.content[1]:
            return other
    return None
