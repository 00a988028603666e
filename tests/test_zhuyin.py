"""The zhuyin table agrees with pypinyin's conversion for every syllable CC-CEDICT uses."""

from __future__ import annotations

import pytest

from flashgen.chinese.lexicon import lexicon
from flashgen.chinese.tones import mark_syllable, normalise_u
from flashgen.chinese.zhuyin import zhuyin_syllable


def _cedict_syllables() -> set[str]:
    out = set()
    for entry_pinyin in _all_pinyin():
        for syl in entry_pinyin.split():
            syl = normalise_u(syl).lower()
            if syl[-1:].isdigit() and syl[:-1].isalpha():
                out.add(syl)
    return out


def _all_pinyin() -> list[str]:
    """Every distinct reading in the CC-CEDICT index."""
    with lexicon()._lock:
        return [row[0] for row in lexicon()._con.execute("SELECT DISTINCT pinyin FROM entry")]


def test_table_matches_pypinyin_for_all_cedict_syllables() -> None:
    from pypinyin import Style
    from pypinyin.style import convert

    syllables = _cedict_syllables()
    assert len(syllables) > 1400
    outside = []
    for syl in syllables:
        mine = zhuyin_syllable(syl)
        if mine is None:
            outside.append(syl)
        else:
            assert mine == convert(mark_syllable(syl).lower(), Style.BOPOMOFO, True), syl
    assert len(outside) <= 5  # syllabic m (m2 呣), xx5: left to pypinyin


@pytest.mark.parametrize(
    "syllable, zhuyin",
    [
        ("zhong1", "ㄓㄨㄥ"),  # 中
        ("shi4", "ㄕˋ"),  # 是: the initial alone
        ("ju4", "ㄐㄩˋ"),  # 句: ju is jü
        ("lü4", "ㄌㄩˋ"),  # 绿
        ("lu:4", "ㄌㄩˋ"),  # 绿 as CC-CEDICT writes it
        ("yuan2", "ㄩㄢˊ"),  # 元
        ("wei4", "ㄨㄟˋ"),  # 为
        ("you3", "ㄧㄡˇ"),  # 有
        ("ma5", "ㄇㄚ˙"),  # 吗: neutral tone dot
        ("er4", "ㄦˋ"),  # 二
    ],
)
def test_syllables(syllable: str, zhuyin: str) -> None:
    assert zhuyin_syllable(syllable) == zhuyin
