"""Meanings: CC-CEDICT senses cleaned and chosen by reading; glossary first; overrides win."""

from __future__ import annotations


import pytest

from flashgen.chinese.lexicon import Entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashgen.chinese.meaning import (
    Meaning,
    clean_sense,
    compose,
    dictionary_meaning,
    merge_meanings,
    split_senses,
)
from flashgen.chinese.lexicon import lexicon

#: Frequent words and characters (and a few with known artefacts: 和 Taiwan pr., 而言 xx, 国会 abbr.).
_WORDS = sorted(set("和 而言 起到 看在 不误 全国人大 的 了 着 得 地 为 行 重 长 发 台湾 美 法 德 电 项 条 支 具 称 兼 应 "
                    "是 有 在 就 都 也 对 从 向 把 被 将 于 以 其 之 而 所 与 及 同 给 让 使 要 会 能 好 大 小 多 少 "
                    "上 下 中 国家 人民 发展 合作 关系 政府 经济 社会 建设 世界 国际 和平 安全 问题 工作 改革".split()))


@pytest.mark.parametrize(
    "senses, expected, measures",
    [
        # 国家 country: the CL: sense becomes a measure word
        (("country; nation; state", "CL:個|个[ge4]"), ["country; nation; state"], ["个 (gè)"]),
        # 世界 world: an inline (CL:…) is moved out of the sense
        (("world (CL:個|个[ge4])",), ["world"], ["个 (gè)"]),
        # cross-references keep their hanzi, not their bracketed pinyin
        (("abbr. for 全國人大會議|全国人大会议[Quan2 guo2 Ren2 Da4 hui4 yi4]",), ["abbr. for 全国人大会议"], []),
        # 和 and: the Taiwan pronunciation note goes, the sense stays
        (("(joining two nouns) and; together with; with (Taiwan pr. [han4])", "Taiwan pr. [huo4]"),
         ["(joining two nouns) and; together with; with"], []),
        # 而言: an "xx" placeholder reading is not shown
        (("(typically preceded by 就…[jiu4 xx5] or 對…|对…[dui4 xx5] etc) as far as ... is concerned",),
         ["(typically preceded by 就… or 对… etc) as far as ... is concerned"], []),
        # "variant of" noise is dropped when a real sense exists
        (("variant of 臺灣|台湾[Tai2 wan1]", "Taiwan"), ["Taiwan"], []),
        # …and replaced by the senses of the entry it names when nothing else is left
        (("variant of 臺灣|台湾[Tai2 wan1]",), ["Taiwan"], []),
        # 团结一致: a lone "see 团结一心" is replaced by what 团结一心 means
        (("see 團結一心|团结一心[tuan2 jie2 yi1 xin1]",), ["to unite as one"], []),
        # 轻水 light water: a "see …" pointer written with English before the word goes when a real sense exists
        (("light water (as opposed to heavy water)", "see light water reactor 輕水反應堆|轻水反应堆"),
         ["light water (as opposed to heavy water)"], []),
        # 奥运会: a cross-reference without a reading keeps the simplified form only
        (("abbr. for 奧林匹克運動會|奥林匹克运动会", "Olympic Games"), ["abbr. for 奥林匹克运动会", "Olympic Games"], []),
    ],
)
def test_split_senses(senses: tuple[str, ...], expected: list[str], measures: list[str]) -> None:
    found, mw = split_senses([Entry("X", "x", "x1", senses)], proper=False)
    assert found == expected
    assert mw == measures


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("see 中美[Zhong1 Mei3]", "see 中美"),  # pinyin of a cross-reference dropped
        ("surname Jia [jia3]", "surname Jia"),  # bare bracketed reading dropped
        ("to have (also pr. [you4])", "to have"),  # pronunciation note dropped
        ("(Tw) lü (u: written ü)", "(Tw) lü (ü written ü)"),  # u: spelt ü
    ],
)
def test_clean_sense(raw: str, clean: str) -> None:
    assert clean_sense(raw) == clean


def test_self_reference_dropped() -> None:
    # 中美 "see 中美[Zhong1 Mei3]" under 中美 itself says nothing
    found, _ = split_senses([Entry("中美", "中美", "Zhong1 Mei3", ("China-USA", "see 中美[Zhong1 Mei3]"))], proper=True)
    assert found == ["China-USA"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_WORDS))
def test_no_dictionary_artefacts(word: str) -> None:
    """No sense of a common word shows bracketed pinyin, xx placeholders, pronunciation notes or variant chains."""
    for entry in lexicon().entries(word):
        for sense in split_senses([entry], entry.proper, word)[0]:
            assert "[" not in sense and "xx" not in sense and "pr. " not in sense, sense
            assert not sense.lower().startswith(("variant of", "old variant")), sense


@pytest.mark.parametrize(
    "word, reading, proper, first",
    [
        ("行", ("xing2",), False, "to walk"),  # xíng: walk, not háng "row"
        ("行", ("hang2",), False, "row"),  # háng: row
        ("愿", ("yuan4",), False, "to hope"),  # 願 "wish" before 愿 "honest"
        ("台湾", ("Tai2", "wan1"), True, "Taiwan"),  # the real entry, not "variant of"
        ("重", ("zhong4",), False, "heavy"),  # zhòng: heavy
        ("重", ("chong2",), False, "to repeat"),  # chóng: again
    ],
)
def test_sense_follows_reading(word: str, reading: tuple[str, ...], proper: bool, first: str) -> None:
    assert dictionary_meaning(word, reading, proper).senses[0] == first


def test_composed_meaning_uses_parts_read_in_context() -> None:
    # 新发展格局 "new development pattern" is not in CC-CEDICT: composed from its parts, one sense each
    meaning = dictionary_meaning("新发展格局", ("xin1", "fa1", "zhan3", "ge2", "ju2"), False)
    assert meaning.source == "composed"
    assert meaning.senses[0] == "new + development + pattern"  # 格局 in the register: pattern
    assert meaning.traditional == "新發展格局"
    # 重情义 "value friendship": 重 read zhòng means "attach importance to", not "again"
    assert "repeat" not in compose("重情义", ("zhong4", "qing2", "yi4"))[0]


@pytest.mark.parametrize(
    "word, reading, composed",
    [
        ("党和国家", "dang3 he2 guo2 jia1", "party + and + country"),  # party and state: 和 is "and", not its grammar note
        ("稳住", "wen3 zhu4", "stabilize + firmly (resultative)"),  # 住 after a verb is a resultative complement
        ("法方", "fa3 fang1", "France + side"),  # 法 before 方 is France
        ("美方", "mei3 fang1", "the US + side"),  # 美 before 方 is the US
    ],
)
def test_compose_names_one_fitting_sense_per_part(word: str, reading: str, composed: str) -> None:
    assert compose(word, tuple(reading.split())) == [composed]


def test_merge_meanings_dedupes_variants() -> None:
    found = Meaning(("United Nations", "to politicize", "UN"), (), "聯合國", "cedict")
    meanings, source = merge_meanings(("United Nations (UN)", "politicize"), found, None)
    assert source == "glossary"
    assert meanings == ["United Nations (UN)", "politicize", "UN"]
