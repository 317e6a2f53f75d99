"""Body cleaning: site furniture goes, paragraphs and article text stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cleaning import clean_body

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _reference_body() -> str:
    with (SEEDS / "reference.jsonl").open(encoding="utf-8") as lines:
        return str(json.loads(lines.readline())["text"])


def test_reference_article_loses_related_list_and_donation_appeal() -> None:
    cleaned = clean_body(_reference_body())
    assert "Related:" not in cleaned
    assert "El País: Zelenskyy launches diplomatic push" not in cleaned
    assert "You could close this page" not in cleaned
    assert "Become a patron" not in cleaned
    assert cleaned.startswith("Ukraine's Foreign Ministry denied another part of WP's report")
    assert cleaned.endswith(
        "expected Trump to engage diplomatically with Putin to address Russia’s invasion of Ukraine."
    )
    # one paragraph per source line, separated by exactly one blank line
    assert cleaned.count("\n\n") == 10  # 11 paragraphs: standfirst, 9 body paragraphs, one subheading
    assert "\n\n\n" not in cleaned
    assert "“There are no concrete plans yet.”" in cleaned.split("\n\n")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # paragraphs separated by several blank lines and stray spaces (Wikinews bodies)
        (
            "\n\n\nSaturday, January 5, 2019\u00a0 \n\n\nA road accident   killed five.\n\n\n"
            "The children were from Louisiana. \n\n\n",
            "Saturday, January 5, 2019\n\nA road accident killed five.\n\nThe children were from Louisiana.",
        ),
        # hard-wrapped lines with indented paragraph starts (Reuters-21578)
        (
            "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the "
            "temporao will be\nlate this year.\n Reuter\n&#3;",
            "Showers continued throughout the week in the Bahia cocoa zone.\n\nThe dry period means the "
            "temporao will be late this year.",
        ),
        # a "Read more" list in the middle goes, the text after it stays
        (
            "The summit opened on Monday.\nRead more:\n- Leaders arrive in Brussels\n- What is on the agenda\n"
            "Talks continued late into the night.",
            "The summit opened on Monday.\n\nTalks continued late into the night.",
        ),
        # share prompts anywhere
        (
            "Share this article\nThe minister resigned on Friday.\nTweet\nHe denied any wrongdoing.\nShare on Facebook",
            "The minister resigned on Friday.\n\nHe denied any wrongdoing.",
        ),
        # a newsletter appeal at the end, with everything after it
        (
            "Prices rose by 3%.\nAnalysts expect more.\nSign up for our daily newsletter to get the news first.\n"
            "Privacy policy",
            "Prices rose by 3%.\n\nAnalysts expect more.",
        ),
        # an ordinary article that asks people to donate keeps that sentence (not an appeal to the reader)
        (
            "The charity asked people to donate blankets.\nVolunteers collected 300 of them.",
            "The charity asked people to donate blankets.\n\nVolunteers collected 300 of them.",
        ),
        # an address in one paragraph that says "support us" is the article, not an appeal (president.gov.ua)
        (
            "Free people of the free world! All polls show that the people of Europe and America support us. "
            "I am grateful to all of you for that.",
            "Free people of the free world! All polls show that the people of Europe and America support us. "
            "I am grateful to all of you for that.",
        ),
        # nor is a long paragraph in the second half
        (
            "The President spoke in Kyiv.\n\n" + "We thank our partners, who support us every day. " * 15,
            "The President spoke in Kyiv.\n\n" + ("We thank our partners, who support us every day. " * 15).strip(),
        ),
        # a list that belongs to the article stays
        (
            "The demands were:\n- a ceasefire\n- the release of prisoners",
            "The demands were:\n\n- a ceasefire\n\n- the release of prisoners",
        ),
        # a speaker's photo caption run into a transcript (kremlin.ru) leaves the name once
        (
            "Thank you. President of Brazil Jair Bolsonaro Bolsonaro JairPresident of Brazil(retranslated): "
            "Mr President, we talked for almost two hours.",
            "Thank you. President of Brazil Jair Bolsonaro (retranslated): Mr President, we talked for almost "
            "two hours.",
        ),
        (
            "Head of the FMBA Veronika Skvortsova Skvortsova VeronikaHead of the Federal Medical-Biological "
            "Agency(FMBA): Good afternoon.",
            "Head of the FMBA Veronika Skvortsova: Good afternoon.",
        ),
        (
            "Anton Kotyakov Kotyakov AntonLabour and Social Protection Minister reported on the new benefits.",
            "Anton Kotyakov, Labour and Social Protection Minister reported on the new benefits.",
        ),
        # a name written twice in an ordinary sentence stays
        ("John Smith Smith John said nothing.", "John Smith Smith John said nothing."),
        ("", ""),
        ("   \n\n  ", ""),
    ],
)
def test_clean_body(raw: str, expected: str) -> None:
    assert clean_body(raw) == expected
