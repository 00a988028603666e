"""Answer checkers of the terminal quiz: pinyin, meaning, hanzi and picks."""

from __future__ import annotations

import pytest

from flashgen.quiz.check import (
    HARD,
    RIGHT,
    WRONG,
    check_hanzi,
    check_meaning,
    check_pinyin,
    meaning_alternatives,
    parse_choice,
)

GONGTONGTI = "gong4 tong2 ti3"  # 共同体 community


@pytest.mark.parametrize(
    "answer",
    [
        "gong4tong2ti3",
        "gong4 tong2 ti3",
        "GONG4TONG2TI3",
        "gòngtóngtǐ",
        "Gòng Tóng Tǐ",
        "gòng tóngtǐ",
        "gong4-tong2-ti3",
        "  gong4tong2ti3  ",
        "gòng4tóngtǐ",  # mark and number agree
    ],
)
def test_pinyin_equivalent_spellings_are_right(answer: str) -> None:
    assert check_pinyin(answer, GONGTONGTI).grade == RIGHT


@pytest.mark.parametrize(
    "answer, expected, hanzi, grade",
    [
        # ü written v, u: or ü, with numbers or marks — 绿色 green
        ("lv4se4", "lu:4 se4", "", RIGHT),
        ("lu:4se4", "lü4 se4", "", RIGHT),
        ("lǜsè", "lv4 se4", "", RIGHT),
        ("LǛSÈ", "lü4 se4", "", RIGHT),
        ("LǙSÈ", "lü4 se4", "", WRONG),  # Ǚ is the 3rd tone
        ("lu4se4", "lü4 se4", "", WRONG),  # lu is another syllable
        # after j/q/x/y ü is written u — 去 to go, 区域 region
        ("qu4", "qu4", "", RIGHT),
        ("qv4", "qu4", "", RIGHT),
        ("qu1yu4", "qu1 yü4", "", RIGHT),
        # apostrophes optional — 西安 Xi'an
        ("xi'an1", "xi1 an1", "", WRONG),  # one tone missing
        ("xi1'an1", "xi1 an1", "", RIGHT),
        ("xī'ān", "xi1 an1", "", RIGHT),
        ("xi1an1", "xi1 an1", "", RIGHT),
        ("xi'an", "xi1 an1", "", HARD),
        ("xian1", "xian1", "", RIGHT),  # 先 first
        ("xi an1", "xian1", "", WRONG),  # two syllables are not 先
        # neutral tone: 5 or nothing, only where the syllable is neutral — 人们 people
        ("ren2men5", "ren2 men5", "", RIGHT),
        ("ren2men", "ren2 men5", "", RIGHT),
        ("rénmen", "ren2 men5", "", RIGHT),
        ("ren2men2", "ren2 men5", "", WRONG),
        ("ren5men5", "ren2 men5", "", WRONG),
        ("le", "le5", "", RIGHT),  # 了: a toneless answer is right for a neutral syllable
        # proper nouns are capitalised in dictionaries — 中国 China
        ("zhong1guo2", "Zhong1 guo2", "", RIGHT),
        # tone sandhi of 一 and 不 only when the characters say so — 一定 certainly, 不是 is not
        ("yi2ding4", "yi1 ding4", "一定", RIGHT),
        ("bu2shi4", "bu4 shi4", "不是", RIGHT),
        ("yi2ding4", "yi1 ding4", "", WRONG),
        ("yi3ding4", "yi1 ding4", "一定", WRONG),
    ],
)
def test_pinyin_table(answer: str, expected: str, hanzi: str, grade: str) -> None:
    assert check_pinyin(answer, expected, hanzi).grade == grade


@pytest.mark.parametrize("answer", ["gongtongti", "gong tong ti", "Gong Tong Ti", "gong'tong'ti"])
def test_toneless_but_right_syllables_is_hard(answer: str) -> None:
    verdict = check_pinyin(answer, GONGTONGTI)
    assert verdict.grade == HARD
    assert not verdict.right


@pytest.mark.parametrize(
    "answer, note",
    [
        ("gong4tong2ti4", "wrong tone"),
        ("gong1tong1ti1", "wrong tones"),
        ("gòngtòngtǐ", "wrong tone"),
        ("gong4tongti3", "a tone is missing"),  # some tones given, one left out: not "hard"
        ("gong4 tong2", "not the right syllables"),
        ("gong4tong2ti3 le", "not the right syllables"),
        ("kong4tong2ti3", "not the right syllables"),
        ("gòng4tòngtǐ", "wrong tone"),  # number 4 agrees with the mark, tong4 is wrong
        ("gòng1tóngtǐ", "two tones on one syllable"),
        ("共同体", "not the right syllables"),
        ("", "no answer"),
    ],
)
def test_pinyin_wrong_answers(answer: str, note: str) -> None:
    verdict = check_pinyin(answer, GONGTONGTI)
    assert verdict.grade == WRONG
    assert verdict.note == note


def test_pinyin_without_a_reading_to_compare_is_wrong() -> None:
    assert check_pinyin("g20", "G20").grade == WRONG


# ---------------------------------------------------------------------- meaning

COMMUNITY = ["community (of a country); common body", "CL:個|个[ge4]"]
DEVELOP = ["to develop; to expand", "expansion"]
SHARED_FUTURE = ["a community with a shared future for mankind"]


def test_meaning_alternatives_split_and_strip() -> None:
    assert meaning_alternatives(COMMUNITY) == ["community", "common body"]
    assert meaning_alternatives(DEVELOP) == ["develop", "expand", "expansion"]
    assert meaning_alternatives(["peace, stability"]) == ["peace", "stability"]
    assert meaning_alternatives(["European Union (EU)"]) == ["european union", "eu"]


@pytest.mark.parametrize(
    "answer, meanings",
    [
        ("community", COMMUNITY),
        ("Community.", COMMUNITY),
        ("the community", COMMUNITY),
        ("  COMMON   body!", COMMUNITY),
        ("common-body", COMMUNITY),
        ("commonbody", COMMUNITY),
        ("develop", DEVELOP),
        ("to develop", DEVELOP),
        ("To Expand", DEVELOP),
        ("expansion", DEVELOP),
        ("an expansion", DEVELOP),
        ("community with shared future for mankind", SHARED_FUTURE),
        ("A Community With A Shared Future For Mankind", SHARED_FUTURE),
        ("community (of a country)", COMMUNITY),
        ("one's duty", ["one's duty"]),
        ("ones duty", ["one's duty"]),
        ("UN", ["United Nations (UN)"]),  # an abbreviation in brackets is a meaning of its own
        ("the united nations", ["United Nations (UN)"]),
    ],
)
def test_meaning_normalisation_accepts(answer: str, meanings: list[str]) -> None:
    assert check_meaning(answer, meanings).grade == RIGHT


@pytest.mark.parametrize(
    "answer, meanings",
    [
        ("comunity", COMMUNITY),  # 1 letter missing, 9-letter word
        ("communtiy", COMMUNITY),  # swapped neighbours count as one edit
        ("expnad", DEVELOP),  # 6-letter word, one swap
        ("develope", DEVELOP),
        ("multilaterlism", ["multilateralism"]),  # 15 letters: 2 edits allowed
        ("multilatrlism", ["multilateralism"]),
        ("community with a shared futre for mankind", SHARED_FUTURE),
        ("relation", ["relations"]),  # singular/plural
        ("develops", DEVELOP),
    ],
)
def test_meaning_small_typos_are_accepted(answer: str, meanings: list[str]) -> None:
    verdict = check_meaning(answer, meanings)
    assert verdict.grade == RIGHT
    assert verdict.note.startswith("accepted as")


@pytest.mark.parametrize(
    "answer, meanings",
    [
        ("expend", DEVELOP),  # one edit from "expand", but a different English word
        ("police", ["policy"]),  # idem
        ("nation", ["ration"]),  # first letter changed
        ("cmmnty", COMMUNITY),  # three edits
        ("pace", ["peace"]),  # one edit from "peace", but an English word
        ("prize", ["price"]),  # idem
        ("polcy", ["plan"]),  # a typo of another word is no typo of this one
        ("form", ["from"]),  # 4 letters: no typo allowed
        ("multilatrlsm", ["multilateralism"]),  # three edits in a 15-letter word
        ("unilateralism", ["multilateralism"]),
        ("G21", ["G20"]),  # numbers must match exactly
        ("of a country", COMMUNITY),  # the parenthetical alone is not a meaning
        ("community body", COMMUNITY),  # words of two alternatives mixed
        ("", COMMUNITY),
        ("the", COMMUNITY),
    ],
)
def test_meaning_rejects_other_words(answer: str, meanings: list[str]) -> None:
    assert check_meaning(answer, meanings).grade == WRONG


@pytest.mark.parametrize(
    "answer, length, grade",
    [
        ("peac", 5, RIGHT),  # 5 letters: one edit
        ("pe", 5, WRONG),
        ("sovreignty", 11, RIGHT),  # 11 letters: up to two edits ("sovereignty")
        ("sovrignty", 11, RIGHT),
        ("sovrgnty", 11, WRONG),
    ],
)
def test_meaning_typo_limits_by_length(answer: str, length: int, grade: str) -> None:
    word = {5: "peace", 11: "sovereignty"}[length]
    assert len(word) == length
    assert check_meaning(answer, [word]).grade == grade


# --------------------------------------------------------------------- hanzi, picks


@pytest.mark.parametrize(
    "answer, grade",
    [
        ("共同体", RIGHT),  # community
        (" 共同体。", RIGHT),
        ("共同體", RIGHT),  # traditional form
        ("共同", WRONG),
        ("", WRONG),
    ],
)
def test_hanzi(answer: str, grade: str) -> None:
    assert check_hanzi(answer, ["共同体", "共同體"]).grade == grade


@pytest.mark.parametrize(
    "answer, picked",
    [("1", 0), ("4", 3), (" 2 ", 1), ("3.", 2), ("２", 1), ("5", None), ("0", None), ("one", None), ("", None)],
)
def test_parse_choice(answer: str, picked: object) -> None:
    assert parse_choice(answer, 4) == picked
