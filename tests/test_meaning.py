"""Meanings: CC-CEDICT senses cleaned and chosen by reading; glossary first; overrides win."""

from __future__ import annotations


import pytest

from flashgen.chinese.lexicon import Entry
from flashgen.chinese.meaning import Meaning, compose, dictionary_meaning, merge_meanings, split_senses


@pytest.mark.parametrize(
    "senses, expected, measures",
    [
        # 国家 country: the CL: sense becomes a measure word
        (("country; nation; state", "CL:個|个[ge4]"), ["country; nation; state"], ["个 (gè)"]),
        # 世界 world: an inline (CL:…) is moved out of the sense
        (("world (CL:個|个[ge4])",), ["world"], ["个 (gè)"]),
        # cross-references are written hanzi (pīnyīn), ü for u:
        (("abbr. for 奧林匹克運動會|奥林匹克运动会[Ao4 lin2 pi3 ke4 Yun4 dong4 hui4]",), ["abbr. for 奥林匹克运动会 (ÀolínpǐkèYùndònghuì)"], []),
        # "variant of" noise is dropped when a real sense exists
        (("variant of 臺灣|台湾[Tai2 wan1]", "Taiwan"), ["Taiwan"], []),
        # …and kept when nothing else is left
        (("variant of 臺灣|台湾[Tai2 wan1]",), ["variant of 台湾 (Táiwān)"], []),
    ],
)
def test_split_senses(senses: tuple[str, ...], expected: list[str], measures: list[str]) -> None:
    found, mw = split_senses([Entry("X", "x", "x1", senses)], proper=False)
    assert found == expected
    assert mw == measures


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
    # 新发展格局 "new development pattern" is not in CC-CEDICT: composed from its parts
    meaning = dictionary_meaning("新发展格局", ("xin1", "fa1", "zhan3", "ge2", "ju2"), False)
    assert meaning.source == "composed"
    assert meaning.senses[0].startswith("新 (new) + 发展 (")
    assert meaning.traditional == "新發展格局"
    # 重情义 "value friendship": 重 read zhòng means "attach importance to", not "again"
    assert "to repeat" not in compose("重情义", ("zhong4", "qing2", "yi4"))[0]


def test_merge_meanings_dedupes_variants() -> None:
    found = Meaning(("United Nations", "to politicize", "UN"), (), "聯合國", "cedict")
    meanings, source = merge_meanings(("United Nations (UN)", "politicize"), found, None)
    assert source == "glossary"
    assert meanings == ["United Nations (UN)", "politicize", "UN"]
