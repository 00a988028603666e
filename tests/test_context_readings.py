"""Readings of polyphones in their sentence (the annotate stage: segment, then read every token)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.models import Sentence
from flashgen.study.annotate import annotate

ROOT = Path(__file__).resolve().parent.parent


def reading_of(text: str, char: str, nth: int = 0) -> str:
    """The numbered reading flashgen gives the ``nth`` occurrence of ``char`` in ``text``."""
    [sentence] = annotate([Sentence(index=0, paragraph=0, section=None, speaker=None, text=text)])
    seen = 0
    for token in sentence.tokens:
        for ch, syl in zip([c for c in token.text if "\u4e00" <= c <= "\u9fff"], token.pinyin_numbered.split()):
            if ch == char:
                if seen == nth:
                    return syl.lower()
                seen += 1
    raise AssertionError(f"{char} not read in {text}")


@pytest.mark.parametrize(
    "text, char, expected",
    [
        ("他被誉为当代最伟大的作家。", "为", "wei2"),  # he is hailed as…: 誉为 wéi
        ("明朝建立于1368年。", "朝", "chao2"),  # the Ming dynasty: 朝 cháo
        ("这条河长175公里。", "长", "chang2"),  # the river is 175 km long: 长 cháng
        ("公园里有一个露营地。", "地", "di4"),  # a campsite: 营地 dì
        ("我们要爱国守纪。", "纪", "ji4"),  # love the country, keep discipline: 纪 jì
        ("这是一支重要的力量。", "支", "zhi1"),  # an important force: classifier 支 zhī
        ("保障公民的各项权利。", "项", "xiang4"),  # every right: classifier 项 xiàng
        ("政府称将采取措施。", "称", "cheng1"),  # the government says: 称 chēng
        ("中方坚定地认为多样性是人类文明的特征。", "地", "de5"),  # firmly believes: adverbial 地 de
        ("各国都应切实遵守。", "应", "ying1"),  # all countries should abide: 应 yīng
        ("中国必将为世界传递更多温暖。", "为", "wei4"),  # China will pass on warmth for the world: 为 wèi
        ("以联合国为核心的国际体系。", "为", "wei2"),  # with the UN as its core: 以…为 wéi
        ("一个重情义的中国。", "重", "zhong4"),  # a China that values friendship: 重 zhòng
        ("两国关系重回正轨。", "重", "chong2"),  # relations return to the right track: 重回 chóng
        ("他还在北京工作。", "还", "hai2"),  # he still works in Beijing: 还 hái
        ("他把书还给了图书馆。", "还", "huan2"),  # he returned the book: 还 huán
        ("银行今天不开门。", "行", "hang2"),  # the bank: 银行 háng
        ("我们要了解情况。", "了", "liao3"),  # understand: 了解 liǎo, not the particle
        ("要着眼未来。", "着", "zhuo2"),  # focus on the future: 着眼 zhuó
        ("他的外长身份。", "长", "zhang3"),  # foreign minister: 外长 zhǎng
        ("她长大了。", "长", "zhang3"),  # she has grown up: 长大 zhǎng
        ("他们看着我。", "着", "zhe5"),  # they are looking at me: particle 着 zhe
        ("做得好不好。", "得", "de5"),  # done well or not: particle 得 de
        ("这是一个重要的地方。", "方", "fang5"),  # an important place: 地方 dìfang after a determiner
        ("其他地方也一样。", "方", "fang5"),  # other places too: 地方 dìfang
        ("地方政府要负责。", "方", "fang1"),  # local government: 地方 dìfāng before a noun
        ("打击不法分子。", "分", "fen4"),  # crack down on criminals: 分子 fènzǐ "elements"
        ("强征土地是违法的。", "强", "qiang3"),  # forced land requisition: 强征 qiǎng, a word of the briefings
        ("极端分子发动袭击。", "分", "fen4"),  # extremists attacked: 极端分子 fènzǐ
        ("提高设备利用率。", "率", "lü4"),  # raise the utilisation rate of equipment: a noun in 率 is lǜ
    ],
)
def test_polyphone_in_sentence(text: str, char: str, expected: str) -> None:
    assert reading_of(text, char) == expected


def test_one_sentence_two_readings() -> None:
    # 行长去银行 "the bank president goes to the bank": both 行 háng; 长 zhǎng
    text = "行长去银行了。"
    assert (reading_of(text, "行", 0), reading_of(text, "长"), reading_of(text, "行", 1)) == ("hang2", "zhang3", "hang2")


def test_model_not_loaded_without_polyphones() -> None:
    # A sentence with no polyphonic character never needs the model (checked in a fresh process).
    import subprocess
    import sys

    code = (
        "import sys\nfrom flashgen.models import Sentence\nfrom flashgen.study.annotate import annotate\n"
        "annotate([Sentence(0, 0, None, None, '我们热爱和平。')])\nprint('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
