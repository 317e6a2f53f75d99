"""Body cleaning: remove site furniture from an article body, keep its paragraphs, normalise whitespace.

Site furniture is text a website wraps around every article: lists of related links, donation and
newsletter appeals, share prompts. It is not article text, so it must not be indexed, searched or
mined for entities.
"""

from __future__ import annotations

import html
import re

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_NUMERIC_ENTITY = re.compile(r"&#\d+;")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+\S")

#: A heading that introduces a block of links to other articles; the heading and its list are dropped.
_LINK_LIST_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|stories|news|content|reading|coverage|links?))?|"
    r"read (?:more|also|next)|see also|more on this(?: story)?|more from [\w ]{1,30}|"
    r"recommended(?: for you)?|you (?:may|might) also (?:like|be interested in)|"
    r"also read|further reading|latest news|most read|trending(?: now)?|top stories)\s*:?$",
    re.IGNORECASE,
)

#: Phrases that only ever occur in appeals to the reader (donations, memberships, newsletters).
_APPEAL = re.compile(
    r"\b(?:you could close this page|join our community|readers like you|become a (?:patron|member|supporter)"
    r"|support (?:us|our (?:work|journalism|reporting|newsroom|team))|donate (?:now|today|to us)"
    r"|make a (?:donation|contribution)|subscribe to our|sign up (?:for|to) (?:our|the) \w*\s?newsletter"
    r"|our (?:daily |weekly |free )?newsletter|help us (?:produce|keep|continue)"
    r"|independent journalism needs|please consider (?:supporting|donating|a donation)"
    r"|we keep our reporting open)\b",
    re.IGNORECASE,
)

#: Short lines that are user-interface prompts, not text (share buttons, bylines of the site, ads).
_PROMPT = re.compile(
    r"^(?:share(?: this)?(?: (?:article|story|post|page))?(?: on \w+)?|share via \w+|tweet|email|print"
    r"|follow us(?: on [\w ,&]+)?|click here(?: to [\w ]+)?|advertisement|sponsored(?: content)?"
    r"|comments?|leave a comment|copy link|reuter|reuters?)\s*[:!.]?$",
    re.IGNORECASE,
)

#: A speaker's photo caption run into a transcript: the name, the name again surname first, and the
#: caption's title up to the colon that starts the speech ("Jair Bolsonaro Bolsonaro JairPresident of
#: Brazil(retranslated): ..." on kremlin.ru). Group 1-2: the name; 3: "(retranslated)"; 4: the colon.
_NAME_CAPTION = re.compile(
    r"\b([A-Z][\w'’-]+) ([A-Z][\w'’-]+) \2 \1(?=[A-Z])(?:(?:[^:(\n]|\([A-Z]{2,10}\)){0,120}?(\(retranslated\))?(:))?"
)


def clean_body(text: str) -> str:
    """Return the article text of ``text`` without site furniture.

    Paragraphs are separated by exactly one blank line (``\\n\\n``); inside a paragraph, runs of
    whitespace become one space. Blank lines separate paragraphs when the text has any; otherwise each
    line is a paragraph, except for hard-wrapped text whose paragraphs start with an indented line.
    Removed: a related-links heading with the list that follows it, everything from the first appeal to
    the reader (donation, membership, newsletter: a short paragraph, never the first) in the second half
    of the text onwards, and short
    share/follow prompts anywhere. A speaker's photo caption run into a transcript ("Jair Bolsonaro
    Bolsonaro JairPresident of Brazil: ...") leaves the name once ("Jair Bolsonaro: ...").
    """
    paragraphs = _paragraphs(_drop_name_captions(_normalise_characters(text)))
    kept = _drop_link_lists(paragraphs)
    kept = _drop_trailing_appeal(kept)
    return "\n\n".join(p for p in kept if not _PROMPT.match(p))


def _drop_name_captions(text: str) -> str:
    if " " not in text:
        return text
    return _NAME_CAPTION.sub(_name_without_caption, text)


def _name_without_caption(match: re.Match[str]) -> str:
    name = f"{match.group(1)} {match.group(2)}"
    if match.group(4) is None:
        return name + ", "  # no speech follows: keep the caption's title ("Anton Kotyakov, Labour ... Minister")
    return name + (" (retranslated):" if match.group(3) else ":")


def _normalise_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NUMERIC_ENTITY.sub(lambda m: html.unescape(m.group(0)), text) if "&#" in text else text
    text = _INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")


def _paragraphs(text: str) -> list[str]:
    text = text.strip()
    if not text:
        return []
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
    elif re.search(r"\n[ \t]+\S", text):
        blocks = re.split(r"\n(?=[ \t]+\S)", text)
    else:
        blocks = text.split("\n")
    result = []
    for block in blocks:
        lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if len(lines) > 1 and all(_LIST_ITEM.match(line) for line in lines):
            result.extend(lines)
        else:
            result.append(" ".join(lines))
    return result


def _drop_link_lists(paragraphs: list[str]) -> list[str]:
    kept: list[str] = []
    in_list = False
    for paragraph in paragraphs:
        if _LINK_LIST_HEADING.match(paragraph):
            in_list = True
            continue
        if in_list and _LIST_ITEM.match(paragraph):
            continue
        in_list = False
        kept.append(paragraph)
    return kept


#: An appeal to the reader is a short block of its own; a longer paragraph with "support us" in it is the
#: article speaking ("All polls show that the people of Europe and America support us", a one-paragraph
#: address of president.gov.ua, was dropped whole before this limit and the first paragraph's guard).
_APPEAL_MAX_CHARS = 600


def _drop_trailing_appeal(paragraphs: list[str]) -> list[str]:
    """The paragraphs before the first appeal to the reader in the second half (never the first paragraph,
    never a paragraph longer than an appeal block)."""
    for index in range(max(1, len(paragraphs) // 2), len(paragraphs)):
        if len(paragraphs[index]) <= _APPEAL_MAX_CHARS and _APPEAL.search(paragraphs[index]):
            return paragraphs[:index]
    return paragraphs
