"""Cut an article Doc into the units attribution looks at, and keep only those that can carry one.

A unit is a sentence, joined with the next one when it ends in a colon (or a comma followed by a quote):
``Peskov said:`` / ``“There are no concrete plans yet.”`` is one unit; a quotation running over several
sentences stays in one unit. The prefilter is a word-form lookup over the unit's tokens (hash arrays, no
parsing, no per-token Python), so the dependency parser runs only on the survivors.

The prefilter may skip a unit only if parsing it can change no statement of the article. A unit that yields
no statement itself still matters when it names a speaker: the statements step remembers every speaker it
resolves (attribution_memory), and a later "he said", surname or "the President" resolves to them. So a
unit with a stance cue is skipped only when no attribution can be found in it at all: no reporting verb in a
verb reading ("political support for" and "defending champion" are none) and no colon (``_can_name_speaker``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import IS_SPACE, LOWER, ORTH, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc

from indexer.enrich.stance_lexicon import (
    DENIAL_CONTENT,
    MEDIA_WORDS,
    NEGATABLE_FORMS,
    NO_COMMENT_CONTENT,
    REPORTING_FORMS,
    SPEECH_FORMS,
    STANCE_CUE_FORMS,
)

#: Which units are candidates: "stance" (those that can carry a stance), "speech" (any speech cue: the
#: statements of the archive), "all" (any reporting, thought or act cue: PolNeAR's attributions).
UnitMode = Literal["stance", "speech", "all"]
Hashes = NDArray[np.uint64]
_MAX_UNIT_TOKENS = 160
_NEGATIONS = frozenset({"not", "n't", "n’t", "never", "neither", "nor"})
#: A negation counts for a negatable cue only this many tokens before it ("did not immediately respond").
_NEGATION_WINDOW = 4
#: Cue forms that are also nouns or infinitives of no statement: after one of ``_NOUN_OR_INFINITIVE_BEFORE``
#: ("financial support", "their support", "continue to support", "the call") they do not make a unit a
#: candidate on their own (on the seeds such units never yielded a statement).
_NOUN_LIKE_CUES = frozenset({
    "support", "supports", "call", "calls", "offer", "offers", "offering", "defend", "welcome", "voice", "claim",
    "claims", "champion", "champions", "label", "labels", "brand", "slam", "comments",
})
#: More cue forms read as nouns (or gerunds) after one of ``_NOUN_OR_INFINITIVE_BEFORE`` or
#: ``_MORE_NOUN_BEFORE``, where no speaker can be named: on the seeds never in a unit that yielded a statement
#: ("for supporting" 40 units, "in supporting" 13, "of supporting" 10; "the protests", "a protest",
#: "the object").
_MORE_NOUN_LIKE_CUES = frozenset({"supporting", "protest", "protests", "disputes", "object"})
#: A news medium makes a unit a candidate when it can be the source: a reporting verb follows within this
#: many tokens ("The Washington Post reported", "NBC News said") or an inverted one comes before ("said Le
#: Figaro"), not "he told the BBC" or "BBC Sport".
_MEDIA_WINDOW = 5
#: In modes "all" and "speech", a colon this early in a unit may end a named source ("Graham: Trump's
#: rhetoric ...").
_COLON_HEAD_TOKENS = 13
#: ... and a colon after a person's name this early, a transcript label glued to a heading ("Beginning of
#: meeting with Defence Ministry leadership and heads of defence industry enterprises President of Russia
#: Vladimir Putin: ...").
_LABEL_HEAD_TOKENS = 24
_MEDIA_VERBS = frozenset({"reported", "reports", "report", "reporting"})
#: Verbs that also come before their source ("..., said Le Figaro", "reported the Beijing News").
_INVERTED_REPORTING = frozenset({"said", "says", "reported", "reports", "wrote", "writes", "added", "adds"})
_NOUN_OR_INFINITIVE_BEFORE = frozenset({
    "to", "the", "a", "an", "this", "that", "these", "those", "such", "their", "his", "her", "its", "our", "your",
    "my", "of", "for", "in", "with", "on", "'s", "’s", "financial", "military", "social", "direct", "additional",
    "targeted", "further", "full", "new", "strong", "mutual", "special", "great", "phone", "telephone",
})
#: More words before a noun reading, where no speaker can be named.
_MORE_NOUN_BEFORE = frozenset({
    # before "support" in units whose only trigger it was, never in a yielding unit on the seeds (2,092
    # articles): "political support", "humanitarian support", "defense support", "state support", ...
    "political", "humanitarian", "international", "sincere", "effective", "economic", "technical", "defense",
    "defence", "state", "western", "public", "popular", "unwavering", "firm", "broad",
    # sport on the BBC corpus: "Olympic champion" (22 units, none yielding), "Open champion" (21), "world
    # champion", "Grand Slam" (62), "reigning European champions", "defending champion"
    "grand", "olympic", "open", "world", "wimbledon", "european", "indoor", "outdoor", "junior", "former",
    "reigning", "defending", "commonwealth",
})
#: Words after which "support" is a noun or a verb without a direct object ("support for Ukraine", "support
#: of", "... they support."), where no speaker can be named (stance.py gives "support" a stance only with an
#: object). On the seeds, in units whose only trigger was "support", it was followed by for 167 times (none
#: yielded a statement), "." 71 (none), "," 46 (none), of 41 (1), from 31, to 25, in 24, measures 15, is 12
#: (none). Not applied to "supported" ("the decisions that Malta has supported." yields).
_NOUN_AFTER = frozenset({
    ".", ",", ";", ":", "for", "of", "from", "to", "in", "by", "on", "at", "with", "among", "is", "was", "are",
    "were", "has", "have", "had", "will", "would", "and", "or", "as", "”", '"', ")", "-", "–", "—", "'s", "’s",
    # noun compounds: "support measures", "support programme", "disputes commission"
    "measures", "programme", "programmes", "program", "programs", "mechanism", "mechanisms", "package",
    "packages", "scheme", "schemes", "system", "systems", "commission", "commissions",
    # "defending champion" (BBC sport: the statements step read "defending" as a stance cue)
    "champion", "champions", "title",
})
#: Cues read as nouns before one of ``_NOUN_AFTER``: "support", and on the seeds "protests ." (7 units, none
#: yielding), "protests and" (6), "object ." (11), "disputes ,"; "defending champion" on the BBC corpus.
_NOUN_BEFORE_CUES = frozenset({"support", "protest", "protests", "disputes", "object", "defending"})


def _hashes(words: frozenset[str] | set[str]) -> Hashes:
    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


# One bit per word list; a token's LOWER hash looks up all of its memberships at once.
_STANCE_BIT, _REPORTING_BIT, _MEDIA_BIT, _NEGATION_BIT, _NEGATABLE_BIT = 1, 2, 4, 8, 16
_NOUN_LIKE_BIT, _BEFORE_NOUN_BIT, _MEDIA_VERB_BIT, _INVERTED_BIT = 32, 64, 128, 256
_MORE_NOUN_LIKE_BIT, _MORE_BEFORE_NOUN_BIT, _NOUN_BEFORE_BIT, _NOUN_AFTER_BIT = 512, 1024, 2048, 4096
_COMMENT_BIT, _SPEECH_BIT = 8192, 16384


def _word_bits() -> dict[int, int]:
    bits: dict[int, int] = {}
    for bit, words in (
        (_STANCE_BIT, STANCE_CUE_FORMS),
        (_REPORTING_BIT, REPORTING_FORMS),
        (_MEDIA_BIT, MEDIA_WORDS),
        (_NEGATION_BIT, _NEGATIONS),
        (_NEGATABLE_BIT, NEGATABLE_FORMS),
        (_NOUN_LIKE_BIT, _NOUN_LIKE_CUES),
        (_BEFORE_NOUN_BIT, _NOUN_OR_INFINITIVE_BEFORE),
        (_MEDIA_VERB_BIT, _MEDIA_VERBS),
        (_INVERTED_BIT, _INVERTED_REPORTING),
        (_MORE_NOUN_LIKE_BIT, _MORE_NOUN_LIKE_CUES),
        (_MORE_BEFORE_NOUN_BIT, _MORE_NOUN_BEFORE),
        (_NOUN_BEFORE_BIT, _NOUN_BEFORE_CUES),
        (_NOUN_AFTER_BIT, _NOUN_AFTER),
        (_COMMENT_BIT, frozenset({"comment", "comments"})),
        (_SPEECH_BIT, SPEECH_FORMS),
    ):
        for word in words:
            key = get_string_id(word)
            bits[key] = bits.get(key, 0) | bit
    return bits


_WORD_BITS = _word_bits()
_STRAIGHT = get_string_id('"')
_CURLY_OPEN = get_string_id("“")
_CURLY_CLOSE = get_string_id("”")
_OPENERS = tuple(get_string_id(w) for w in ("“", "‘", "«"))
_SENTENCE_END = frozenset(get_string_id(w) for w in (".", "!", "?"))
_CLOSERS = frozenset(get_string_id(w) for w in ("”", '"', "’", "»", "'"))
_COLON = get_string_id(":")
_COMMA = get_string_id(",")
_TO = get_string_id("to")


class _Tokens:
    """Arrays over one Doc's tokens: ORTH hashes, flags (space, sentence start, straight quote, opening
    quote) and prefix counts of what the prefilter asks about a unit (stance triggers, reporting verbs,
    reporting verbs in a verb reading, media sources, colons, quotes)."""

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array([ORTH, LOWER, IS_SPACE, SENT_START])
        self.orth: Hashes = np.asarray(table[:, 0], dtype=np.uint64)
        lower: Hashes = np.asarray(table[:, 1], dtype=np.uint64)
        self.space = table[:, 2].astype(bool)
        self.sent_start = table[:, 3] == 1
        self.straight = self.orth == _STRAIGHT
        # straight quotes before each token: an even number makes the next straight quote an opening one
        self.straight_before = _prefix_count(self.straight)
        lookup = _WORD_BITS.get
        bits = np.fromiter((lookup(h, 0) for h in table[:, 1].tolist()), dtype=np.int64, count=len(table))
        reporting = (bits & _REPORTING_BIT) != 0
        negation = (bits & _NEGATION_BIT) != 0
        before_noun = np.zeros(len(bits), dtype=bool)
        before_noun[1:] = (bits[:-1] & _BEFORE_NOUN_BIT) != 0
        noun_like = ((bits & _NOUN_LIKE_BIT) != 0) & before_noun
        # stance cues that can start a statement (noun and infinitive readings of _NOUN_LIKE_CUES left out)
        stance_trigger = ((bits & _STANCE_BIT) != 0) & ~noun_like
        # negatable cues with a negation at most _NEGATION_WINDOW tokens before them
        recent = np.zeros(len(bits), dtype=bool)
        for shift in range(1, _NEGATION_WINDOW + 1):
            recent[shift:] |= negation[:-shift]
        negated_cue = ((bits & _NEGATABLE_BIT) != 0) & recent
        # reporting-verb forms that name no speaker: more noun readings, by the word before ("political
        # support") and by the word after ("support for", "defending champion"); "comment" always can
        # ("had no comment")
        before_noun[1:] |= (bits[:-1] & _MORE_BEFORE_NOUN_BIT) != 0
        noun_like |= ((bits & (_NOUN_LIKE_BIT | _MORE_NOUN_LIKE_BIT)) != 0) & before_noun
        noun_after = np.ones(len(bits), dtype=bool)
        noun_after[:-1] = (bits[1:] & _NOUN_AFTER_BIT) != 0
        noun_like |= ((bits & _NOUN_BEFORE_BIT) != 0) & noun_after
        infinitive = np.zeros(len(bits), dtype=bool)  # "planned to call": a verb, its subject inherited
        infinitive[1:] = lower[:-1] == _TO
        nominal = noun_like & ~infinitive & ((bits & _COMMENT_BIT) == 0)
        self.verb_reporting_before = _prefix_count(reporting & ~nominal)
        self.colon_before = _prefix_count(self.orth == _COLON)
        # media words that can be a source: a reporting verb shortly after, or a report verb themselves
        upcoming = np.zeros(len(bits), dtype=bool)
        inverted = (bits & _INVERTED_BIT) != 0
        for shift in range(1, _MEDIA_WINDOW + 1):
            upcoming[:-shift] |= reporting[shift:]
            upcoming[shift:] |= inverted[:-shift]
        media_source = ((bits & _MEDIA_BIT) != 0) & (upcoming | ((bits & _MEDIA_VERB_BIT) != 0))
        # prefix counts: how many triggers, reporting verbs, media sources, quotes come before each token
        self.triggers_before = _prefix_count(stance_trigger | negated_cue)
        self.reporting_before = _prefix_count(reporting)
        self.speech_before = _prefix_count((bits & _SPEECH_BIT) != 0)
        self.media_before = _prefix_count(media_source)
        self.curly_before = _prefix_count(self.orth == _CURLY_OPEN) - _prefix_count(self.orth == _CURLY_CLOSE)
        self.opener = np.logical_or.reduce([self.orth == opener for opener in _OPENERS])

    def opens_quote(self, i: int) -> bool:
        if self.straight[i]:
            return bool(self.straight_before[i] % 2 == 0)
        return bool(self.opener[i])

    def open_quote_between(self, start: int, end: int) -> bool:
        """Whether a quotation opened in [start, end) is still open at ``end``."""
        straight = int(self.straight_before[end] - self.straight_before[start])
        curly = int(self.curly_before[end] - self.curly_before[start])
        return straight % 2 == 1 or curly > 0

    def any_between(self, before: NDArray[np.int64], start: int, end: int) -> bool:
        """Whether a flag whose prefix count is ``before`` is set on a token in [start, end)."""
        return bool(before[end] > before[start])


def _prefix_count(flags: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Element i: how many of ``flags[:i]`` are set (one longer than ``flags``)."""
    counts = np.zeros(len(flags) + 1, dtype=np.int64)
    np.cumsum(flags, out=counts[1:])
    return counts


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans [start, end) of the sentences of ``doc``, also cut at every line break.

    Uses the Doc's own sentence boundaries when it has them (parser, senter or sentencizer ran); otherwise
    a punctuation rule: a sentence ends after . ! ? (and a closing quote) before a capital, quote or digit.
    """
    return _sentence_spans(doc, _Tokens(doc)) if len(doc) else []


def _sentence_spans(doc: Doc, tokens: _Tokens) -> list[tuple[int, int]]:
    n = len(doc)
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        starts = {0, *(int(i) for i in np.flatnonzero(tokens.sent_start))}
    else:
        starts = {0} | {i for i in range(1, n) if _rule_boundary(doc, tokens, i)}
    starts |= {int(i) + 1 for i in np.flatnonzero(tokens.space) if "\n" in doc[int(i)].text and int(i) + 1 < n}
    for start in list(starts):  # a sentence never ends with an opening quote: it belongs to the next one
        if start > 0 and start - 1 not in starts and tokens.opens_quote(start - 1):
            starts.discard(start)
            starts.add(start - 1)
    ordered = sorted(s for s in starts if s < n)
    spans = []
    for start, end in zip(ordered, [*ordered[1:], n], strict=True):
        while start < end and tokens.space[start]:
            start += 1
        while end > start and tokens.space[end - 1]:
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _rule_boundary(doc: Doc, tokens: _Tokens, i: int) -> bool:
    ended = bool(tokens.orth[i - 1] in _SENTENCE_END) or (
        i >= 2 and bool(tokens.orth[i - 1] in _CLOSERS) and bool(tokens.orth[i - 2] in _SENTENCE_END))
    if not ended:
        return False
    token = doc[i]
    return token.is_title or tokens.opens_quote(i) or token.is_digit or token.is_upper


def statement_units(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans, joined with the quotation a sentence introduces (ending in ":" or in "," before a
    quote) and with the rest of a quotation that runs over several sentences."""
    if not len(doc):
        return []
    return _statement_units(doc, _Tokens(doc))


def _statement_units(doc: Doc, tokens: _Tokens) -> list[tuple[int, int]]:
    sentences = _sentence_spans(doc, tokens)
    units: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        start, end = sentences[i]
        while i + 1 < len(sentences) and _introduces_next(tokens, start, end, sentences[i + 1][0]):
            next_end = sentences[i + 1][1]
            if next_end - start > _MAX_UNIT_TOKENS:
                break
            i += 1
            end = next_end
        units.append((_after_dateline(doc, start, end), end))
        i += 1
    return units


#: Dashes that end a dateline ("WASHINGTON (AP) —", "New York (AFP) -", "WASHINGTON, Aug. 24 (UPI) --").
_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
_DATELINE_MAX_TOKENS = 10


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """Where a unit starts once a leading dateline is skipped: at most ``_DATELINE_MAX_TOKENS`` tokens of
    capitalised words, numbers, abbreviations and punctuation, at least one of them an all-capitals word
    or a parenthesised agency, ended by a dash ("RENO, Nev. (AP) — Donald Trump said ..."). Parsed with
    the sentence, a dateline's place name is read as the subject of its first verb."""
    limit = min(end - 1, start + _DATELINE_MAX_TOKENS)
    caps = False
    for i in range(start, limit):
        token = doc[i]
        if token.text in _DATELINE_DASHES:
            return i + 1 if caps and i > start else start
        if token.is_alpha and not token.is_title and not token.is_upper:
            return start
        caps = caps or (token.is_upper and len(token) > 1) or token.text == "("
    return start


def _introduces_next(tokens: _Tokens, start: int, end: int, next_start: int) -> bool:
    """Whether the next sentence belongs to this unit: it is the quote this one introduces with a colon
    or comma, or this one opens a quotation that only closes later ("...told reporters “A. B. C.”")."""
    last = tokens.orth[end - 1]
    if last == _COLON or (last == _COMMA and tokens.opens_quote(next_start)):
        return True
    return tokens.open_quote_between(start, end)


def _person_label(doc: Doc, start: int, end: int) -> bool:
    """Whether a colon among tokens [start, end) follows a person's name ("... Vladimir Putin:")."""
    return any(doc[i].text == ":" and doc[i - 1].ent_type_ == "PERSON" for i in range(max(start, 1), end))


def _is_candidate(doc: Doc, tokens: _Tokens, start: int, end: int, mode: UnitMode) -> bool:
    reporting = tokens.any_between(tokens.reporting_before, start, end)
    if mode in ("all", "speech"):
        cue = reporting if mode == "all" else tokens.any_between(tokens.speech_before, start, end)
        return cue or tokens.any_between(tokens.colon_before, start, min(end, start + _COLON_HEAD_TOKENS)) or (
            tokens.any_between(tokens.colon_before, start, min(end, start + _LABEL_HEAD_TOKENS))
            and _person_label(doc, start, min(end, start + _LABEL_HEAD_TOKENS)))
    if not _can_name_speaker(tokens, start, end):
        return False
    if tokens.any_between(tokens.triggers_before, start, end):
        return True
    if not reporting:
        return False
    if tokens.any_between(tokens.media_before, start, end):
        return True
    text = doc[start:end].text
    return bool(DENIAL_CONTENT.search(text) or NO_COMMENT_CONTENT.search(text))


def _can_name_speaker(tokens: _Tokens, start: int, end: int) -> bool:
    """Whether tokens [start, end) have a reporting verb in a verb reading or a colon (a headline "X: ..."),
    so that an attribution with a speaker can be found there even when it carries no stance."""
    return tokens.any_between(tokens.verb_reporting_before, start, end) or tokens.any_between(
        tokens.colon_before, start, end)


def is_candidate(doc: Doc, start: int, end: int, mode: UnitMode) -> bool:
    """Whether tokens [start, end) can carry a statement: ``stance`` mode wants a stance cue word (not in a
    noun or infinitive reading such as "financial support" or "to support"), a reporting verb negated just
    before it ("did not comment"), or a reporting verb with stance-bearing content or a news medium; ``all``
    mode (the evaluation) wants any reporting or cognition cue. In ``stance`` mode a unit where no speaker can
    be named (no reporting verb in a verb reading, no colon) is never a candidate: "political support for
    Ukraine is growing", "the situation is unacceptable"."""
    return _is_candidate(doc, _Tokens(doc), start, end, mode)


def candidate_units(doc: Doc, mode: UnitMode = "stance") -> list[tuple[int, int]]:
    """The statement units of ``doc`` that pass the prefilter for ``mode``."""
    if not len(doc):
        return []
    tokens = _Tokens(doc)
    return [(s, e) for s, e in _statement_units(doc, tokens) if _is_candidate(doc, tokens, s, e, mode)]
