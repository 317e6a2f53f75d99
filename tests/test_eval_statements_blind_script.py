"""``scripts/eval_statements_blind.py``: how system statements are matched to the blind labels."""

from __future__ import annotations

from script_modules import load_script

from indexer.readers import articles_at

scorer = load_script("eval_statements_blind.py")


def test_a_spelling_the_person_table_knows_is_the_same_speaker() -> None:
    assert scorer.same_speaker("Joseph Biden", "Joe Biden")
    assert scorer.same_speaker("Vladimir Zelensky", "Volodymyr Zelenskyy")
    assert not scorer.same_speaker("Joseph Biden", "Hunter Biden")


def test_matching_is_one_to_one_and_maximal() -> None:
    score = scorer.Score()
    gold = [("Vladimir Putin and Joseph Biden",), ("Vladimir Putin",), ("Joseph Biden",), ("Russia",)]
    system = [("Joe Biden",), ("Vladimir Putin",), ("Russia",), ("Russia",)]
    score.add(gold, system, "a")
    # the exact "Vladimir Putin" is matched to the gold "Vladimir Putin", not spent on the joint speaker
    assert (score.tp, score.system, score.gold) == (3, 3, 4)
    assert score.misses == ["a: ('Vladimir Putin and Joseph Biden',)"]
    assert score.extras == []


def test_a_maximum_matching_finds_what_a_greedy_one_misses() -> None:
    score = scorer.Score()
    # "Kuleba" fits both gold speakers; taken greedily by the first it would leave "Dmytro Kuleba" unmatched
    score.add([("Dmytro Kuleba and Andriy Yermak",), ("Andriy Yermak",)],
              [("Dmytro Kuleba",), ("Andriy Yermak",)], "b")
    assert score.tp == 2


def test_pairs_need_the_same_stance() -> None:
    score = scorer.Score()
    score.add([("Dmitry Peskov", "denies")], [("Dmitry Peskov", "says")], "c")
    assert (score.tp, score.misses, score.extras) == (0, ["c: ('Dmitry Peskov', 'denies')"],
                                                      ["c: ('Dmitry Peskov', 'says')"])


def test_the_lead_the_annotators_did_not_read_is_left_out() -> None:
    # kremlin_en.jsonl line 746 has a summary ("Vladimir Putin congratulated ...") the reader puts first
    (article,) = articles_at([scorer.ROOT / "seeds"], [("kremlin_en.jsonl", 746)])
    start = scorer.annotated_start(article)
    assert article.body[:start].startswith("Vladimir Putin congratulated")
    assert article.body[start:].startswith("The message reads, in part:")
    # an article without a lead is read from its first character
    (plain,) = articles_at([scorer.ROOT / "seeds"], [("wikinews.jsonl", 7)])
    assert scorer.annotated_start(plain) == 0
