"""Which stance an attribution carries, and what it is about.

The cue decides first ("denied" -> denies, "declined to comment" -> no_comment, "rejected the report" ->
denies but "rejected the plan" -> opposes, "called it unacceptable" -> opposes, "pleaded not guilty" ->
denies). A negated cue can only mean no_comment ("did not confirm"). A neutral or confirming cue takes
its stance from the content when the content denies or refuses comment ("stated that “there was no
conversation”", "confirmed: reports ... are false"); a neutral cue also when the content thanks, praises or
condemns in the words of ``data/stance_content.tsv`` ("said: “I am grateful ...”"), else when the learned
classifier of :mod:`indexer.enrich.stance_model` names a stance for its cue and content with enough
confidence ("noted that relations were very constructive" supports). A medium reporting
("the Post reported", "according to Reuters") and "according to" anyone is a plain report, not a claim.
Plain "said" of anything else carries no stance (None, shown as ``says``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from indexer.enrich.attribution import verb_key
from indexer.enrich.attribution_types import Attribution
from indexer.enrich.light_verbs import light_object, object_stance
from indexer.enrich.stance_content import content_stance
from indexer.enrich.stance_lexicon import (
    CLAIM_NOUNS,
    DENIAL_CONTENT,
    DENY_EVALUATIONS,
    LIGHT_VERBS,
    NO_COMMENT_CONTENT,
    NO_COMMENT_NEGATED,
    NO_COMMENT_XCOMP,
    OPPOSE_EVALUATIONS,
    SUPPORT_EVALUATIONS,
    VERB_STANCE,
)
from indexer.enrich.stance_model import learned_stance
from indexer.enrich.types import Stance

_EVALUATING_VERBS = frozenset({"call", "describe", "label", "brand", "term", "dismiss", "characterize",
                               "characterise"})
_TARGET_MAX_TOKENS = 30
_RAISING_HEADS = frozenset({"continue", "seem", "appear", "begin", "start", "rush", "hasten", "move", "go",
                            "be", "have"})
_HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
_WH_WORDS = frozenset({"whether", "if", "what", "when", "where", "why", "how", "who", "which", "whom"})
_CONSUMED_BY = frozenset({"decline", "refuse"})
_TELLING_ONLY_WITH_INFO = frozenset({"give", "provide", "offer"})
_INFORMATION = frozenset({"detail", "details", "information", "comment", "specific", "specifics", "name", "names",
                          "figure", "figures", "number", "numbers", "evidence", "explanation", "reason", "timeline",
                          "estimate", "breakdown", "source", "sources", "identity", "interview", "answer"})
_REFUSAL_OBJECTS = frozenset({"entry", "access", "bail", "funding", "request", "visa", "permission", "application",
                              "appeal", "asylum", "admission", "approval", "benefit", "service", "license",
                              "licence", "parole", "right", "rights", "chance", "opportunity", "victory"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "hardly"})
_QUOTE_CHARS = re.compile(r"[“”\"«»]")
_LEADING_THAT = re.compile(r"^(?:that|whether|if)\s+", re.IGNORECASE)


def classify(attribution: Attribution, unit: Doc) -> Stance | None:
    """The stance of ``attribution`` in ``unit`` (None for a neutral report)."""
    key = attribution.key
    cue = unit[attribution.cue_head]
    if key == "no comment":
        return "no_comment"
    if key == "according to":
        return _report_stance(attribution, unit, None)  # "according to X, ..." reads like "X said ..."
    if key in ("decline", "refuse"):
        return "no_comment" if _refuses_to_tell(cue) and not _in_question(cue) else None
    if _in_question(cue) or _negative_subject(cue) or (cue.i > 0 and unit[cue.i - 1].lower_ == "as"):
        return None  # "Did he deny it?", "No one has disputed it", "as opposed to"
    if attribution.negated:
        if key not in NO_COMMENT_NEGATED or (key == "say" and _declares(unit, attribution)):
            return None  # "did not condemn" names no stance; "never said that ..." is not a refusal
        return "no_comment"
    if _hypothetical(cue) or (cue.dep_ in ("acl", "amod") and not any(c.dep_ == "agent" for c in cue.children)):
        return None  # "whether he denied", "pressure to repudiate", "could support", "Democrats supporting"
    return _report_stance(attribution, unit, _cue_stance(key, cue))


def _report_stance(attribution: Attribution, unit: Doc, stance: Stance | None) -> Stance | None:
    """The stance of a report whose cue gave ``stance``: content that refuses to comment or denies
    overrides none, ``confirms`` and ``claims``; with none, the content's words, then the classifier."""
    if attribution.nested or attribution.content is None or stance not in (None, "confirms", "claims"):
        return stance
    content = unit[attribution.content[0]:attribution.content[1]].text
    if NO_COMMENT_CONTENT.search(content):
        return "no_comment"
    if DENIAL_CONTENT.search(content):
        return "denies"
    if stance is None:
        return content_stance(content) or learned_stance(unit[attribution.cue[0]:attribution.cue[1]].text, content)
    return stance


def _cue_stance(key: str, cue: Token) -> Stance | None:
    if key == "plead":
        words = {t.lower_ for t in cue.subtree}
        if "guilty" in words:
            return "denies" if words & {"not", "innocent"} else "confirms"
        return None
    if key in ("reject", "dismiss"):
        obj = _object(cue)
        if (obj is not None and obj.lemma_.lower() in CLAIM_NOUNS) or _evaluation(cue) == "denies":
            return "denies"
        return "opposes" if key == "reject" and obj is not None else None
    if key in _EVALUATING_VERBS:
        if any(c.dep_ in ("prt", "prep") and c.lower_ in ("on", "upon", "for") and c.i == cue.i + 1
               for c in cue.children):
            return None  # "called on police to release the videos as a matter of the greater good": a call
        return _evaluation(cue)
    obj = _object(cue)
    if key == "deny" and (len([c for c in cue.children if c.dep_ in ("dobj", "dative")]) > 1
                          or (obj is not None and obj.lemma_.lower() in _REFUSAL_OBJECTS)):
        return None  # "denied them entry", "deny terrorism any victory": refusing, not denying a claim
    if key == "claim" and obj is not None and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        # "claimed responsibility" asserts an unverified deed (claims); "claimed victory" no contested fact
        return "claims" if obj.lemma_.lower() in ("responsibility", "credit") else None
    if key == "insist" and any(c.dep_ == "prep" and c.lower_ == "on" for c in cue.children):
        return None  # "insists on developing sanctions" demands; "insists that ..." claims
    if key in ("support", "back", "defend") and obj is None:
        return None
    if key in LIGHT_VERBS:
        light = light_object(cue)
        if light is not None:
            if any(c.lower_ in ("no", "little") for c in light.children):
                return None  # "expressed no regret"
            return object_stance(light)
    return VERB_STANCE.get(key)


def _in_question(cue: Token) -> bool:
    last = cue.sent[-1] if cue.sent[-1].text not in ("”", '"', "’") or len(cue.sent) < 2 else cue.sent[-2]
    return last.text == "?"


def _negative_subject(cue: Token) -> bool:
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    return subject.lower_ in ("nobody", "none", "neither") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _hypothetical(cue: Token) -> bool:
    """Whether the cue is only considered, not done: "whether he denied", "to repudiate", "could support"."""
    for child in cue.children:
        if child.dep_ == "mark" and child.lower_ in ("whether", "if"):
            return True
        if child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_MODALS:
            return True
        if child.dep_ == "aux" and child.lower_ == "to" and verb_key(cue.head) not in _CONSUMED_BY:
            return cue.head.lemma_.lower() not in _RAISING_HEADS
    return False


def _declares(unit: Doc, attribution: Attribution) -> bool:
    """Whether the content is a declarative clause (not "when"/"whether"/"what")."""
    if attribution.content is None:
        return False
    first = unit[attribution.content[0]]
    return first.lower_ not in _WH_WORDS


def _evaluation(cue: Token) -> Stance | None:
    """Stance of "called it X" / "described it as X" / "dismissed it as X" from the words of X."""
    words: set[str] = set()
    for child in cue.children:
        if child.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "attr", "advcl") or (
            child.dep_ == "prep" and child.lower_ == "as"
        ):
            words |= {t.lower_ for t in child.subtree}
        elif child.dep_ == "dobj" and child.i > cue.i:
            words |= {t.lower_ for c in child.children
                      if (c.dep_ in ("oprd", "acomp", "appos", "amod") or (c.dep_ == "prep" and c.lower_ == "as"))
                      and c.i > child.i for t in c.subtree}  # an adjective after the object is its predicate
    if words & _NEGATIONS:
        return None  # "called the plan not good enough"
    if words & DENY_EVALUATIONS:
        return "denies"
    if words & OPPOSE_EVALUATIONS:
        return "opposes"
    if words & SUPPORT_EVALUATIONS:
        return "supports"
    return None


def _object(cue: Token) -> Token | None:
    return next((c for c in cue.children if c.dep_ in ("dobj", "attr")), None) or next(
        (p for c in cue.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"),
        None,
    )


def _refuses_to_tell(cue: Token) -> bool:
    """ "declined to comment / to say / to provide details": refusing to tell, not to act ("refuses to
    provide green corridors")."""
    xcomp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    if xcomp is None:
        return False
    key = verb_key(xcomp) or xcomp.lemma_.lower()
    if key not in NO_COMMENT_XCOMP:
        return False
    if key in _TELLING_ONLY_WITH_INFO:
        obj = next((c for c in xcomp.children if c.dep_ == "dobj"), None)
        return obj is not None and obj.lemma_.lower() in _INFORMATION
    return True


def target_of(attribution: Attribution, unit: Doc, stance: Stance) -> str | None:
    """What the stance is about, as text from ``unit``: the cue's object ("denied the report of ..."),
    the subject of a denied existence ("there was no conversation"), the topic of a refusal to comment
    ("declined to comment on the talks"), or the content of a claim. None when none can be found."""
    cue = unit[attribution.cue_head]
    if stance == "no_comment":
        topic = _topic(cue)
        return _phrase(topic) if topic is not None else None
    if attribution.key == "according to":
        return _span_text(unit, attribution.content)
    obj = _object(cue)
    if obj is not None and obj.pos_ != "PRON":
        return _phrase(obj)
    if stance == "denies" and attribution.content is not None:
        for token in unit[attribution.content[0]:attribution.content[1]]:
            if token.dep_ in ("attr", "nsubj") and any(c.lower_ == "no" for c in token.children):
                return _phrase(token, skip_det=True)
    return _span_text(unit, attribution.content)


def _topic(cue: Token) -> Token | None:
    heads = [cue, *(c for c in cue.children if c.dep_ == "xcomp")]
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "about", "regarding", "over"):
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    for head in heads:
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.lower_ not in ("comment", "comments")), None)
        if obj is not None and obj.pos_ != "PRON":
            return obj
    return None


def _phrase(head: Token, skip_det: bool = False) -> str | None:
    tokens = [t for t in head.subtree
              if not (skip_det and t.head.i == head.i and t.dep_ in ("det", "neg") and t.i < head.i)]
    cut = next((t for t in head.children if t.dep_ == "relcl"), None)
    kept = [t for t in tokens if cut is None or t.i < cut.left_edge.i][:_TARGET_MAX_TOKENS]
    text = "".join(t.text_with_ws for t in kept)
    return _clean(" ".join(_QUOTE_CHARS.sub("", text).split())) or None


def _span_text(unit: Doc, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    start, end = span
    end = min(end, start + _TARGET_MAX_TOKENS)
    text = _clean(unit[start:end].text)
    return text or None


def _clean(text: str) -> str:
    text = text.strip().strip(" ,;:“”\"'‘’").strip()
    return _LEADING_THAT.sub("", text)
