"""Word lists for attribution and stance: reporting cues, stance-bearing cues and stance-bearing content.

Everything here is data plus tiny lookups; the rules that use it live in ``attribution.py`` (who said it)
and ``stance.py`` (what stance it carries). Verb entries are keyed by lemma (spaCy's lemmatizer); the
``*_FORMS`` sets hold inflected word forms for the cheap text prefilter that runs before any parsing.
"""

from __future__ import annotations

import re

from indexer.enrich.types import Stance

# Verbs whose subject is the speaker of a statement, by the stance the verb itself carries.
# ``None`` means a neutral reporting verb: it attributes, but a stance can only come from elsewhere
# (the quoted content, a media speaker, a negation).
VERB_STANCE: dict[str, Stance | None] = {
    # denies
    "deny": "denies", "refute": "denies", "rebut": "denies", "dispute": "denies", "disavow": "denies",
    "debunk": "denies", "contradict": "denies", "repudiate": "denies",
    # confirms
    "confirm": "confirms", "acknowledge": "confirms", "admit": "confirms", "concede": "confirms",
    "verify": "confirms", "corroborate": "confirms",
    # claims
    "allege": "claims", "claim": "claims", "assert": "claims", "contend": "claims", "accuse": "claims",
    "insist": "claims", "purport": "claims", "blame": "claims",
    # supports
    "welcome": "supports", "praise": "supports", "thank": "supports", "endorse": "supports",
    "applaud": "supports", "hail": "supports", "commend": "supports", "laud": "supports",
    "congratulate": "supports", "back": "supports", "support": "supports", "champion": "supports",
    "embrace": "supports", "salute": "supports", "defend": "supports",
    # opposes
    "condemn": "opposes", "criticise": "opposes", "criticize": "opposes", "denounce": "opposes",
    "slam": "opposes", "blast": "opposes", "decry": "opposes", "deplore": "opposes",
    "lambast": "opposes", "lambaste": "opposes", "rebuke": "opposes", "oppose": "opposes",
    "castigate": "opposes", "assail": "opposes", "berate": "opposes", "excoriate": "opposes",
    "censure": "opposes", "protest": "opposes", "object": "opposes",
    # neutral reporting verbs (attribution only)
    "say": None, "tell": None, "state": None, "add": None, "note": None, "write": None, "tweet": None,
    "post": None, "explain": None, "announce": None, "declare": None, "reply": None, "respond": None,
    "answer": None, "stress": None, "emphasise": None, "emphasize": None, "remark": None,
    "observe": None, "recall": None, "continue": None, "argue": None, "suggest": None, "warn": None,
    "predict": None, "report": None, "indicate": None, "reveal": None, "mention": None, "ask": None,
    "comment": None, "point": None, "maintain": None, "reiterate": None, "repeat": None,
    "promise": None, "vow": None, "pledge": None, "urge": None, "describe": None, "call": None,
    "reaffirm": None, "affirm": None, "offer": None,
    "cite": None, "quote": None, "conclude": None, "testify": None, "caution": None, "complain": None,
    "express": None, "voice": None, "estimate": None, "disclose": None, "inform": None,
    "show": None, "find": None, "decline": None, "refuse": None, "reject": None, "dismiss": None,
    "plead": None, "brief": None, "assure": None, "reassure": None, "tout": None, "joke": None,
    "boast": None, "brag": None, "quip": None, "counter": None, "retort": None, "demand": None,
    "propose": None, "question": None, "threaten": None, "lament": None, "imply": None, "echo": None,
"read": None, "mock": None, "challenge": None, "portray": None,
}

# Verbs of thought and intention. PolNeAR annotates them as attributions too, so the evaluation
# counts them; they never carry a stance.
COGNITION_VERBS: frozenset[str] = frozenset({
    "think", "believe", "want", "hope", "expect", "fear", "feel", "see", "seem", "appear", "worry",
    "doubt", "consider", "agree", "prefer", "seek", "learn", "wonder",
})

# Reporting verbs that pass on someone else's words; their subject is a conduit, not a speaker.
CONDUIT_VERBS: frozenset[str] = frozenset({"cite", "quote", "ask", "inform", "brief", "show", "find"})

# "reject"/"dismiss" deny when their object is a claim, and "reject" opposes otherwise (a plan, a bill).
CLAIM_NOUNS: frozenset[str] = frozenset({
    "report", "reports", "claim", "allegation", "accusation", "charge", "suggestion", "assertion",
    "story", "notion", "idea", "rumor", "rumour", "speculation", "assessment", "account", "version",
    "narrative", "article", "reporting", "statement", "characterization", "characterisation",
    "interpretation", "premise", "criticism", "finding", "conclusion", "contention", "insinuation",
})

# Verbs that, after "declined to"/"refused to", or negated, mean the speaker does not comment.
NO_COMMENT_XCOMP: frozenset[str] = frozenset({
    "comment", "discuss", "elaborate", "confirm", "deny", "say", "answer", "respond", "specify",
    "reveal", "disclose", "speculate", "address", "detail", "identify", "name", "give", "provide",
    "clarify", "explain", "offer", "talk", "verify",
})
NO_COMMENT_NEGATED: frozenset[str] = frozenset({
    "respond", "reply", "return", "answer", "comment", "confirm", "deny", "say", "discuss",
    "elaborate", "specify", "disclose", "verify", "speculate",
})

# Adjectives and nouns that give "called it X" / "described it as X" a stance.
OPPOSE_EVALUATIONS: frozenset[str] = frozenset({
    "unacceptable", "outrageous", "disgraceful", "shameful", "appalling", "deplorable", "reckless",
    "irresponsible", "dangerous", "illegal", "unlawful", "disgusting", "despicable", "abhorrent",
    "barbaric", "cynical", "provocation", "provocative", "mistake", "disaster", "insult", "insulting",
    "scandalous", "unjustified", "unjustifiable", "hostile", "aggression", "terrorism", "crime",
    "violation", "outrage", "horrific", "heinous", "inappropriate", "unprecedented", "dastardly",
    "cowardly", "senseless", "vile", "atrocious", "brutal", "criminal", "reprehensible", "shocking",
    "unconscionable", "intolerable", "regrettable", "unfortunate", "absurd",
})
DENY_EVALUATIONS: frozenset[str] = frozenset({
    "fake", "false", "untrue", "baseless", "groundless", "unfounded", "lie", "lies", "nonsense",
    "fabrication", "fabricated", "hoax", "fiction", "fantasy", "absurd", "ridiculous", "misinformation",
    "disinformation", "slander", "smear", "rubbish", "inaccurate", "incorrect", "bogus", "fabrications",
})
SUPPORT_EVALUATIONS: frozenset[str] = frozenset({
    "welcome", "positive", "historic", "important", "excellent", "great", "breakthrough",
    "encouraging", "constructive", "success", "successful", "milestone", "productive",
})

# Nouns for news media: a named outlet reporting something makes a claim ("the report said ...").
MEDIA_WORDS: frozenset[str] = frozenset({
    "post", "times", "journal", "news", "reuters", "ap", "afp", "bloomberg", "bbc", "cnn", "novosti",
    "tass", "interfax", "guardian", "telegraph", "newspaper", "outlet", "tabloid", "magazine",
    "broadcaster", "axios", "politico", "nbc", "abc", "cbs", "fox", "msnbc", "npr", "pravda", "izvestia",
    "kommersant", "vedomosti", "ukrinform", "unian", "kyodo", "xinhua", "yonhap", "jazeera", "dpa",
    "ansa", "efe", "tribune", "herald", "gazette", "economist", "wsj", "nyt", "wp", "newsweek",
    "spiegel", "monde", "figaro", "bild", "rbc", "meduza", "reported", "reports", "report",
})

# Nouns for a group acting for a person or body: "Trump's team", "the Clinton campaign".
GROUP_NOUNS: frozenset[str] = frozenset({
    "team", "campaign", "administration", "government", "office", "camp", "aides", "staff",
    "lawyers", "attorneys", "representatives", "spokespeople", "cabinet", "party", "ministry",
    "department", "service", "embassy", "mission", "headquarters", "committee", "council",
})
# Role nouns standing for their organisation when no person is named: "a Kremlin spokesman said".
ROLE_NOUNS: frozenset[str] = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "representative", "official", "officials",
    "aide", "aides", "adviser", "advisers", "advisor", "advisors", "press", "secretary", "envoy",
    "ambassador", "diplomat", "diplomats", "minister", "source", "sources", "lawyer", "attorney",
    "director", "chief", "head", "spokespeople", "spokespersons", "staffer", "staffers",
})
# Titles of state office: a person introduced with one of these and a country speaks for that state.
OFFICIAL_TITLES: frozenset[str] = frozenset({
    "president", "prime", "minister", "chancellor", "secretary", "spokesperson", "spokesman",
    "spokeswoman", "ambassador", "envoy", "foreign", "defence", "defense", "king", "queen", "premier",
    "governor", "senator", "representative", "general", "commander", "official", "diplomat",
    "president-elect", "vice", "deputy", "speaker", "mayor", "attorney", "prosecutor", "chief",
    "head", "press", "adviser", "advisor", "aide", "director", "emir", "sheikh",
    "prince", "leader",
})

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her", "i"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "it", "we", "them"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom"})

# Content that carries the stance by itself, whatever the reporting verb: a denial
# ("this is completely untrue", "there was no conversation") or a refusal to comment.
_DENIED_THINGS = (
    r"conversations?|calls?|phone\s+calls?|meetings?|talks|contacts?|discussions?|negotiations|agreements?|"
    r"deals?|exchanges?|evidence|attacks?|strikes?|plans?|requests?|orders?|collusion|wrongdoing|"
    r"interference|such\s+\w+|truth|basis|proof|link|connection|involvement|threat|offer"
)
DENIAL_CONTENT = re.compile(
    r"\b(?:untrue|not\s+true|no\s+truth|not\s+the\s+case|"
    r"(?:is|are|was|were|be|been|[’']s|[’']re)\s+(?:completely\s+|totally\s+|absolutely\s+|simply\s+|"
    r"entirely\s+|utterly\s+|patently\s+|categorically\s+|all\s+)?(?:a\s+|an\s+|pure\s+|complete\s+|"
    r"total\s+|utter\s+)?(?:false|fake|inaccurate|incorrect|baseless|groundless|unfounded|fabricated|"
    r"lies?|fabrications?|fiction|hoax|nonsense|fake\s+news|disinformation|misinformation|"
    r"(?:a\s+)?misrepresentation)|"
    r"never\s+(?:happened|took\s+place|occurred)|(?:did\s+not|didn[’']t)\s+(?:take\s+place|happen|occur)|"
    r"(?:found|finds|find|see|saw|seen|is|was|there\s+is|there\s+was)\s+no\s+(?:trace|evidence|sign|"
    r"indication|proof)s?\s+(?:of|that)|"
    r"(?:is|are|was|were|be|been)\s+(?:also\s+|too\s+|entirely\s+|completely\s+)?(?:unrelated|"
    r"not\s+(?:related|connected|linked))|"
    r"(?:did\s+not|didn[’']t|never|not)\s+(?:lie|lied)\b|not\s+a\s+liar|"
    r"there\s+(?:was|were|has\s+been|had\s+been|have\s+been|is|are)\s+(?:no|never\s+any|not\s+any)\s+"
    r"(?:such\s+)?(?:" + _DENIED_THINGS + r")|no\s+such\s+(?:" + _DENIED_THINGS + r"|thing))\b",
    re.IGNORECASE,
)
NO_COMMENT_CONTENT = re.compile(
    r"\b(?:no\s+comment|(?:do|does|did|will|would|can|could|cannot|shall)\s*(?:not|n['’]t)\s+comment|"
    r"(?:don['’]t|doesn['’]t|won['’]t|can['’]t|didn['’]t|wouldn['’]t)\s+comment|"
    r"not\s+going\s+to\s+comment|(?:decline|refrain)s?\s+(?:to|from)\s+comment|"
    r"nothing\s+to\s+(?:say|add)|not\s+(?:in\s+a\s+position|able)\s+to\s+comment)\b",
    re.IGNORECASE,
)

_DOUBLE_FINAL = frozenset({"admit", "rebut", "regret", "commit", "refer", "slam", "plan", "abet", "prefer"})
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "think": ("thought",),
    "know": ("knew", "known"), "see": ("saw", "seen"), "hear": ("heard",), "feel": ("felt",),
    "speak": ("spoke", "spoken"), "find": ("found",), "seek": ("sought",), "show": ("shown",),
    "understand": ("understood",), "give": ("gave", "given"), "lambast": ("lambasted",),
    "lambaste": ("lambasted",), "learn": ("learnt",), "plead": ("pled",),
    "be": ("is", "are", "am", "was", "were", "been", "being", "'s", "’s", "'re", "’re"),
    "have": ("has", "had", "having", "'ve", "’ve"), "do": ("does", "did", "done"),
    "go": ("went", "gone", "goes"), "take": ("took", "taken"), "lie": ("lying",), "begin": ("began", "begun"),
}


def verb_forms(lemma: str) -> set[str]:
    """Inflected forms of an English verb (base, -s, -ed, -ing, plus irregular ones)."""
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        stem = lemma + lemma[-1] if lemma in _DOUBLE_FINAL else lemma
        forms |= {lemma + "s", stem + "ed", stem + "ing"}
    return forms


def _forms(lemmas: set[str] | frozenset[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in verb_forms(lemma))


STANCE_VERBS: frozenset[str] = frozenset(k for k, v in VERB_STANCE.items() if v is not None)
# Verbs the rules look at by lemma besides the reporting ones ("could not be reached", "went on to say").
_OTHER_VERBS: frozenset[str] = frozenset({
    "reach", "be", "have", "do", "go", "begin", "start", "rush", "hasten", "move", "give", "name", "identify",
    "elaborate", "specify", "speculate", "address", "detail", "provide", "clarify", "talk", "return",
    "lie", "happen", "occur", "take",
})
REPORTING_VERBS: frozenset[str] = frozenset(VERB_STANCE)

# Word forms that make a sentence worth parsing for a statement with a stance.
# Forms too often something else to make a unit worth parsing: the adverb "back", "thank you", "thanks to",
# the noun "objects". ("X thanks Y" is then missed; "X thanked Y" is not.)
_AMBIGUOUS_FORMS = frozenset({"back", "thank", "thanks", "objects"})
STANCE_CUE_FORMS: frozenset[str] = (_forms(
    STANCE_VERBS | {"decline", "refuse", "reject", "dismiss", "plead", "call", "describe", "label", "brand",
                    "express", "voice", "reaffirm", "reiterate", "pledge", "offer", "affirm"}
) | {
    "according", "denial", "denials", "comment", "comments", "commented", "unavailable",
    "unacceptable", "outrageous", "disgraceful", "untrue", "false", "fake",
}) - _AMBIGUOUS_FORMS
# Word forms of any reporting or cognition verb (the evaluation prefilter parses all of these).
REPORTING_FORMS: frozenset[str] = _forms(REPORTING_VERBS | COGNITION_VERBS) | {"according"}
# Forms that carry a stance when negated: reporting verbs and "(could not be) reached (for comment)".
NEGATABLE_FORMS: frozenset[str] = _forms(REPORTING_VERBS) | {"reached"}


def verb_lemma(lower: str) -> str:
    """The lemma of a lower-cased verb form the lexicons know ("denied" -> "deny"), else the form itself."""
    return _FORM_TO_LEMMA.get(lower, lower)


_FORM_TO_LEMMA: dict[str, str] = {
    form: lemma
    for lemma in sorted(REPORTING_VERBS | COGNITION_VERBS | _OTHER_VERBS, reverse=True)
    for form in verb_forms(lemma)
}
