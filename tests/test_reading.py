"""Readings: dictionary-first numbered pinyin, tone-marked spelling, zhuyin."""

from __future__ import annotations

import pytest

from flashgen.chinese.reading import numbered, sentence_pinyin, syllables_to_marked, to_zhuyin


@pytest.mark.parametrize(
    "word, pos, expected",
    [
        ("重回", "v", ("chong2", "hui2")),  # return to: CC-CEDICT's single reading beats pypinyin's zhòng
        ("接种", "v", ("jie1", "zhong4")),  # vaccinate: not jiē zhǒng
        ("行", "v", ("xing2",)),  # go: pypinyin chooses among CC-CEDICT's xíng / háng
        ("了", "ul", ("le5",)),  # aspect particle
        ("得", "ud", ("de5",)),  # structural particle in 做得好
        ("朋友", "n", ("peng2", "you5")),  # friend: CC-CEDICT's neutral tone
        ("中国", "ns", ("Zhong1", "guo2")),  # China: proper-noun capital kept
        ("俄", "j", ("E2",)),  # Russia (abbreviation), not é "suddenly"
        ("和平", "nz", ("he2", "ping2")),  # peace, not the district 和平 Hépíng
        ("一", "m", ("yi1",)),  # citation tone for 一
        ("不对", "a", ("bu4", "dui4")),  # citation tone for 不
        ("重情义", "v", ("zhong4", "qing2", "yi4")),  # unknown compound read part by part: 重 zhòng + 情义
        ("不是", "c", ("bu4", "shi4")),  # is not: citation tone, not CC-CEDICT's bú shi "fault"
        ("正当", "a", ("zheng4", "dang4")),  # legitimate (正当权益), not zhèngdāng "just when"
        ("给予", "v", ("ji3", "yu3")),  # give (formal): 给 jǐ
        ("强加", "v", ("qiang2", "jia1")),  # impose: 强 qiáng
        ("率先", "d", ("shuai4", "xian1")),  # take the lead: 率 shuài
        ("外长", "n", ("wai4", "zhang3")),  # foreign minister: 长 zhǎng
        ("〇", "m", ("ling2",)),  # zero in 二〇二一年 (2021): a character with its own reading
        ("三月", "t", ("san1", "yue4")),  # March: lower case in pinyin, though CC-CEDICT writes San1
        ("十二月", "t", ("shi2", "er4", "yue4")),  # December
        ("星期一", "t", ("xing1", "qi1", "yi1")),  # Monday
        ("春节", "t", ("Chun1", "jie2")),  # Spring Festival: a festival keeps its capital
    ],
)
def test_numbered(word: str, pos: str, expected: tuple[str, ...]) -> None:
    assert numbered(word, pos) == expected


@pytest.mark.parametrize(
    "syllables, marked",
    [
        (("gong4", "tong2", "ti3"), "gòngtóngtǐ"),  # community: syllables written together
        (("Xi1", "an1"), "Xī'ān"),  # Xi'an: apostrophe before a vowel syllable
        (("chang2", "zhi4", "jiu3", "an1"), "chángzhìjiǔ'ān"),  # lasting stability
        (("Wang2", "Yi4"), "Wáng Yì"),  # a person name: surname apart
        (("lü4",), "lǜ"),  # green
    ],
)
def test_syllables_to_marked(syllables: tuple[str, ...], marked: str) -> None:
    assert syllables_to_marked(syllables) == marked


@pytest.mark.parametrize(
    "syllables, zhuyin",
    [
        (("zhong1", "guo2"), "ㄓㄨㄥ ㄍㄨㄛˊ"),  # China
        (("ma5",), "ㄇㄚ˙"),  # question particle: neutral tone dot
        (("lü4",), "ㄌㄩˋ"),  # green
        (("Wang2",), "ㄨㄤˊ"),  # capitals do not matter
    ],
)
def test_zhuyin(syllables: tuple[str, ...], zhuyin: str) -> None:
    assert to_zhuyin(syllables) == zhuyin


def test_sentence_pinyin_attaches_punctuation() -> None:
    # 我们，中国。 "we, China."
    words = [("我们", "wǒmen"), ("，", ""), ("中国", "Zhōngguó"), ("。", "")]
    assert sentence_pinyin(words) == "wǒmen， Zhōngguó。"
