"""Word lists for attribution and stance: reporting cues, stance-bearing cues and stance-bearing content.

Everything here is data plus tiny lookups (the word lists are ``data/stance_words.tsv``); the rules that use
it live in ``attribution.py`` (who said it) and ``stance.py`` (what stance it carries). Verb entries are keyed
by lemma (spaCy's lemmatizer); the ``*_FORMS`` sets hold inflected word forms for the cheap text prefilter that
runs before any parsing.
"""

from __future__ import annotations

import re

from indexer.enrich.entity_tables import TableError, read_table
from indexer.enrich.types import STANCES, Stance

_WORD_LISTS = read_table("stance_words.tsv", ("list", "word", "value"))
_STANCE_NAMED: dict[str, Stance] = {stance: stance for stance in STANCES}


def _words(list_name: str) -> frozenset[str]:
    """The words of one list of ``data/stance_words.tsv`` (raises TableError when it has none)."""
    words = frozenset(word for name, word, _ in _WORD_LISTS if name == list_name)
    if not words:
        raise TableError(f"stance_words.tsv: no words in list {list_name!r}")
    return words


def _verb_stances() -> dict[str, Stance | None]:
    """The ``verb_stance`` list: lemma -> the stance the verb carries, None for a neutral reporting verb."""
    stances: dict[str, Stance | None] = {}
    for name, verb, value in _WORD_LISTS:
        if name == "verb_stance":
            if value != "-" and value not in _STANCE_NAMED:
                raise TableError(f"stance_words.tsv: {verb!r} has no stance {value!r}")
            stances[verb] = None if value == "-" else _STANCE_NAMED[value]
    return stances


# Verbs whose subject is the speaker of a statement, by the stance the verb itself carries.
# ``None`` means a neutral reporting verb: it attributes, but a stance can only come from elsewhere
# (the quoted content, a media speaker, a negation).
VERB_STANCE: dict[str, Stance | None] = _verb_stances()

# Verbs of thought and intention, and of acts that report no words ("voted for", "focused on"). PolNeAR
# annotates them as attributions too, so the evaluation counts them; they never carry a stance.
COGNITION_VERBS: frozenset[str] = _words("cognition_verb") | _words("act_verb")

# Reporting verbs that pass on someone else's words; their subject is a conduit, not a speaker.
CONDUIT_VERBS: frozenset[str] = _words("conduit_verb")

# "reject"/"dismiss" deny when their object is a claim, and "reject" opposes otherwise (a plan, a bill).
CLAIM_NOUNS: frozenset[str] = _words("claim_noun")

# Verbs that, after "declined to"/"refused to", or negated, mean the speaker does not comment.
NO_COMMENT_XCOMP: frozenset[str] = _words("no_comment_xcomp")
NO_COMMENT_NEGATED: frozenset[str] = _words("no_comment_negated")

# Adjectives and nouns that give "called it X" / "described it as X" a stance.
OPPOSE_EVALUATIONS: frozenset[str] = _words("oppose_evaluation")
DENY_EVALUATIONS: frozenset[str] = _words("deny_evaluation")
SUPPORT_EVALUATIONS: frozenset[str] = _words("support_evaluation")

# Words before a colon that label the text rather than name a speaker ("Editor's note:", "CORRECTION:").
COLON_LABELS: frozenset[str] = _words("colon_label")

# Nouns for news media: a named outlet reporting something makes a claim ("the report said ...").
MEDIA_WORDS: frozenset[str] = _words("media_word")

# Nouns for a group acting for a person or body: "Trump's team", "the Clinton campaign".
GROUP_NOUNS: frozenset[str] = _words("group_noun")
# Role nouns standing for their organisation when no person is named: "a Kremlin spokesman said".
ROLE_NOUNS: frozenset[str] = _words("role_noun")
# Titles of state office: a person introduced with one of these and a country speaks for that state.
OFFICIAL_TITLES: frozenset[str] = _words("official_title")
#: Prepositions that open a lower-case qualifier inside an office ("Adviser ... on economic issues").
TITLE_QUALIFIER_PREPOSITIONS: frozenset[str] = _words("title_qualifier_preposition")
#: Words that end an office and begin what qualifies it ("Adviser [to] the Head [of] the Office ...").
OFFICE_QUALIFIERS: frozenset[str] = _words("office_qualifier")
#: Prepositions whose phrase after a cue is its topic ("informed him [about] the talks", "reported [on] ...").
TOPIC_PREPOSITIONS: frozenset[str] = _words("topic_preposition")
#: Prepositions whose phrase after a stance cue's object belongs to it ("thanked Seoul [for] supporting
#: Ukraine", "condolences [on] the passing of ..."); "in" only before a light object ("in favour of").
OBJECT_PREPOSITIONS: frozenset[str] = _words("object_preposition")
#: Personal titles before a name or as a speaker's head noun ("Chancellor Olaf Scholz", "the Adviser").
PERSONAL_TITLES: frozenset[str] = _words("personal_title")
#: Words that join the parts of an office before a name ("Head [of] [the] Office", "Adviser [to] ...").
TITLE_JOINERS: frozenset[str] = _words("title_joiner")
#: Words of a greeting or acknowledgement that opens a transcript turn after a speaker label ("Vladimir Putin:
#: Colleagues, good afternoon.", "Vladimir Putin: All right."; no verb follows the colon).
GREETING_WORDS: frozenset[str] = _words("greeting_word")
#: Reporting verbs that report words only with a clause, a quotation or a colon ("he continued: ...", "the
#: study found that ..."); with an infinitive or an object they are acts ("continues to carry out reforms").
CLAUSE_ONLY_VERBS: frozenset[str] = _words("clause_only_verb")
#: Words before an office whose bearer does not hold it ("[Deputy] Prime Minister", "[former] President").
NOT_HOLDER_MODIFIERS: frozenset[str] = _words("not_holder_modifier")
#: Words of a clause, never of an office (auxiliaries, relative pronouns, "that", "said").
CLAUSE_WORDS: frozenset[str] = _words("clause_word")
#: Lower-case words an apposition naming an office may begin with (", the Prime Minister ...").
APPOSITION_OPENERS: frozenset[str] = _words("apposition_opener")
#: Capitalised words before a name that open a phrase, not an office ("According to Oleg Ustenko").
NOT_TITLE_OPENERS: frozenset[str] = _words("not_title_opener")
#: An office's other name -> the name it is matched as ("head of state" -> "president").
TITLE_SYNONYMS: dict[str, str] = {word: value for name, word, value in _WORD_LISTS if name == "title_synonym"}

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
_OTHER_VERBS: frozenset[str] = _words("other_verb")
#: Verbs whose object says the stance ("expressed support", "voiced concern", "exchanged congratulations").
LIGHT_VERBS: frozenset[str] = _words("light_verb")
#: Light verbs that are a cue only when such an object follows ("extended condolences", not "extended sanctions").
LIGHT_ONLY_VERBS: frozenset[str] = frozenset(word for name, word, value in _WORD_LISTS
                                             if name == "light_verb" and value == "only")


def _light_objects() -> dict[str, Stance]:
    """The ``light_object`` list: object lemma -> the stance it gives a light verb."""
    objects: dict[str, Stance] = {}
    for name, word, value in _WORD_LISTS:
        if name == "light_object":
            if value not in _STANCE_NAMED:
                raise TableError(f"stance_words.tsv: light object {word!r} has no stance {value!r}")
            objects[word] = _STANCE_NAMED[value]
    return objects


LIGHT_OBJECTS: dict[str, Stance] = _light_objects()
REPORTING_VERBS: frozenset[str] = frozenset(VERB_STANCE) | LIGHT_ONLY_VERBS

# Word forms that make a sentence worth parsing for a statement with a stance.
# Forms too often something else to make a unit worth parsing: the adverb "back", "thank you", "thanks to",
# the noun "objects". ("X thanks Y" is then missed; "X thanked Y" is not.)
_AMBIGUOUS_FORMS = _words("ambiguous_form")
STANCE_CUE_FORMS: frozenset[str] = (
    _forms(STANCE_VERBS | _words("stance_cue_verb")) | _words("stance_cue_form")
) - _AMBIGUOUS_FORMS
# Word forms of any reporting or cognition verb (the evaluation prefilter parses all of these).
REPORTING_FORMS: frozenset[str] = _forms(REPORTING_VERBS | COGNITION_VERBS) | {"according"}
#: Word forms of speech cues only (no thought or act verbs): the units the archive searches for statements.
SPEECH_FORMS: frozenset[str] = _forms(REPORTING_VERBS) | {"according"}
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
