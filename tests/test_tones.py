"""Tone helpers shared by the renderers."""

import pytest
from hypothesis import given, strategies as st

from flashgen.chinese.tones import mark_syllable, numbered_to_marked, strip_marks, syllables, tone_of_marked, tones


@pytest.mark.parametrize(
    "numbered, marked",
    [
        ("gong4 tong2 ti3", "gòngtóngtǐ"),  # 共同体 community
        ("lv4", "lǜ"),  # 绿 green, typed with v
        ("lu:4", "lǜ"),  # CC-CEDICT's u:
        ("nu:3", "nǚ"),  # 女 woman
        ("ma5", "ma"),  # 吗 neutral tone
        ("liu2", "liú"),  # 流: iu takes the mark on u
        ("gui4", "guì"),  # 贵: ui takes the mark on i
        ("dou1", "dōu"),  # 都: ou takes the mark on o
        ("Zhong1 guo2", "Zhōngguó"),  # 中国 keeps its capital
        ("er2", "ér"),  # 而
    ],
)
def test_numbered_to_marked(numbered: str, marked: str) -> None:
    assert numbered_to_marked(numbered) == marked


@pytest.mark.parametrize("syllable, tone", [("gòng", 4), ("tóng", 2), ("tǐ", 3), ("yī", 1), ("de", 5), ("lǜ", 4)])
def test_tone_of_marked(syllable: str, tone: int) -> None:
    assert tone_of_marked(syllable) == tone


def test_syllables_and_tones() -> None:
    # 人类 humanity
    assert syllables("ren2 lei4") == [("rén", 2), ("lèi", 4)]
    assert tones("ren2 lei4 ming4 yun4 de5") == [2, 4, 4, 4, 5]


@given(st.sampled_from(["a", "e", "o", "i", "u", "ü", "ai", "ei", "ao", "ou", "an", "ang", "eng", "ong", "ui", "iu", "ie", "üe", "uo"]), st.integers(1, 5))
def test_marking_round_trips(final: str, tone: int) -> None:
    marked = mark_syllable(f"zh{final}{tone}" if final[0] not in "iuü" else f"j{final}{tone}")
    assert tone_of_marked(marked) == tone
    assert strip_marks(marked) in (f"zh{final}", f"j{final}")
